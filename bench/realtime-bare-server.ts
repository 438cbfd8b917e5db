// The baseline of bench/realtime-latency.ts: a bare socket.io 4.8 server (no database, no
// auth, no validation) that fans a create out to the rest of its room, with the same
// message size as the app's `annotation:changed`. Run as a child process by the bench:
//
//   node --import tsx bench/realtime-bare-server.ts --port 3301 --event-bytes 1400
//
// Speaks the bench clients' protocol: `room:join` {room} and `annotation:create` (the app's
// create payload plus the room), both acknowledged like the app's events.
import { createServer } from "node:http";
import { Server } from "socket.io";

const port = Number(argument("port") ?? 3301);
const eventBytes = Number(argument("event-bytes") ?? 1400);

const httpServer = createServer((request, response) => {
  response.writeHead(request.url === "/health" ? 200 : 404).end();
});
const io = new Server(httpServer, { path: "/socket.io", serveClient: false, maxHttpBufferSize: 64 * 1024 });
let seq = 0;

io.on("connection", (socket) => {
  socket.on("room:join", (input: { room: string }, ack: (reply: unknown) => void) => {
    void socket.join(input.room);
    socket.data.room = input.room;
    ack({ ok: true, data: { head: seq } });
  });
  socket.on("annotation:create", (input: { id: string; groupId: string; documentId: string }, ack: (reply: unknown) => void) => {
    const event = {
      documentId: input.documentId,
      groupId: input.groupId,
      seq: ++seq,
      type: "annotation.upserted",
      annotationId: input.id,
      annotation: input,
      actorId: input.id,
      createdAt: new Date().toISOString(),
      padding: "",
    };
    // Pad to the app's event size, so the baseline moves as many bytes per message.
    event.padding = "x".repeat(Math.max(0, eventBytes - JSON.stringify(event).length));
    socket.to(socket.data.room as string).emit("annotation:changed", event);
    ack({ ok: true, data: { id: input.id } });
  });
});

httpServer.listen(port, "127.0.0.1", () => console.log(`bare socket.io server on 127.0.0.1:${port}`));
process.on("SIGTERM", () => {
  void io.close();
  httpServer.close(() => process.exit(0));
});

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}
