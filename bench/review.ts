// Benchmark (not a test; it asserts nothing and never fails on numbers): the review
// endpoint GET /api/groups/{id}/review with 50 members and 5,000 annotations, against
// baselines measured in the same run on the same data.
//
//   node --expose-gc --import tsx bench/review.ts [--runs 60] [--count 5000] [--members 50] [--no-write]
//
// What it does:
//  1. Recreates the database marginalia_bench_review on the local PostgreSQL
//     (BENCH_POSTGRES_URL, default postgresql://postgres@127.0.0.1:5432/postgres):
//     migrations, seedDemoData(), 47 more members in the demo group (50 in all), then
//     5,000 overlapping roots with replies (bench/seed-many-annotations.ts), their authors
//     spread over all 50 members and their dates over 60 days; 1 in 50 flagged, 1 in 100
//     mentioning Dr. Chen; ANALYZE.
//  2. Calls the route handlers in this process (auth by API token, query parsing, the
//     service, JSON serialization: everything but Next's HTTP routing), as Dr. Chen:
//       - review of the document (the page's request), and of every document;
//       - baseline A: a plain SELECT count(*) of the same rows (group, document, live);
//       - baseline B: the thread list GET /api/annotations?documentId=&groupId= over the
//         same rows (what a reviewer would otherwise have to load).
//     Variants interleave within each round after 5 unmeasured warm-up rounds.
//  3. Writes p50/p95/max per variant to BENCHMARKS.md ("Review endpoint with 50 members
//     and 5,000 annotations", other sections untouched) and bench/results/review-latest.json.
import { performance } from "node:perf_hooks";
import pg from "pg";
import { argument, loadAverage, log, machineInfo, ms, percentile, writeResults, writeSection, type Machine } from "./support/bench-report";

const RUNS = Number(argument("runs") ?? 60);
const COUNT = Number(argument("count") ?? 5000);
const MEMBERS = Number(argument("members") ?? 50);
const WARM_UP = 5;
const ADMIN_URL = process.env.BENCH_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const DATABASE = "marginalia_bench_review";
const SECTION_TITLE = "Review endpoint with 50 members and 5,000 annotations";
const TARGET_P95_MS = 150;



const databaseUrl = (() => {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${DATABASE}`;
  return url.toString();
})();
// The app's modules read these when first used, so they are set before any import of them.
process.env.DATABASE_URL = databaseUrl;
process.env.AUTH_SECRET ??= "bench-secret-bench-secret-bench-secret-42";
process.env.RATE_LIMIT_WRITES_PER_ACCOUNT ??= "1000000";

const collectGarbage = (globalThis as { gc?: () => void }).gc;

type Variant = "review (one document)" | "review (all documents)" | "baseline A: SELECT count(*)" | "baseline B: GET /api/annotations";

async function main() {
  const { ensureDatabase } = await import("@/server/db/embedded-postgres");
  const { applyMigrations } = await import("@/server/db/migrations");
  const { seedDemoData } = await import("@/server/seed/seed-demo-data");
  const { seedManyAnnotations } = await import("./seed-many-annotations");
  const { getDb, disconnectDb } = await import("@/server/db/client");
  const { issueApiToken } = await import("@/server/tokens/create-api-token");
  const { DEMO_GROUP_ID } = await import("@/server/seed/demo-annotations");
  const { GET: reviewRoute } = await import("@/app/api/groups/[id]/review/route");
  const { GET: listRoute } = await import("@/app/api/annotations/route");

  const started = Date.now();
  log(`recreating ${DATABASE}`);
  await ensureDatabase(ADMIN_URL, DATABASE, true);
  await applyMigrations(databaseUrl);
  const seeded = await seedDemoData();
  const documentId = seeded.document.documentId;
  const db = getDb();
  const chen = await db.user.findUniqueOrThrow({ where: { email: "chen@demo.marginalia.test" }, select: { id: true } });

  log(`adding ${MEMBERS - 3} members`);
  await db.user.createMany({
    data: Array.from({ length: MEMBERS - 3 }, (_, index) => ({ email: `bench-member-${index}@example.test`, name: `Member ${String(index + 1).padStart(2, "0")}` })),
  });
  await db.$executeRaw`
    INSERT INTO group_memberships (group_id, user_id, role)
    SELECT ${DEMO_GROUP_ID}::uuid, id, 'member' FROM users WHERE email LIKE 'bench-member-%'`;

  log(`seeding ${COUNT} annotations`);
  const many = await seedManyAnnotations({ databaseUrl, count: COUNT, seed: 7 });
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    // Spread authorship over every member and the dates over 60 days, as in a real term.
    await client.query(
      `WITH members AS (SELECT user_id, row_number() OVER (ORDER BY user_id) - 1 AS n FROM group_memberships WHERE group_id = $1),
            counted AS (SELECT count(*) AS total FROM members)
       UPDATE annotations a SET author_id = m.user_id,
         created_at = now() - (abs(hashtext(a.id::text)) % 60) * interval '1 day' - (abs(hashtext(a.id::text || 'h')) % 86400) * interval '1 second'
       FROM members m, counted c
       WHERE a.id::text LIKE 'be4c0000-%' AND m.n = abs(hashtext(a.id::text)) % c.total`,
      [DEMO_GROUP_ID],
    );
    await client.query(
      `INSERT INTO annotation_flags (annotation_id, user_id, reason)
       SELECT id, $1::uuid, 'bench flag' FROM annotations WHERE id::text LIKE 'be4c0000-%' AND abs(hashtext(id::text)) % 50 = 0 AND author_id <> $1::uuid`,
      [chen.id],
    );
    await client.query(
      `INSERT INTO annotation_mentions (annotation_id, user_id)
       SELECT id, $1::uuid FROM annotations WHERE id::text LIKE 'be4c0000-%' AND abs(hashtext(id::text)) % 100 = 1 AND author_id <> $1::uuid`,
      [chen.id],
    );
    await client.query("ANALYZE");
  } finally {
    await client.end();
  }
  const rows = await db.annotation.count({ where: { groupId: DEMO_GROUP_ID, documentId, deletedAt: null } });
  log(`${rows} annotations and replies in the group on the document`);

  const { token } = await issueApiToken({ userId: chen.id, name: "bench" });
  const headers = { authorization: `Bearer ${token}`, "x-forwarded-for": "10.0.0.9" };
  const call = async (handler: (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>, url: string, params: Record<string, string>) => {
    const response = await handler(new Request(`http://localhost${url}`, { headers }), { params: Promise.resolve(params) });
    const body = await response.text();
    if (response.status !== 200) throw new Error(`${url}: ${response.status} ${body.slice(0, 200)}`);
    return body.length;
  };
  const variants: Record<Variant, () => Promise<number>> = {
    "review (one document)": () => call(reviewRoute as never, `/api/groups/${DEMO_GROUP_ID}/review?documentId=${documentId}`, { id: DEMO_GROUP_ID }),
    "review (all documents)": () => call(reviewRoute as never, `/api/groups/${DEMO_GROUP_ID}/review`, { id: DEMO_GROUP_ID }),
    "baseline A: SELECT count(*)": async () => {
      const [row] = await db.$queryRaw<Array<{ count: number }>>`
        SELECT count(*)::int AS count FROM annotations
        WHERE group_id = ${DEMO_GROUP_ID}::uuid AND document_id = ${documentId}::uuid AND deleted_at IS NULL AND hidden_at IS NULL`;
      return String(row?.count).length;
    },
    "baseline B: GET /api/annotations": () => call(listRoute as never, `/api/annotations?documentId=${documentId}&groupId=${DEMO_GROUP_ID}`, {}),
  };
  const names = Object.keys(variants) as Variant[];
  const timings = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<Variant, number[]>;
  const sizes = {} as Record<Variant, number>;
  const loadBefore = loadAverage();
  for (let round = 0; round < WARM_UP + RUNS; round++) {
    // Rotate the order each round so no variant always runs right after another.
    for (const name of names.map((_, index) => names[(index + round) % names.length]!)) {
      // The thread list allocates ~7 MB per call; collecting between requests keeps its
      // garbage from landing in the next variant's timing (needs --expose-gc).
      collectGarbage?.();
      const begin = performance.now();
      sizes[name] = await variants[name]();
      const elapsed = performance.now() - begin;
      if (round >= WARM_UP) timings[name].push(elapsed);
    }
  }
  const loadAfter = loadAverage();
  await disconnectDb();

  const summary = names.map((name) => ({ name, ...stats(timings[name]), bytes: sizes[name] }));
  for (const row of summary) log(`${row.name}: p50 ${ms(row.p50)}, p95 ${ms(row.p95)}, max ${ms(row.max)} (${row.bytes} bytes)`);
  const machine: ReviewMachine = { ...machineInfo(), load: `${loadBefore} before, ${loadAfter} after` };
  const section = report(summary, machine, { many, members: MEMBERS, rows, seconds: Math.round((Date.now() - started) / 1000) }, timings);
  if (!process.argv.includes("--no-write")) {
    writeSection(SECTION_TITLE, section);
    writeResults("review", { machine, summary, timings });
  } else {
    console.log(section);
  }
}

function stats(values: number[]) {
  return { p50: percentile(values, 50), p95: percentile(values, 95), max: Math.max(...values), runs: values.length };
}



type ReviewMachine = Machine & { load: string };


function report(
  summary: Array<{ name: Variant; p50: number; p95: number; max: number; runs: number; bytes: number }>,
  machine: ReviewMachine,
  data: { many: { roots: number; replies: number; byKind: Record<string, number> }; members: number; rows: number; seconds: number },
  timings: Record<Variant, number[]>,
) {
  const review = summary.find((row) => row.name === "review (one document)")!;
  const baselineA = summary.find((row) => row.name === "baseline A: SELECT count(*)")!;
  const baselineB = summary.find((row) => row.name === "baseline B: GET /api/annotations")!;
  const lines = [
    `## ${SECTION_TITLE}`,
    "",
    `Generated by \`node --expose-gc --import tsx bench/review.ts\` (${RUNS} measured rounds after ${WARM_UP} warm-up rounds; whole bench ${data.seconds} s). Benchmark only: nothing in the test suite checks these numbers.`,
    "",
    `- Date: ${machine.date}`,
    `- Machine: ${machine.nproc} CPUs (nproc), ${machine.cpu}, ${machine.memory} RAM, shared with other work (load average ${machine.load})`,
    `- Node ${machine.node}, ${machine.postgres}`,
    `- Data: the demo group with ${data.members} members; the demo document with the demo discussion plus ${data.many.roots} roots (${Object.entries(data.many.byKind).map(([kind, count]) => `${count} ${kind}s`).join(", ")}) and ${data.many.replies} replies, authors spread over all members, dates over 60 days, 1 in 50 flagged, 1 in 100 mentioning the instructor: ${data.rows} live rows in the group on the document`,
    "",
    "| request, as the group's instructor | p50 | p95 | max | response size | target | met? |",
    "| --- | ---: | ---: | ---: | ---: | --- | --- |",
    ...summary.map((row) => {
      const target = row.name === "review (one document)" ? `p95 ≤ ${TARGET_P95_MS} ms` : "—";
      const met = row.name === "review (one document)" ? (row.p95 <= TARGET_P95_MS ? "yes" : "**no**") : "—";
      const name = row.name === "review (one document)" ? `**GET /api/groups/{id}/review?documentId=** (the review page)` : row.name === "review (all documents)" ? "GET /api/groups/{id}/review (every document)" : row.name;
      return `| ${name} | ${ms(row.p50)} | ${ms(row.p95)} | ${ms(row.max)} | ${(row.bytes / 1024).toFixed(1)} KB | ${target} | ${met} |`;
    }),
    "",
    `Review p95 ${ms(review.p95)} against the ${TARGET_P95_MS} ms target; p50 ${ms(review.p50)}, ${(review.p50 / baselineA.p50).toFixed(1)}× the plain count(*) of the same rows and ${(baselineB.p50 / review.p50).toFixed(0)}× faster than loading them as threads. ` +
      `The machine is shared: a load average above its ${machine.nproc} CPUs inflates every figure here, the tail most.`,
    "",
    "### Method",
    "",
    "- In-process calls of the route handlers with an API token (auth lookup, query validation, the service's queries, JSON serialization); Next's HTTP routing is not included. The review runs five grouped queries in Postgres (participation, tags per member, activity per day, passages grouped for the heat map, four queues) on one pool of 10 connections; Node sweeps the grouped passages into segments.",
    "- Baseline A is the cheapest possible look at the same rows (one `count(*)`); baseline B is the existing thread list for the same document and group, which loads every row with its replies.",
    `- Each round runs every variant once, in a rotated order, with a full garbage collection before each request (${collectGarbage ? "on" : "off: run with --expose-gc"}) so one variant's garbage does not land in the next one's timing; p95 is the nearest-rank 95th percentile of the measured rounds.`,
    "",
    "<details><summary>Raw values (ms, run order)</summary>",
    "",
    ...summary.map((row) => `- ${row.name}: [${timings[row.name].map((value) => value.toFixed(1)).join(", ")}]`),
    "",
    "</details>",
  ];
  return `${lines.join("\n")}\n`;
}


main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
