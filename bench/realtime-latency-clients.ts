// Load generator of bench/realtime-latency.ts, run as a child process (the bench starts
// two) so the clients do not share an event loop with the bench or the server. It holds
// whole groups, so the sender of a create and every member who should receive it live in
// this process and one clock (performance.now()) times them all.
//
// Driven over IPC by the bench:
//   {type: "connect", url, mode, clients, document}  → connects and joins; answers "connected"
//   {type: "run", rate, warmupMs, measureMs, drainMs} → creates at `rate`/s; answers "result"
//   {type: "disconnect"}                              → closes every socket; answers "disconnected"
import { monitorEventLoopDelay } from "node:perf_hooks";
import { io as connectSocket, type Socket } from "socket.io-client";
import type { BenchDocument } from "./support/bench-database";
import { randomHighlight } from "./support/random-annotation";

export type LatencyClient = { userId: string; token: string; groupId: string; clientId: string };
export type ServerMode = "app" | "bare";

export type GeneratorCommand =
  | { type: "connect"; url: string; mode: ServerMode; clients: LatencyClient[]; document: BenchDocument }
  | { type: "run"; rate: number; warmupMs: number; measureMs: number; drainMs: number }
  | { type: "disconnect" };

export type PhaseResult = {
  creates: number;
  /** Every receipt of a measured, acknowledged create by another member of its group, ms after the emit. */
  receipts: number[];
  /** Per measured create: the slowest of its group's receipts (only creates every member received). */
  perCreateMax: number[];
  /** Emit → acknowledgement (the write is durable when the app acknowledges). */
  acks: number[];
  ackErrors: Record<string, number>;
  expectedReceipts: number;
  missingReceipts: number;
  duplicateReceipts: number;
  /** How late creates left against their schedule (the generator's own lag), ms. */
  sendLagP99: number;
  sendLagMax: number;
  eventLoopDelay: { p50: number; p99: number; max: number };
  /** Bytes of one `annotation:changed` as received (JSON), for the baseline's padding. */
  eventBytes: number;
  /** Measured creates acknowledged during the measured window, per second: what the server kept up with. */
  ackedPerSecondInWindow: number;
  /** Creates still unanswered when the drain gave up (an overloaded server's backlog). */
  unackedAfterDrain: number;
  /** Every create (warm-up included) acknowledged with ok, for CPU per create. */
  acknowledgedCreates: number;
  drainMs: number;
};

type Member = { client: LatencyClient; socket: Socket };
type Pending = { sentAt: number; expected: number; received: Set<number>; max: number; measured: boolean; refused: boolean };

let members: Member[] = [];
let document: BenchDocument | null = null;
let mode: ServerMode = "app";
const pending = new Map<string, Pending>();
let receipts: number[] = [];
let duplicates = 0;
let eventBytes = 0;
let nextMemberKey = 0;

process.on("message", (command: GeneratorCommand) => {
  void handle(command).catch((error: unknown) => {
    console.error(error);
    process.send?.({ type: "error", message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  });
});
process.on("disconnect", () => process.exit(0));

async function handle(command: GeneratorCommand) {
  if (command.type === "connect") {
    const started = performance.now();
    mode = command.mode;
    document = command.document;
    const failed = await connectAll(command.url, command.clients);
    process.send?.({ type: "connected", count: members.length, failed, ms: performance.now() - started });
  } else if (command.type === "run") {
    process.send?.({ type: "result", result: await runPhase(command) });
  } else {
    for (const member of members) member.socket.disconnect();
    members = [];
    pending.clear();
    process.send?.({ type: "disconnected" });
  }
}

async function connectAll(url: string, clients: LatencyClient[]): Promise<number> {
  let failed = 0;
  const batch = 20; // a handshake storm would measure the login path, not delivery
  for (let offset = 0; offset < clients.length; offset += batch) {
    const connected = await Promise.all(clients.slice(offset, offset + batch).map((client) => connectOne(url, client).catch(() => null)));
    for (const member of connected) {
      if (member) members.push(member);
      else failed++;
    }
  }
  return failed;
}

async function connectOne(url: string, client: LatencyClient): Promise<Member> {
  const socket = connectSocket(url, {
    path: "/socket.io",
    transports: ["websocket"],
    reconnection: false,
    forceNew: true,
    timeout: 20_000,
    auth: mode === "app" ? { token: client.token, clientId: client.clientId } : {},
  });
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", (error) => reject(error));
  });
  const memberIndex = nextMemberKey++;
  socket.on("annotation:changed", (event: { annotationId: string }) => {
    const at = performance.now();
    const entry = pending.get(event.annotationId);
    if (!entry) return;
    if (eventBytes === 0) eventBytes = JSON.stringify(event).length;
    if (entry.received.has(memberIndex)) {
      duplicates++;
      return;
    }
    entry.received.add(memberIndex);
    const latency = at - entry.sentAt;
    entry.max = Math.max(entry.max, latency);
    if (entry.measured) receipts.push(latency);
  });
  const joinPayload = mode === "app" ? { documentId: document!.documentId, groupId: client.groupId } : { room: client.groupId };
  const reply = (await socket.timeout(30_000).emitWithAck("room:join", joinPayload)) as { ok: boolean; message?: string };
  if (!reply.ok) throw new Error(`room:join refused: ${reply.message}`);
  return { client, socket };
}

async function runPhase(command: Extract<GeneratorCommand, { type: "run" }>): Promise<PhaseResult> {
  const groupSizes = new Map<string, number>();
  for (const member of members) groupSizes.set(member.client.groupId, (groupSizes.get(member.client.groupId) ?? 0) + 1);
  receipts = [];
  duplicates = 0;
  pending.clear();
  const acks: number[] = [];
  const ackErrors: Record<string, number> = {};
  const sendLags: number[] = [];
  let outstanding = 0;
  let okAcks = 0;
  const loop = monitorEventLoopDelay({ resolution: 5 });

  const interval = 1000 / command.rate;
  const total = Math.round(((command.warmupMs + command.measureMs) / 1000) * command.rate);
  const measureFrom = Math.round((command.warmupMs / 1000) * command.rate);
  const start = performance.now();
  let sent = 0;

  const sendOne = (measured: boolean, scheduledAt: number) => {
    const member = members[Math.floor(Math.random() * members.length)]!;
    const input = randomHighlight(document!, member.client.groupId);
    const entry: Pending = { sentAt: 0, expected: (groupSizes.get(member.client.groupId) ?? 1) - 1, received: new Set(), max: 0, measured, refused: false };
    pending.set(input.id!, entry);
    entry.sentAt = performance.now();
    if (measured) sendLags.push(entry.sentAt - scheduledAt);
    outstanding++;
    member.socket
      .timeout(120_000)
      .emitWithAck("annotation:create", input)
      .finally(() => outstanding--)
      .then(
        (reply: { ok: boolean; code?: string }) => {
          // A refused create is delivered to no one: it counts as an error, not as missing receipts.
          if (!reply.ok) entry.refused = true;
          else okAcks++;
          if (!measured) return;
          if (reply.ok) acks.push(performance.now() - entry.sentAt);
          else ackErrors[reply.code ?? "?"] = (ackErrors[reply.code ?? "?"] ?? 0) + 1;
        },
        () => {
          entry.refused = true;
          if (measured) ackErrors.TIMEOUT = (ackErrors.TIMEOUT ?? 0) + 1;
        },
      );
  };

  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      while (sent < total && start + sent * interval <= now) {
        if (sent === measureFrom) loop.enable();
        sendOne(sent >= measureFrom, start + sent * interval);
        sent++;
      }
      if (sent >= total) return resolve();
      setTimeout(tick, Math.max(0, start + sent * interval - performance.now()));
    };
    tick();
  });
  loop.disable();

  const windowEnd = performance.now();
  const ackedInWindow = acks.length;
  // Drain: wait until every create is acknowledged and every measured one reached its whole
  // group (or the limit), so an overloaded server's backlog does not spill into the next point.
  const measuredEntries = [...pending.values()].filter((entry) => entry.measured);
  const drainUntil = performance.now() + command.drainMs;
  while (
    performance.now() < drainUntil &&
    (outstanding > 0 || measuredEntries.some((entry) => !entry.refused && entry.received.size < entry.expected))
  ) {
    await sleep(50);
  }

  let expectedReceipts = 0;
  let missingReceipts = 0;
  const perCreateMax: number[] = [];
  for (const entry of measuredEntries) {
    if (entry.refused) continue;
    expectedReceipts += entry.expected;
    missingReceipts += Math.max(0, entry.expected - entry.received.size);
    if (entry.received.size >= entry.expected && entry.expected > 0) perCreateMax.push(entry.max);
  }
  const result: PhaseResult = {
    creates: measuredEntries.length,
    receipts,
    perCreateMax,
    acks,
    ackErrors,
    expectedReceipts,
    missingReceipts,
    duplicateReceipts: duplicates,
    sendLagP99: percentileOf(sendLags, 99),
    sendLagMax: sendLags.reduce((max, lag) => Math.max(max, lag), 0),
    eventLoopDelay: { p50: loop.percentile(50) / 1e6, p99: loop.percentile(99) / 1e6, max: loop.max / 1e6 },
    eventBytes,
    ackedPerSecondInWindow: ackedInWindow / ((windowEnd - start - command.warmupMs) / 1000),
    unackedAfterDrain: outstanding,
    acknowledgedCreates: okAcks,
    drainMs: performance.now() - windowEnd,
  };
  pending.clear();
  return result;
}

function percentileOf(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

function sleep(milliseconds: number) {
  return new Promise<void>((resolve) => setTimeout(resolve, milliseconds));
}
