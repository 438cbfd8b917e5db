// Benchmark (not a test; it asserts nothing and never fails on numbers): sustained persisted
// writes. How many annotations per second the production server accepts, durably and with
// 0 errors and 0 lost (every acknowledged id is looked up in the database afterwards:
// present exactly once, with exactly one change-log event), against the raw insert rate of
// an equivalent row into the same table measured in the same run.
//
//   node --import tsx bench/persisted-writes.ts [--writers 8,16] [--transports socket,rest] [--warmup 3] [--seconds 15]
//        [--quiet-wait 30] [--rebuild] [--no-write]
//
// What it does:
//  1. Builds the app when .next has no build (or with --rebuild).
//  2. Recreates marginalia_bench_writes (migrations, the demo document) with 16 groups of 4
//     readers holding API tokens (bench/support/bench-database.ts).
//  3. Raw baseline, before and after the server runs: 8 concurrent writers doing single-row
//     INSERTs of the row a highlight becomes, through Prisma (adapter-pg, pool of 10, as the
//     app uses it) and through plain `pg` (pool of 8).
//  4. The production server (`server/main.ts`, NODE_ENV=production, port 3310) and one
//     writer child (bench/persisted-writes-clients.ts): closed-loop writers, each in its
//     own group (and one run with every writer in one group), over the socket
//     (`annotation:create`, acknowledged) and over REST (POST /api/annotations, 201).
//  5. Verifies in the database, samples CPU of the server, its Postgres backends and the
//     writers, and writes BENCHMARKS.md ("Sustained persisted writes"; other sections kept)
//     and bench/results/persisted-writes-latest.json.
import { randomBytes, randomUUID } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "@/server/db/generated/client";
import {
  argument,
  ensureBuild,
  loadAverage,
  log,
  machineInfo,
  ms,
  percentile,
  sleep,
  writeResults,
  writeSection,
  type Machine,
} from "./support/bench-report";
import { ADMIN_URL, prepareBenchDatabase, seedStudyGroups, type BenchDocument, type StudyGroups } from "./support/bench-database";
import {
  MachineSampler,
  ProcessSampler,
  ipcRequest,
  PostgresSampler,
  spawnTsx,
  startAppServer,
  stopAllAndExit,
  waitForQuietMachine,
} from "./support/bench-processes";
import { randomHighlight } from "./support/random-annotation";
import type { Transport, Writer, WriterCommand, WriterResult } from "./persisted-writes-clients";

const SECTION_TITLE = "Sustained persisted writes";
const DATABASE = "marginalia_bench_writes";
const APP_PORT = 3310;
const GROUPS = 16;
const GROUP_SIZE = 4;
const RAW_WRITERS = 8;
const WRITER_COUNTS = (argument("writers") ?? "8,16").split(",").map(Number);
const TRANSPORTS = (argument("transports") ?? "socket,rest").split(",") as Transport[];
const WARMUP_MS = Number(argument("warmup") ?? 3) * 1000;
const MEASURE_MS = Number(argument("seconds") ?? 15) * 1000;
/** Before each measured run, wait up to this long for other processes to leave the CPUs alone. */
const QUIET_WAIT_S = Number(argument("quiet-wait") ?? 30);
const TARGET_RATE = 800;
const TARGET_SHARE_OF_RAW = 0.5;

type Usage = { serverCpus: number; serverRssPeakMiB: number; postgresCpus: number; writerCpus: number; machineBusyCpus: number; otherCpus: number; load: string };
/** CPU milliseconds per acknowledged write (warm-up included on both sides): independent of other work on the machine. */
type Cost = { serverMs: number; postgresMs: number; clientMs: number };
type Check = { acked: number; found: number; lost: number; extraEvents: number; missingEvents: number; failedPresent: number };
type ServerRun = {
  label: string;
  transport: Transport;
  writers: number;
  groups: number;
  rate: number;
  measured: number;
  errors: Record<string, number>;
  latencyP50: number;
  latencyP99: number;
  check: Check;
  cost: Cost;
} & Usage;
type RawRun = {
  label: string;
  via: "prisma" | "pg";
  when: "before" | "after";
  rate: number;
  rows: number;
  latencyP50: number;
  latencyP99: number;
  errors: number;
  cost: Cost;
} & Omit<Usage, "serverCpus" | "serverRssPeakMiB" | "writerCpus">;

async function main() {
  const started = Date.now();
  ensureBuild();
  const { databaseUrl, document } = await prepareBenchDatabase(DATABASE);
  const study = await seedStudyGroups(databaseUrl, GROUPS * GROUP_SIZE, GROUP_SIZE, "writer");
  log(`database ${DATABASE}: ${study.readers.length} readers in ${study.groups.length} groups of ${GROUP_SIZE}`);
  const machine = machineInfo();
  const loadBefore = loadAverage();

  const raw: RawRun[] = [];
  raw.push(await measureRaw("prisma", "before", databaseUrl, document, study));
  raw.push(await measureRaw("pg", "before", databaseUrl, document, study));

  const app = await startAppServer({ port: APP_PORT, databaseUrl });
  const writerChild = spawnTsx("bench/persisted-writes-clients.ts", [], {}, { ipc: true });
  const runs: ServerRun[] = [];
  const plans: Array<{ transport: Transport; writers: number; oneGroup: boolean }> = [
    ...TRANSPORTS.flatMap((transport) => WRITER_COUNTS.map((writers) => ({ transport, writers, oneGroup: false }))),
    { transport: TRANSPORTS[0]!, writers: WRITER_COUNTS[0]!, oneGroup: true },
  ];
  // One unmeasured round first: the server's first requests compile routes and warm the pools.
  await runWriters(writerChild, app, "warm-up", { transport: "socket", writers: 4, oneGroup: false }, study, document, databaseUrl, 3000);
  await runWriters(writerChild, app, "warm-up", { transport: "rest", writers: 4, oneGroup: false }, study, document, databaseUrl, 3000);
  for (const plan of plans) {
    const label = `${plan.transport === "socket" ? "socket `annotation:create`" : "REST `POST /api/annotations`"}, ${plan.writers} writers, ${plan.oneGroup ? "all in one group" : `${Math.min(plan.writers, GROUPS)} groups`}`;
    runs.push(await runWriters(writerChild, app, label, plan, study, document, databaseUrl, MEASURE_MS));
  }

  raw.push(await measureRaw("prisma", "after", databaseUrl, document, study));
  raw.push(await measureRaw("pg", "after", databaseUrl, document, study));

  const loadAfter = loadAverage();
  const elapsed = Math.round((Date.now() - started) / 1000);
  const report = buildReport(runs, raw, machine, `${loadBefore} before, ${loadAfter} after`, await serverVersion(databaseUrl), elapsed);
  // Any error a writer saw is explained in the server's log: show those lines, not a bare count.
  const serverErrors = app.log.filter((line) => /error|\[api\]|\[socket\]/i.test(line));
  if (serverErrors.length > 0) log(`server log lines about errors:\n${serverErrors.slice(-40).join("\n")}`);
  writeResults("persisted-writes", { machine, load: { before: loadBefore, after: loadAfter }, warmupMs: WARMUP_MS, measureMs: MEASURE_MS, raw, runs });
  if (!process.argv.includes("--no-write")) writeSection(SECTION_TITLE, report);
  console.log(`\n${report}`);
  log(`done in ${elapsed} s`);
}

// ---------------------------------------------------------------- raw inserts

/** The row a socket or REST highlight becomes, inserted directly: what the database alone can take. */
async function measureRaw(via: "prisma" | "pg", when: "before" | "after", databaseUrl: string, document: BenchDocument, study: StudyGroups): Promise<RawRun> {
  const prisma = via === "prisma" ? new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl, max: 10 }) }) : null;
  const pool = via === "pg" ? new pg.Pool({ connectionString: databaseUrl, max: RAW_WRITERS }) : null;
  const insert = async (writer: number) => {
    const reader = study.readers[(writer % GROUPS) * GROUP_SIZE]!;
    const input = randomHighlight(document, reader.groupId);
    const [position, quote] = input.target!.selector;
    const row = {
      id: randomUUID(),
      documentId: document.documentId,
      revisionId: document.revisionId,
      groupId: reader.groupId,
      authorId: reader.userId,
      kind: "highlight" as const,
      targetStart: position.start,
      targetEnd: position.end,
      quoteExact: quote.exact,
      quotePrefix: quote.prefix ?? "",
      quoteSuffix: quote.suffix ?? "",
      tags: [],
      color: input.color ?? null,
    };
    if (prisma) {
      await prisma.annotation.create({ data: row, select: { id: true } });
    } else {
      await pool!.query(
        `INSERT INTO annotations (id, document_id, revision_id, group_id, author_id, kind, target_start, target_end,
           quote_exact, quote_prefix, quote_suffix, tags, color, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6::annotation_kind, $7, $8, $9, $10, $11, $12, $13, now())`,
        [row.id, row.documentId, row.revisionId, row.groupId, row.authorId, row.kind, row.targetStart, row.targetEnd, row.quoteExact, row.quotePrefix, row.quoteSuffix, row.tags, row.color],
      );
    }
  };
  try {
    // Connect the pool and warm up, then measure.
    await closedLoop(RAW_WRITERS, WARMUP_MS, insert);
    if (QUIET_WAIT_S > 0) await waitForQuietMachine(QUIET_WAIT_S);
    const benchSampler = new ProcessSampler([process.pid]);
    const postgresSampler = await PostgresSampler.start(ADMIN_URL, DATABASE);
    const machineSampler = new MachineSampler();
    const measured = await closedLoop(RAW_WRITERS, MEASURE_MS, insert);
    const benchUse = benchSampler.stop();
    const postgresUse = await postgresSampler.stop();
    const machineUse = machineSampler.stop();
    const result: RawRun = {
      label: `${via === "prisma" ? "Prisma `annotation.create`" : "`pg` INSERT"}, ${RAW_WRITERS} writers`,
      via,
      when,
      rate: measured.latencies.length / (MEASURE_MS / 1000),
      rows: measured.latencies.length,
      latencyP50: percentile(measured.latencies, 50),
      latencyP99: percentile(measured.latencies, 99),
      errors: measured.errors,
      cost: {
        serverMs: 0,
        postgresMs: (postgresUse.cpuSeconds * 1000) / measured.inserted,
        clientMs: (benchUse.cpuSeconds * 1000) / measured.inserted,
      },
      postgresCpus: postgresUse.cpus,
      machineBusyCpus: machineUse.busyCpus,
      otherCpus: Math.max(0, machineUse.busyCpus - benchUse.cpus - postgresUse.cpus),
      load: loadAverage(),
    };
    log(`raw ${via} (${when}): ${result.rate.toFixed(0)} rows/s, CPU per row: client ${result.cost.clientMs.toFixed(2)} ms, pg ${result.cost.postgresMs.toFixed(2)} ms, p50 ${ms(result.latencyP50)}, p99 ${ms(result.latencyP99)}, errors ${result.errors}, other CPU ${result.otherCpus.toFixed(2)}`);
    return result;
  } finally {
    await prisma?.$disconnect();
    await pool?.end();
  }
}

async function closedLoop(writers: number, durationMs: number, insert: (writer: number) => Promise<void>) {
  const end = performance.now() + durationMs;
  const latencies: number[] = [];
  let errors = 0;
  let inserted = 0;
  await Promise.all(
    Array.from({ length: writers }, async (_, writer) => {
      while (performance.now() < end) {
        const sentAt = performance.now();
        try {
          await insert(writer);
          inserted++;
          const doneAt = performance.now();
          if (doneAt <= end) latencies.push(doneAt - sentAt);
        } catch (error) {
          if (errors++ === 0) console.error(error);
        }
      }
    }),
  );
  return { latencies, errors, inserted };
}

// ---------------------------------------------------------------- through the server

async function runWriters(
  writerChild: ReturnType<typeof spawnTsx>,
  app: Awaited<ReturnType<typeof startAppServer>>,
  label: string,
  plan: { transport: Transport; writers: number; oneGroup: boolean },
  study: StudyGroups,
  document: BenchDocument,
  databaseUrl: string,
  measureMs: number,
): Promise<ServerRun> {
  const writers: Writer[] = Array.from({ length: plan.writers }, (_, index) => {
    // Each writer its own account; its own group (up to GROUPS), or all in the first group.
    const group = plan.oneGroup ? 0 : index % GROUPS;
    const member = plan.oneGroup ? index % GROUP_SIZE : Math.floor(index / GROUPS) % GROUP_SIZE;
    const reader = study.readers[group * GROUP_SIZE + member]!;
    return { token: reader.token, groupId: reader.groupId, clientId: `bench${randomBytes(8).toString("hex")}` };
  });
  if (QUIET_WAIT_S > 0 && measureMs === MEASURE_MS) await waitForQuietMachine(QUIET_WAIT_S);
  const serverSampler = new ProcessSampler([app.pid]);
  const postgresSampler = await PostgresSampler.start(ADMIN_URL, DATABASE);
  const writerSampler = new ProcessSampler([writerChild.pid]);
  const machineSampler = new MachineSampler();
  const { result } = await ipcRequest<{ result: WriterResult }>(
    writerChild,
    { type: "run", url: app.origin, transport: plan.transport, writers, document, warmupMs: WARMUP_MS, measureMs } satisfies WriterCommand,
    "result",
  );
  const serverUse = serverSampler.stop();
  const postgresUse = await postgresSampler.stop();
  const writerUse = writerSampler.stop();
  const machineUse = machineSampler.stop();
  const check = await verify(databaseUrl, result);
  const run: ServerRun = {
    label,
    transport: plan.transport,
    writers: plan.writers,
    groups: new Set(writers.map((writer) => writer.groupId)).size,
    rate: result.measuredIds.length / result.measuredSeconds,
    measured: result.measuredIds.length,
    errors: result.errors,
    latencyP50: percentile(result.latencies, 50),
    latencyP99: percentile(result.latencies, 99),
    check,
    cost: {
      serverMs: (serverUse.cpuSeconds * 1000) / result.ackedIds.length,
      postgresMs: (postgresUse.cpuSeconds * 1000) / result.ackedIds.length,
      clientMs: (writerUse.cpuSeconds * 1000) / result.ackedIds.length,
    },
    serverCpus: serverUse.cpus,
    serverRssPeakMiB: serverUse.peakRssMiB,
    postgresCpus: postgresUse.cpus,
    writerCpus: writerUse.cpus,
    machineBusyCpus: machineUse.busyCpus,
    otherCpus: Math.max(0, machineUse.busyCpus - serverUse.cpus - postgresUse.cpus - writerUse.cpus),
    load: loadAverage(),
  };
  log(
    `${label}: ${run.rate.toFixed(0)} annotations/s, p50 ${ms(run.latencyP50)} p99 ${ms(run.latencyP99)}, errors ${JSON.stringify(run.errors)}, ` +
      `acked ${check.acked} found ${check.found} lost ${check.lost}, events missing ${check.missingEvents} extra ${check.extraEvents}, ` +
      `CPU per write: server ${run.cost.serverMs.toFixed(2)} ms, pg ${run.cost.postgresMs.toFixed(2)} ms, writers ${run.cost.clientMs.toFixed(2)} ms; ` +
      `server ${(run.serverCpus * 100).toFixed(0)}% pg ${(run.postgresCpus * 100).toFixed(0)}% writers ${(run.writerCpus * 100).toFixed(0)}% other ${(run.otherCpus * 100).toFixed(0)}%`,
  );
  await sleep(1000);
  return run;
}

/** Every acknowledged id in the database exactly once, with exactly one change-log event. */
async function verify(databaseUrl: string, result: WriterResult): Promise<Check> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const acked = [...new Set(result.ackedIds)];
    const found = await client.query<{ count: string }>("SELECT count(*) FROM annotations WHERE id = ANY($1::uuid[])", [acked]);
    const events = await client.query<{ annotation_id: string; n: string }>(
      "SELECT annotation_id, count(*) AS n FROM change_events WHERE annotation_id = ANY($1::uuid[]) GROUP BY annotation_id",
      [acked],
    );
    const failedPresent = await client.query<{ count: string }>("SELECT count(*) FROM annotations WHERE id = ANY($1::uuid[])", [result.failedIds]);
    const foundCount = Number(found.rows[0]?.count ?? 0);
    return {
      acked: acked.length,
      found: foundCount,
      lost: acked.length - foundCount,
      missingEvents: acked.length - events.rows.length,
      extraEvents: events.rows.reduce((sum, row) => sum + Math.max(0, Number(row.n) - 1), 0),
      failedPresent: Number(failedPresent.rows[0]?.count ?? 0),
    };
  } finally {
    await client.end();
  }
}

async function serverVersion(databaseUrl: string): Promise<string> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query<{ server_version: string }>("SHOW server_version")).rows[0]?.server_version ?? "unknown";
  } finally {
    await client.end();
  }
}

// ---------------------------------------------------------------- report

function buildReport(runs: ServerRun[], raw: RawRun[], machine: Machine, load: string, postgresServer: string, elapsed: number): string {
  const pct = (cpus: number) => `${(cpus * 100).toFixed(0)}%`;
  const rawRate = (via: "prisma" | "pg") => {
    const rates = raw.filter((run) => run.via === via).map((run) => run.rate);
    return rates.reduce((sum, rate) => sum + rate, 0) / rates.length;
  };
  const prismaRaw = rawRate("prisma");
  const pgRaw = rawRate("pg");
  const cores = Number(machine.nproc) || 1;
  const costText = (cost: Cost) => `${cost.serverMs.toFixed(2)} / ${cost.postgresMs.toFixed(2)} / ${cost.clientMs.toFixed(2)} ms`;
  const ceiling = (msPerWrite: number) => `${Math.round((cores * 1000) / msPerWrite).toLocaleString("en")}/s`;
  const errorsText = (errors: Record<string, number>) =>
    Object.keys(errors).length === 0 ? "0" : Object.entries(errors).map(([code, n]) => `${n} ${code}`).join(", ");
  const rows = runs.map((run) => {
    const clean = Object.keys(run.errors).length === 0 && run.check.lost === 0 && run.check.missingEvents === 0 && run.check.extraEvents === 0;
    const met = run.rate >= TARGET_RATE && run.rate >= TARGET_SHARE_OF_RAW * prismaRaw && clean;
    return (
      `| ${run.label} | **${run.rate.toFixed(0)}** | ${errorsText(run.errors)} | ${run.check.lost} of ${run.check.acked} | ` +
      `${run.check.missingEvents} / ${run.check.extraEvents} | ${ms(run.latencyP50)} / ${ms(run.latencyP99)} | ` +
      `${(run.rate / prismaRaw).toFixed(2)} / ${(run.rate / pgRaw).toFixed(2)} | ${pct(run.serverCpus)} / ${run.serverRssPeakMiB.toFixed(0)} MiB | ` +
      `${pct(run.postgresCpus)} | ${pct(run.writerCpus)} | ${pct(run.otherCpus)} | ${costText(run.cost)} | ${ceiling(run.cost.serverMs + run.cost.postgresMs)} | ${met ? "yes" : "**no**"} |`
    );
  });
  const rawRows = raw.map(
    (run) =>
      `| ${run.label}, ${run.when} | ${run.rate.toFixed(0)} | ${run.errors} | ${ms(run.latencyP50)} / ${ms(run.latencyP99)} | ${pct(run.postgresCpus)} | ${pct(run.otherCpus)} | ` +
      `${run.cost.clientMs.toFixed(2)} / ${run.cost.postgresMs.toFixed(2)} ms | ${ceiling(run.cost.clientMs + run.cost.postgresMs)} |`,
  );
  return [
    `## ${SECTION_TITLE}`,
    "",
    `Generated by \`node --import tsx bench/persisted-writes.ts\` (whole bench ${elapsed} s). Benchmark only: nothing in the test suite checks these numbers.`,
    "",
    `- Date: ${machine.date}`,
    `- Machine: ${machine.nproc} CPUs (nproc), ${machine.cpu}, ${machine.memory} RAM; Node ${machine.node}; PostgreSQL server ${postgresServer} (local, fsync and synchronous_commit on)`,
    `- Load average (1/5/15 min): ${load}`,
    `- App: production build ${machine.build}, \`server/main.ts\` with NODE_ENV=production, one process (Prisma pool of 10), no Redis`,
    `- Data: the demo document; ${GROUPS} groups of ${GROUP_SIZE} readers with API tokens; every write is a highlight of a random passage with a client-chosen id; ` +
      `warm-up ${WARMUP_MS / 1000} s, then ${MEASURE_MS / 1000} s measured per run`,
    `- Target (issue #5): at least ${TARGET_RATE} annotations/s with 0 errors and 0 lost, and at least ${TARGET_SHARE_OF_RAW * 100}% of the raw rate of the same run ` +
      `(the issue's raw rate is Prisma's; the ratio to plain \`pg\` is shown too). Raw rate here: Prisma **${prismaRaw.toFixed(0)}**/s, \`pg\` **${pgRaw.toFixed(0)}**/s (mean of before and after).`,
    "",
    "| through the server | annotations/s | errors | lost (of acknowledged) | change events missing / extra | latency p50 / p99 | ratio to raw Prisma / raw pg | server CPU / peak RSS | Postgres CPU (bench DB) | writers CPU | other processes CPU | CPU per write: server / Postgres / writers | CPU-bound ceiling (server + Postgres alone on the cores) | target met? |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ...rows,
    "",
    "| raw baseline (single-row INSERT of the same row) | rows/s | errors | latency p50 / p99 | Postgres CPU (bench DB) | other processes CPU | CPU per row: client / Postgres | CPU-bound ceiling |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ...rawRows,
    "",
    "### Method",
    "",
    "- Through the server: one child process (`bench/persisted-writes-clients.ts`) runs closed-loop writers, each its own account with its own socket " +
      "(joined to its group's stream, as a reader's tab is) or its own REST caller (`Authorization: Bearer`, `x-client-id`); each sends a create, waits " +
      "for the acknowledgement (`{ok: true}` / HTTP 201), and sends the next. The rate counts creates sent and acknowledged inside the measured window. " +
      "Each create is checked (credential, membership and role, target against the revision text) and stored with its change-log event by one SQL " +
      "statement; creates that arrive while a statement runs go together in the next one (group commit), each acknowledged only after its statement " +
      "has committed (fsync and synchronous_commit on).",
    "- Loss check: every id acknowledged during the run (warm-up included) is looked up afterwards: the row must exist (the primary key makes a second " +
      "copy impossible) and have exactly one `change_events` row. Refused or timed-out ids are reported as errors.",
    `- Raw baseline, in the bench process: ${RAW_WRITERS} concurrent writers inserting the same row (columns and values a highlight gets) one row per ` +
      "statement, autocommit, through Prisma 7 with `@prisma/adapter-pg` (pool of 10, as the app) and through `pg` (pool of 8); before and after the " +
      "server runs, averaged. It has no change log, no permission checks and no transaction around two statements: it is what the database alone allows.",
    `- CPU: utime + stime from \`/proc/<pid>/stat\` of the server, of the bench database's Postgres backends (pids from \`pg_stat_activity\`) and of the ` +
      "writers; \"other processes\" = the machine's busy CPUs (`/proc/stat`) minus those. 100% = one core. The 2 cores are shared by the server, Postgres, " +
      "the writers and other work on the machine (its column shows how much).",
    `- CPU per write: CPU seconds over the whole run (warm-up included) divided by the writes acknowledged in it; it does not depend much on how busy ` +
      `the machine was, unlike the rates. "CPU-bound ceiling" = ${machine.nproc} cores ÷ (server + Postgres CPU per write): the rate the same code ` +
      "could reach if it had the cores to itself and the writers ran elsewhere (an estimate that ignores fsync waits and lock queues; the raw rows use " +
      "client + Postgres).",
    "",
    "<details><summary>Raw values</summary>",
    "",
    ...runs.map(
      (run) =>
        `- ${run.label}: ${run.measured} acknowledged in ${MEASURE_MS / 1000} s; lost ${run.check.lost}; failed ids present in the database ${run.check.failedPresent}; ` +
        `machine busy ${run.machineBusyCpus.toFixed(2)} CPUs; load ${run.load}`,
    ),
    ...raw.map((run) => `- raw ${run.via} ${run.when}: ${run.rows} rows; machine busy ${run.machineBusyCpus.toFixed(2)} CPUs; load ${run.load}`),
    "",
    "</details>",
    "",
  ].join("\n");
}

main().then(
  () => stopAllAndExit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    void stopAllAndExit(1);
  },
);
