// Writers of bench/persisted-writes.ts, run as a child process so they do not share an
// event loop with the bench. Each writer is closed-loop: it sends one create, waits for
// the answer, sends the next, for the whole window. Every acknowledged id is reported
// back, so the bench can look for each one in the database.
//
// Driven over IPC by the bench:
//   {type: "run", url, transport, writers, document, warmupMs, measureMs} → answers "result"
import { io as connectSocket, type Socket } from "socket.io-client";
import type { BenchDocument } from "./support/bench-database";
import { randomHighlight } from "./support/random-annotation";

export type Writer = { token: string; groupId: string; clientId: string };
export type Transport = "socket" | "rest";

export type WriterCommand = {
  type: "run";
  url: string;
  transport: Transport;
  writers: Writer[];
  document: BenchDocument;
  warmupMs: number;
  measureMs: number;
};

export type WriterResult = {
  /** Ids acknowledged inside the measured window (the rate counts these). */
  measuredIds: string[];
  /** Every id acknowledged, warm-up and the last in-flight ones included (the loss check covers them all). */
  ackedIds: string[];
  /** Ids whose create was refused or failed (they must not be in the database twice, or at all when refused). */
  failedIds: string[];
  errors: Record<string, number>;
  latencies: number[];
  measuredSeconds: number;
};

process.on("message", (command: WriterCommand) => {
  void run(command).then(
    (result) => process.send?.({ type: "result", result }),
    (error: unknown) => process.send?.({ type: "error", message: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
  );
});
process.on("disconnect", () => process.exit(0));

async function run(command: WriterCommand): Promise<WriterResult> {
  const sockets = command.transport === "socket" ? await Promise.all(command.writers.map((writer) => connect(command, writer))) : [];
  const result: WriterResult = { measuredIds: [], ackedIds: [], failedIds: [], errors: {}, latencies: [], measuredSeconds: 0 };
  const start = performance.now();
  const measureFrom = start + command.warmupMs;
  const end = measureFrom + command.measureMs;

  await Promise.all(
    command.writers.map(async (writer, index) => {
      while (performance.now() < end) {
        const input = randomHighlight(command.document, writer.groupId);
        const sentAt = performance.now();
        const outcome = sockets[index] ? await createBySocket(sockets[index], input) : await createByRest(command.url, writer, input);
        const doneAt = performance.now();
        if (outcome === "ok") {
          result.ackedIds.push(input.id!);
          if (sentAt >= measureFrom && doneAt <= end) {
            result.measuredIds.push(input.id!);
            result.latencies.push(doneAt - sentAt);
          }
        } else {
          result.failedIds.push(input.id!);
          result.errors[outcome] = (result.errors[outcome] ?? 0) + 1;
        }
      }
    }),
  );
  result.measuredSeconds = command.measureMs / 1000;
  for (const socket of sockets) socket.disconnect();
  return result;
}

async function connect(command: WriterCommand, writer: Writer): Promise<Socket> {
  const socket = connectSocket(command.url, {
    path: "/socket.io",
    transports: ["websocket"],
    reconnection: false,
    forceNew: true,
    auth: { token: writer.token, clientId: writer.clientId },
  });
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", (error) => reject(error));
  });
  // A writer follows its group's stream, as a reader's tab does (it gets a tick per own write).
  const reply = (await socket.timeout(30_000).emitWithAck("room:join", { documentId: command.document.documentId, groupId: writer.groupId })) as {
    ok: boolean;
    message?: string;
  };
  if (!reply.ok) throw new Error(`room:join refused: ${reply.message}`);
  return socket;
}

async function createBySocket(socket: Socket, input: unknown): Promise<string> {
  try {
    const reply = (await socket.timeout(30_000).emitWithAck("annotation:create", input)) as { ok: boolean; code?: string };
    return reply.ok ? "ok" : (reply.code ?? "UNKNOWN");
  } catch {
    return "TIMEOUT";
  }
}

async function createByRest(url: string, writer: Writer, input: unknown): Promise<string> {
  try {
    const response = await fetch(`${url}/api/annotations`, {
      method: "POST",
      headers: { authorization: `Bearer ${writer.token}`, "content-type": "application/json", "x-client-id": writer.clientId },
      body: JSON.stringify(input),
      signal: AbortSignal.timeout(30_000),
    });
    await response.arrayBuffer();
    return response.status === 201 ? "ok" : `HTTP ${response.status}`;
  } catch (error) {
    return error instanceof Error && error.name === "TimeoutError" ? "TIMEOUT" : "NETWORK";
  }
}
