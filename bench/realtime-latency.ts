// Benchmark (not a test; it asserts nothing and never fails on numbers): create-to-deliver
// latency of the real-time layer. From the moment a member emits `annotation:create` to the
// moment every other member of the group has received `annotation:changed`, through the
// production server (auth, validation, permission checks, the Postgres write and the change
// log), against a bare socket.io server fanning out a message of the same size, same run.
//
//   node --import tsx bench/realtime-latency.ts [--clients 200,1000] [--rates 20,100,300]
//        [--warmup 3] [--seconds 12] [--quiet-wait 30] [--rebuild] [--no-write]
//
// What it does:
//  1. Builds the app when .next has no build (or with --rebuild).
//  2. Recreates marginalia_bench_realtime (migrations, the demo document) and bulk-inserts
//     1,000 readers with API tokens in groups of 20 (bench/support/bench-database.ts).
//  3. Starts the production server (`server/main.ts`, NODE_ENV=production, port 3300) and,
//     once the size of a real `annotation:changed` is known, the bare server
//     (bench/realtime-bare-server.ts, port 3301).
//  4. Two load-generator children (bench/realtime-latency-clients.ts), each holding half of
//     the groups, connect the clients (`auth: {token, clientId}`, WebSocket) and join their
//     group's stream. For each client count and rate: warm-up, then a measured window of
//     creates at a fixed rate (open loop) by random members, each a highlight of a random
//     passage with a client-chosen id; receipts are timed in the generator that sent.
//  5. Samples CPU (utime + stime) and RSS of the server from /proc, CPU of the bench
//     database's Postgres backends and of the generators, and the machine's busy CPUs.
//  6. Writes BENCHMARKS.md ("Real-time create-to-deliver latency"; other sections kept)
//     and bench/results/realtime-latency-latest.json.
// Every child is stopped at the end, also on error or Ctrl-C.
import { randomBytes } from "node:crypto";
import {
  ensureBuild,
  loadAverage,
  log,
  machineInfo,
  ms,
  percentile,
  sleep,
  argument,
  writeResults,
  writeSection,
  type Machine,
} from "./support/bench-report";
import { ADMIN_URL, prepareBenchDatabase, seedStudyGroups, type BenchDocument } from "./support/bench-database";
import {
  MachineSampler,
  ProcessSampler,
  ipcRequest,
  PostgresSampler,
  spawnTsx,
  startAppServer,
  stopAllAndExit,
  waitForQuietMachine,
  waitUntilHealthy,
  type BenchChild,
} from "./support/bench-processes";
import type { GeneratorCommand, LatencyClient, PhaseResult, ServerMode } from "./realtime-latency-clients";

const SECTION_TITLE = "Real-time create-to-deliver latency";
const DATABASE = "marginalia_bench_realtime";
const APP_PORT = 3300;
const BARE_PORT = 3301;
const GROUP_SIZE = 20;
const CLIENT_COUNTS = (argument("clients") ?? "200,1000").split(",").map(Number);
const RATES = (argument("rates") ?? "20,100,300").split(",").map(Number);
const WARMUP_MS = Number(argument("warmup") ?? 3) * 1000;
const MEASURE_MS = Number(argument("seconds") ?? 12) * 1000;
/** After the window: how long to wait for outstanding acknowledgements and receipts. */
const DRAIN_MS = 60_000;
/** Before each point, wait up to this long for other processes to leave the CPUs alone. */
const QUIET_WAIT_S = Number(argument("quiet-wait") ?? 30);
const GENERATORS = 2;
/** p99 targets of issue #5, at 1,000 clients. */
const TARGETS: Record<number, number> = { 100: 25, 300: 60 };
const TARGET_CLIENTS = 1000;

type Point = {
  server: ServerMode;
  clients: number;
  rate: number;
  creates: number;
  p50: number;
  p99: number;
  max: number;
  perCreateMaxP50: number;
  perCreateMaxP99: number;
  ackP50: number;
  ackP99: number;
  ackErrors: Record<string, number>;
  expectedReceipts: number;
  missingReceipts: number;
  duplicateReceipts: number;
  serverCpus: number;
  /** Server CPU milliseconds per acknowledged create (warm-up, window and drain, over every create acknowledged). */
  serverCpuMsPerCreate: number;
  postgresCpuMsPerCreate: number;
  serverRssPeakMiB: number;
  postgresCpus: number;
  generatorCpus: number;
  machineBusyCpus: number;
  otherCpus: number;
  sendLagP99: number;
  loopDelayP99: number;
  eventBytes: number;
  /** Creates acknowledged per second during the window: below the offered rate, the server fell behind. */
  ackedPerSecond: number;
  unackedAfterDrain: number;
  drainMs: number;
  load: string;
};

async function main() {
  const started = Date.now();
  ensureBuild();
  const { databaseUrl, document } = await prepareBenchDatabase(DATABASE);
  const maxClients = Math.max(...CLIENT_COUNTS);
  const study = await seedStudyGroups(databaseUrl, maxClients, GROUP_SIZE);
  log(`database ${DATABASE}: ${study.readers.length} readers in ${study.groups.length} groups of ${GROUP_SIZE}`);
  const clients: LatencyClient[] = study.readers.map((reader) => ({
    userId: reader.userId,
    token: reader.token,
    groupId: reader.groupId,
    clientId: `bench${randomBytes(8).toString("hex")}`,
  }));

  const app = await startAppServer({ port: APP_PORT, databaseUrl });
  const generators = Array.from({ length: GENERATORS }, () => spawnTsx("bench/realtime-latency-clients.ts", [], {}, { ipc: true }));
  let bare: (BenchChild & { origin: string }) | null = null;

  const machine = machineInfo();
  const loadBefore = loadAverage();
  const points: Point[] = [];
  let eventBytes = 0;

  for (const [round, count] of CLIENT_COUNTS.entries()) {
    const chosen = clients.slice(0, count);
    // The app first in the first round (the bare server needs the app's message size), then alternate.
    const order: ServerMode[] = round % 2 === 0 ? ["app", "bare"] : ["bare", "app"];
    for (const mode of order) {
      if (mode === "bare" && !bare) bare = await startBareServer(eventBytes || 1400);
      const server = mode === "app" ? app : bare!;
      const connectStarted = performance.now();
      const shares = splitByGroup(chosen, GENERATORS);
      const connected = await Promise.all(
        generators.map((generator, index) =>
          ipcRequest<{ count: number; failed: number }>(
            generator,
            { type: "connect", url: server.origin, mode, clients: shares[index]!, document } satisfies GeneratorCommand,
            "connected",
          ),
        ),
      );
      const failed = connected.reduce((sum, reply) => sum + reply.failed, 0);
      log(`${mode}: ${count} clients connected and joined in ${ms(performance.now() - connectStarted)}${failed ? ` (${failed} failed)` : ""}`);
      if (failed > 0) throw new Error(`${failed} clients could not connect to the ${mode} server:\n${server.log.slice(-20).join("\n")}`);
      await sleep(2000);

      for (const rate of RATES) {
        if (QUIET_WAIT_S > 0) await waitForQuietMachine(QUIET_WAIT_S);
        const serverSampler = new ProcessSampler([server.pid]);
        const postgresSampler = await PostgresSampler.start(ADMIN_URL, DATABASE);
        const generatorSampler = new ProcessSampler(generators.map((generator) => generator.pid));
        const machineSampler = new MachineSampler();
        const results = await Promise.all(
          generators.map((generator) =>
            ipcRequest<{ result: PhaseResult }>(
              generator,
              { type: "run", rate: rate / GENERATORS, warmupMs: WARMUP_MS, measureMs: MEASURE_MS, drainMs: DRAIN_MS } satisfies GeneratorCommand,
              "result",
            ).then((reply) => reply.result),
          ),
        );
        const serverUse = serverSampler.stop();
        const postgresUse = await postgresSampler.stop();
        const generatorUse = generatorSampler.stop();
        const machineUse = machineSampler.stop();
        // CPU per create the server completed (warm-up included); refused ones cost too, but less.
        const sentCreates = Math.max(1, results.reduce((sum, result) => sum + result.acknowledgedCreates, 0));
        const point = summarize(mode, count, rate, results, {
          serverCpus: serverUse.cpus,
          serverCpuMsPerCreate: (serverUse.cpuSeconds * 1000) / sentCreates,
          postgresCpuMsPerCreate: (postgresUse.cpuSeconds * 1000) / sentCreates,
          serverRssPeakMiB: serverUse.peakRssMiB,
          postgresCpus: postgresUse.cpus,
          generatorCpus: generatorUse.cpus,
          machineBusyCpus: machineUse.busyCpus,
          otherCpus: Math.max(0, machineUse.busyCpus - serverUse.cpus - postgresUse.cpus - generatorUse.cpus),
          load: loadAverage(),
        });
        if (mode === "app" && point.eventBytes > 0) eventBytes = point.eventBytes;
        points.push(point);
        log(
          `${mode} ${count} clients ${rate}/s: acked ${point.ackedPerSecond.toFixed(0)}/s, p50 ${ms(point.p50)} p99 ${ms(point.p99)} max ${ms(point.max)}, per-create max p99 ${ms(point.perCreateMaxP99)}, ` +
            `ack p99 ${ms(point.ackP99)}, missing ${point.missingReceipts}/${point.expectedReceipts}, errors ${JSON.stringify(point.ackErrors)}, ` +
            `server ${(point.serverCpus * 100).toFixed(0)}% CPU ${point.serverRssPeakMiB.toFixed(0)} MiB, pg ${(point.postgresCpus * 100).toFixed(0)}%, ` +
            `generators ${(point.generatorCpus * 100).toFixed(0)}%, other ${(point.otherCpus * 100).toFixed(0)}%, send lag p99 ${ms(point.sendLagP99)}`,
        );
      }
      await Promise.all(generators.map((generator) => ipcRequest(generator, { type: "disconnect" } satisfies GeneratorCommand, "disconnected")));
      await sleep(2000);
    }
  }

  const loadAfter = loadAverage();
  const elapsed = Math.round((Date.now() - started) / 1000);
  const report = buildReport(points, machine, `${loadBefore} before, ${loadAfter} after`, await serverVersion(databaseUrl), document, elapsed);
  writeResults("realtime-latency", { machine, load: { before: loadBefore, after: loadAfter }, groupSize: GROUP_SIZE, warmupMs: WARMUP_MS, measureMs: MEASURE_MS, points });
  if (!process.argv.includes("--no-write")) writeSection(SECTION_TITLE, report);
  console.log(`\n${report}`);
  log(`done in ${elapsed} s`);
}

async function startBareServer(eventBytes: number) {
  const server = spawnTsx("bench/realtime-bare-server.ts", ["--port", String(BARE_PORT), "--event-bytes", String(eventBytes)], {});
  await waitUntilHealthy(`http://127.0.0.1:${BARE_PORT}/health`, server);
  log(`bare socket.io server ready on port ${BARE_PORT} (pid ${server.pid}), ${eventBytes}-byte events`);
  return { ...server, origin: `http://127.0.0.1:${BARE_PORT}` };
}

/** Whole groups per generator, alternating, so each generator times its own senders and receivers. */
function splitByGroup(clients: LatencyClient[], parts: number): LatencyClient[][] {
  const groups = [...new Set(clients.map((client) => client.groupId))];
  const part = new Map(groups.map((groupId, index) => [groupId, index % parts]));
  const shares: LatencyClient[][] = Array.from({ length: parts }, () => []);
  for (const client of clients) shares[part.get(client.groupId)!]!.push(client);
  return shares;
}

function summarize(
  server: ServerMode,
  clients: number,
  rate: number,
  results: PhaseResult[],
  usage: Pick<Point, "serverCpus" | "serverCpuMsPerCreate" | "postgresCpuMsPerCreate" | "serverRssPeakMiB" | "postgresCpus" | "generatorCpus" | "machineBusyCpus" | "otherCpus" | "load">,
): Point {
  const receipts = results.flatMap((result) => result.receipts);
  const perCreateMax = results.flatMap((result) => result.perCreateMax);
  const acks = results.flatMap((result) => result.acks);
  const ackErrors: Record<string, number> = {};
  for (const result of results) for (const [code, n] of Object.entries(result.ackErrors)) ackErrors[code] = (ackErrors[code] ?? 0) + n;
  const sum = (pick: (result: PhaseResult) => number) => results.reduce((total, result) => total + pick(result), 0);
  return {
    server,
    clients,
    rate,
    creates: sum((result) => result.creates),
    p50: percentile(receipts, 50),
    p99: percentile(receipts, 99),
    max: receipts.reduce((max, value) => Math.max(max, value), 0),
    perCreateMaxP50: percentile(perCreateMax, 50),
    perCreateMaxP99: percentile(perCreateMax, 99),
    ackP50: percentile(acks, 50),
    ackP99: percentile(acks, 99),
    ackErrors,
    expectedReceipts: sum((result) => result.expectedReceipts),
    missingReceipts: sum((result) => result.missingReceipts),
    duplicateReceipts: sum((result) => result.duplicateReceipts),
    sendLagP99: Math.max(...results.map((result) => result.sendLagP99)),
    loopDelayP99: Math.max(...results.map((result) => result.eventLoopDelay.p99)),
    eventBytes: Math.max(...results.map((result) => result.eventBytes)),
    ackedPerSecond: sum((result) => result.ackedPerSecondInWindow),
    unackedAfterDrain: sum((result) => result.unackedAfterDrain),
    drainMs: Math.max(...results.map((result) => result.drainMs)),
    ...usage,
  };
}

async function serverVersion(databaseUrl: string): Promise<string> {
  const pg = (await import("pg")).default;
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query<{ server_version: string }>("SHOW server_version")).rows[0]?.server_version ?? "unknown";
  } finally {
    await client.end();
  }
}

function buildReport(points: Point[], machine: Machine, load: string, postgresServer: string, document: BenchDocument, elapsed: number): string {
  const find = (server: ServerMode, clients: number, rate: number) => points.find((p) => p.server === server && p.clients === clients && p.rate === rate);
  const pct = (cpus: number) => `${(cpus * 100).toFixed(0)}%`;
  const rows: string[] = [];
  for (const clients of CLIENT_COUNTS) {
    for (const rate of RATES) {
      const app = find("app", clients, rate);
      const bare = find("bare", clients, rate);
      if (!app || !bare) continue;
      const target = clients === TARGET_CLIENTS ? TARGETS[rate] : undefined;
      const met = target === undefined ? "—" : app.p99 <= target && app.missingReceipts === 0 && Object.keys(app.ackErrors).length === 0 ? "yes" : "**no**";
      rows.push(
        `| ${clients.toLocaleString("en")} | ${rate} | ${ms(app.p50)} | **${ms(app.p99)}** | ${ms(app.perCreateMaxP99)} | ${ms(app.ackP99)} | ` +
          `${ms(bare.p50)} | ${ms(bare.p99)} | ${(app.p99 / bare.p99).toFixed(1)}× | ` +
          `${pct(app.serverCpus)}, ${app.serverCpuMsPerCreate.toFixed(2)} ms/create / ${app.serverRssPeakMiB.toFixed(0)} MiB | ` +
          `${pct(app.postgresCpus)}, ${app.postgresCpuMsPerCreate.toFixed(2)} ms/create | ` +
          `${pct(bare.serverCpus)}, ${bare.serverCpuMsPerCreate.toFixed(2)} ms/create / ${bare.serverRssPeakMiB.toFixed(0)} MiB | ` +
          `${pct(app.generatorCpus)} / ${pct(bare.generatorCpus)} | ${pct(app.otherCpus)} / ${pct(bare.otherCpus)} | ` +
          `${app.ackedPerSecond.toFixed(0)}/s; ${app.missingReceipts}/${app.expectedReceipts}, ${errorsText(app.ackErrors)} | ${target === undefined ? "—" : `≤ ${target} ms`} | ${met} |`,
      );
    }
  }
  const raw = points.map(
    (p) =>
      `- ${p.server}, ${p.clients} clients, ${p.rate}/s: ${p.creates} creates, receipts p50 ${ms(p.p50)} p99 ${ms(p.p99)} max ${ms(p.max)}; ` +
      `per-create max p50 ${ms(p.perCreateMaxP50)} p99 ${ms(p.perCreateMaxP99)}; ack p50 ${ms(p.ackP50)} p99 ${ms(p.ackP99)}; ` +
      `acknowledged ${p.ackedPerSecond.toFixed(0)}/s in the window, ${p.unackedAfterDrain} unanswered after a ${ms(p.drainMs)} drain; ` +
      `missing ${p.missingReceipts}/${p.expectedReceipts}, duplicates ${p.duplicateReceipts}, errors ${errorsText(p.ackErrors)}; ` +
      `server ${pct(p.serverCpus)} CPU (${p.serverCpuMsPerCreate.toFixed(2)} ms per create), peak RSS ${p.serverRssPeakMiB.toFixed(0)} MiB; bench-DB Postgres backends ${pct(p.postgresCpus)} (${p.postgresCpuMsPerCreate.toFixed(2)} ms per create); ` +
      `generators ${pct(p.generatorCpus)} (send lag p99 ${ms(p.sendLagP99)}, event-loop delay p99 ${ms(p.loopDelayP99)}); ` +
      `machine busy ${p.machineBusyCpus.toFixed(2)} CPUs of ${machine.nproc}, of which other processes ${p.otherCpus.toFixed(2)}; ` +
      `event ${p.eventBytes} bytes; load ${p.load}`,
  );
  return [
    `## ${SECTION_TITLE}`,
    "",
    `Generated by \`node --import tsx bench/realtime-latency.ts\` (whole bench ${elapsed} s). Benchmark only: nothing in the test suite checks these numbers.`,
    "",
    `- Date: ${machine.date}`,
    `- Machine: ${machine.nproc} CPUs (nproc), ${machine.cpu}, ${machine.memory} RAM; Node ${machine.node}; PostgreSQL server ${postgresServer} (${machine.postgres})`,
    `- Load average (1/5/15 min): ${load}`,
    `- App: production build ${machine.build}, \`server/main.ts\` with NODE_ENV=production, one process, no Redis (one node)`,
    `- Data: the demo document (${document.text.length.toLocaleString("en")} characters); ${CLIENT_COUNTS.map((n) => n.toLocaleString("en")).join(" and ")} readers with API tokens, ` +
      `groups of ${GROUP_SIZE} (the first of each owns it, the others are members); warm-up ${WARMUP_MS / 1000} s, then ${MEASURE_MS / 1000} s measured per point`,
    "",
    "Latency = from the emit of `annotation:create` to the receipt of `annotation:changed` by each other member of the group (19 per create). " +
      "p50/p99 over all member receipts; \"per-create max\" = p99 over creates of the slowest member. CPU: 100% = one core busy.",
    "",
    "| clients | creates/s | app p50 | **app p99** | app per-create max p99 | app ack p99 | bare p50 | bare p99 | p99 ratio app/bare | app server CPU, per create / peak RSS | Postgres CPU (bench DB), per create | bare server CPU, per create / peak RSS | generators CPU app / bare | other processes CPU app / bare | app acks/s in window; missing receipts, errors | target p99 | met? |",
    "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- | --- |",
    ...rows,
    "",
    costSummary(points, Number(machine.nproc) || 1),
    "",
    "### Method",
    "",
    "- App: the production server with its real handshake (API token in `auth.token`, a client id per socket), `room:join` {documentId, groupId} per client " +
      "(membership check; the socket joins the stream's rooms), and `annotation:create` through the same service as REST: token re-check (batched with " +
      "the checks that arrive meanwhile), zod validation, write budget, the target checked against the revision text, then one SQL statement doing " +
      "the membership check, the insert and the change-log append (creates arriving while one runs share the next: group commit), then delivery by rooms to " +
      "every member but the sending tab (which gets a `stream:tick`). Rate limits raised (RATE_LIMIT_WRITES_PER_ACCOUNT/PER_IP) so they never refuse.",
    `- Baseline: \`bench/realtime-bare-server.ts\`, socket.io 4.8 with no database, no auth and no validation; on \`annotation:create\` it sends ` +
      "`annotation:changed` to the sender's room except the sender, padded to the size of the app's event as the clients received it, and acknowledges. " +
      "Same clients (same generator processes, same groups), same rates, same payload.",
    `- Load: ${GENERATORS} child processes (\`bench/realtime-latency-clients.ts\`), each holding whole groups, so the sender and every receiver of a create ` +
      "share one clock. Creates are scheduled open-loop at a fixed rate (half per generator) from random members; each is a highlight of a random " +
      "5–200-character passage with a client-chosen uuid, its target made by `describeTextRange` on the revision text. Clients connect over WebSocket, " +
      "20 at a time per generator. After the window the generators wait (up to 60 s) until every create is acknowledged and every receipt is in, so an overloaded server's backlog does not spill into the next point; a receipt that never came counts as missing.",
    "- CPU and memory: utime + stime of the server's pid from `/proc/<pid>/stat` over the window (warm-up and drain included), peak VmRSS sampled every 250 ms; " +
      "per create = that CPU time divided by the creates acknowledged with ok in the same span (independent of other work on the machine, unlike latency); " +
      "the bench database's Postgres backends (pids from `pg_stat_activity`) the same way; \"other processes\" = the machine's busy CPUs (`/proc/stat`) " +
      "minus the server, those backends and the generators.",
    `- Honesty about the machine: ${machine.nproc} cores shared by the server, Postgres, both generators and whatever else runs here (other sessions' ` +
      "builds and tests): the generators' CPU is in the table, and every point's load and foreign CPU are in the raw values. The generators' send lag " +
      "(how late a create left against its schedule) and event-loop delay show when the load side itself was the bottleneck.",
    "",
    "<details><summary>Raw values</summary>",
    "",
    ...raw,
    "",
    "</details>",
    "",
  ].join("\n");
}

/** CPU per create, from the points where every create was acknowledged: what the code costs, whatever else ran. */
function costSummary(points: Point[], cores: number): string {
  const clean = (server: ServerMode) => points.filter((p) => p.server === server && Object.keys(p.ackErrors).length === 0 && p.missingReceipts === 0);
  const median = (values: number[]) => percentile(values, 50);
  const app = clean("app");
  const bare = clean("bare");
  if (app.length === 0 || bare.length === 0) return "CPU per create: no point without errors to take it from.";
  const serverMs = median(app.map((p) => p.serverCpuMsPerCreate));
  const postgresMs = median(app.map((p) => p.postgresCpuMsPerCreate));
  const bareMs = median(bare.map((p) => p.serverCpuMsPerCreate));
  return (
    `CPU per create (median over the points with no error and no missing receipt; fan-out to 19 members included): app server ${serverMs.toFixed(2)} ms + ` +
    `its Postgres backends ${postgresMs.toFixed(2)} ms, bare server ${bareMs.toFixed(2)} ms. On ${cores} cores free of other work and of the load ` +
    `generators, that would be a CPU-bound ceiling of about ${Math.round((cores * 1000) / (serverMs + postgresMs))} creates/s for the app ` +
    `(the server alone: one core, ${Math.round(1000 / serverMs)}/s), against about ${Math.round(1000 / bareMs)}/s per core for the bare server.`
  );
}

function errorsText(errors: Record<string, number>): string {
  const entries = Object.entries(errors);
  return entries.length === 0 ? "0 errors" : entries.map(([code, n]) => `${n} ${code}`).join(", ");
}

main().then(
  () => stopAllAndExit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    void stopAllAndExit(1);
  },
);
