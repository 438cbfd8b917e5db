// Bench: server time to export 5,000 annotations with about 5,000 replies, per format,
// against baselines measured in the same run on the same rows: the JSON list endpoint
// (GET /api/annotations, what the reader loads) and a raw SELECT of the rows.
//
// Run:  node --import tsx bench/export.ts    (BENCH_POSTGRES_URL to use another server)
// It recreates the database marginalia_bench_export (migrations, demo data, then
// bench/seed-many-annotations.ts), calls the route handlers in-process with an API token
// (routing, auth, query, rendering and streaming to the last byte: everything but the
// socket), one warm-up then 5 measured runs per variant interleaved, and writes the
// medians to BENCHMARKS.md ("Export of 5,000 annotations") and bench/results/export-latest.json.
// A benchmark only: no test checks these numbers.
import os from "node:os";
import pg from "pg";
import { log, machineInfo, median, writeResults, writeSection } from "./support/bench-report";

const ADMIN_URL = process.env.BENCH_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const DATABASE = "marginalia_bench_export";
const RUNS = 5;
const ROOTS = 5000;
// Two thirds of the roots get replies, one or two each (1.5 on average): about 5,000 replies.
const REPLY_SHARE = 2 / 3;
const TARGET_MS = 1000;
const SECTION_TITLE = "Export of 5,000 annotations";

const databaseUrl = (() => {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${DATABASE}`;
  return url.toString();
})();
// The app's modules read these when first used, so they are set before any import of them.
process.env.DATABASE_URL = databaseUrl;
process.env.AUTH_SECRET ??= "bench-secret-bench-secret-bench-secret-42";
process.env.RATE_LIMIT_WRITES_PER_ACCOUNT = "1000000";
Object.assign(process.env, { NODE_ENV: "production" });

type Variant = { name: string; run: () => Promise<number> };
type Sample = { wallMs: number; cpuMs: number };

/** Wall time of one run, and the CPU time this process spent in it (PostgreSQL's own time is not included). */
async function measure(variant: Variant): Promise<Sample> {
  const cpu = process.cpuUsage();
  const wallMs = await variant.run();
  const used = process.cpuUsage(cpu);
  return { wallMs, cpuMs: (used.user + used.system) / 1000 };
}

async function main() {
  const { ensureDatabase } = await import("@/server/db/embedded-postgres");
  const { applyMigrations } = await import("@/server/db/migrations");
  const { seedDemoData, DEMO_ACCOUNTS, SEED_DOCUMENT_SLUG } = await import("@/server/seed/seed-demo-data");
  const { DEMO_GROUP_ID } = await import("@/server/seed/demo-annotations");
  const { seedManyAnnotations } = await import("./seed-many-annotations");
  const { getDb, disconnectDb } = await import("@/server/db/client");
  const { issueApiToken } = await import("@/server/tokens/create-api-token");
  const { GET: exportRoute } = await import("@/app/api/documents/[idOrSlug]/export/route");
  const { GET: listRoute } = await import("@/app/api/annotations/route");

  await ensureDatabase(ADMIN_URL, DATABASE, true);
  await applyMigrations(databaseUrl);
  await seedDemoData();
  const seeded = await seedManyAnnotations({ databaseUrl, count: ROOTS, replyShare: REPLY_SHARE, seed: 1 });
  log(`seeded ${seeded.roots} roots and ${seeded.replies} replies in ${seeded.elapsedMs} ms`);

  const db = getDb();
  const ana = await db.user.findUniqueOrThrow({ where: { email: DEMO_ACCOUNTS[0]!.email }, select: { id: true } });
  const document = await db.document.findUniqueOrThrow({ where: { slug: SEED_DOCUMENT_SLUG }, select: { id: true } });
  const { token } = await issueApiToken({ userId: ana.id, name: "bench" });
  const rowCount = await db.annotation.count({ where: { documentId: document.id, groupId: DEMO_GROUP_ID, deletedAt: null } });
  const headers = { authorization: `Bearer ${token}`, "x-forwarded-for": "10.9.9.9" };
  const sizes = new Map<string, number>();

  /** Calls a route handler and reads the body to its last byte; returns milliseconds. */
  const timeRoute = async (name: string, call: () => Promise<Response>) => {
    const started = performance.now();
    const response = await call();
    const body = new Uint8Array(await response.arrayBuffer());
    const elapsed = performance.now() - started;
    if (response.status !== 200) throw new Error(`${name}: HTTP ${response.status} ${new TextDecoder().decode(body).slice(0, 200)}`);
    sizes.set(name, body.byteLength);
    return elapsed;
  };
  const exportVariant = (format: string): Variant => ({
    name: `export ${format}`,
    run: () =>
      timeRoute(`export ${format}`, () =>
        exportRoute(new Request(`http://localhost/api/documents/${document.id}/export?format=${format}&groupId=${DEMO_GROUP_ID}`, { headers }), {
          params: Promise.resolve({ idOrSlug: document.id }),
        }),
      ),
  });
  const raw = new pg.Client({ connectionString: databaseUrl });
  await raw.connect();
  const variants: Variant[] = [
    {
      name: "baseline: raw SELECT of the rows",
      run: async () => {
        const started = performance.now();
        const result = await raw.query(
          `SELECT a.*, u.name AS author_name FROM annotations a JOIN users u ON u.id = a.author_id
            WHERE a.document_id = $1 AND a.group_id = $2 ORDER BY a.target_start NULLS FIRST, a.created_at`,
          [document.id, DEMO_GROUP_ID],
        );
        const elapsed = performance.now() - started;
        sizes.set("baseline: raw SELECT of the rows", result.rowCount ?? 0);
        return elapsed;
      },
    },
    {
      name: "baseline: GET /api/annotations (JSON list)",
      run: () =>
        timeRoute("baseline: GET /api/annotations (JSON list)", () =>
          listRoute(new Request(`http://localhost/api/annotations?documentId=${document.id}&groupId=${DEMO_GROUP_ID}`, { headers }), {
            params: Promise.resolve({}),
          }),
        ),
    },
    exportVariant("markdown"),
    exportVariant("csv"),
    exportVariant("jsonld"),
    exportVariant("html"),
  ];

  const loadBefore = os.loadavg();
  for (const variant of variants) await variant.run(); // warm-up: JIT, plans, pool
  const samples = new Map<string, Sample[]>(variants.map((variant) => [variant.name, []]));
  for (let run = 0; run < RUNS; run++) {
    // Interleaved, alternating direction, so drift on a shared machine hits every variant alike.
    const order = run % 2 === 0 ? variants : [...variants].reverse();
    for (const variant of order) samples.get(variant.name)!.push(await measure(variant));
    log(`run ${run + 1}/${RUNS} done`);
  }
  const loadAfter = os.loadavg();
  await raw.end();
  await disconnectDb();

  const rows = variants.map((variant) => {
    const values = samples.get(variant.name)!;
    return {
      name: variant.name,
      medianMs: median(values.map((sample) => sample.wallMs)),
      medianCpuMs: median(values.map((sample) => sample.cpuMs)),
      values,
      size: sizes.get(variant.name) ?? 0,
    };
  });
  const results = {
    date: new Date().toISOString(),
    machine: machineInfo(),
    load: { before: loadBefore, after: loadAfter },
    data: { roots: seeded.roots, replies: seeded.replies, textLength: seeded.textLength, rowsExported: rowCount },
    targetMs: TARGET_MS,
    rows,
  };
  writeResults("export", results);
  writeSection(SECTION_TITLE, renderSection(results));
  for (const row of rows) log(`${row.name}: median ${row.medianMs.toFixed(1)} ms wall, ${row.medianCpuMs.toFixed(1)} ms CPU`);
}

function renderSection(results: {
  date: string;
  machine: ReturnType<typeof machineInfo>;
  load: { before: number[]; after: number[] };
  data: { roots: number; replies: number; textLength: number; rowsExported: number };
  rows: Array<{ name: string; medianMs: number; medianCpuMs: number; values: Sample[]; size: number }>;
}): string {
  const { machine, data } = results;
  const formatSize = (row: { name: string; size: number }) =>
    row.name.startsWith("baseline: raw") ? `${row.size.toLocaleString("en")} rows` : `${Math.round(row.size / 1024).toLocaleString("en")} KB`;
  const table = results.rows
    .map((row) => {
      const target = row.name.startsWith("export") ? `≤ ${TARGET_MS} ms` : "—";
      const met = row.name.startsWith("export") ? (row.medianMs <= TARGET_MS ? "yes" : "**no**") : "(baseline)";
      return `| ${row.name} | ${row.medianMs.toFixed(1)} ms | ${row.medianCpuMs.toFixed(1)} ms | ${formatSize(row)} | ${target} | ${met} |`;
    })
    .join("\n");
  return `## ${SECTION_TITLE}

Generated by \`node --import tsx bench/export.ts\` (${RUNS} measured runs per variant after one warm-up, interleaved, median). Benchmark only: nothing in the test suite checks these numbers.

- Date: ${results.date}
- Machine: ${machine.nproc} CPUs (nproc), ${machine.cpu}, ${machine.memory} RAM; Node ${machine.node}; ${machine.postgres}
- Load average (1/5/15 min): ${results.load.before.map((value) => value.toFixed(2)).join(" ")} before, ${results.load.after.map((value) => value.toFixed(2)).join(" ")} after (the machine is shared)
- Data: the demo document (${data.textLength.toLocaleString("en")} characters) with the demo discussion, plus ${data.roots.toLocaleString("en")} roots and ${data.replies.toLocaleString("en")} replies (bench/seed-many-annotations.ts, seed 1, reply share ${REPLY_SHARE.toFixed(2)}), all in the demo group; ${data.rowsExported.toLocaleString("en")} rows exported per run (\`groupId\` = the demo group, as the demo reader Ana)
- Measured: the route handler called in-process with an API token, from the call to the last byte of the (streamed) body: authentication, the visibility query, threading, rendering and encoding; not the socket. Baselines on the same rows in the same run: the JSON list endpoint the reader uses, and one raw \`SELECT\` through \`pg\`.

| variant (median of ${RUNS}) | server time (wall) | CPU time of the Node process | size | target (wall) | met? |
| --- | ---: | ---: | ---: | --- | --- |
${table}

On a machine this busy (see the load average: two cores shared with other work), wall time is mostly waiting for a core; the CPU column is the work the Node process itself did, which is what the code controls.

<details><summary>Raw values (wall ms / CPU ms, run order)</summary>

${results.rows.map((row) => `- ${row.name}: [${row.values.map((value) => `${value.wallMs.toFixed(1)}/${value.cpuMs.toFixed(1)}`).join(", ")}]`).join("\n")}

</details>
`;
}





main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
