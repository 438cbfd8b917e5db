// Real-time across real server processes: two nodes sharing Postgres and Redis deliver
// to each other's clients; and 20 clients keep writing while the server is killed with
// SIGKILL twice and restarted, after which every acknowledged or queued annotation is
// stored exactly once and every client's view equals the server's.
import { io as connectClient, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AnnotationDto } from "@/lib/api/annotations";
import type { ChangeEvent, RoomJoinResult, SyncResult } from "@/lib/api/realtime";
import type { FlatAnnotation } from "@/lib/annotations/annotation-store";
import { applyChange, type AppliedSeqs } from "@/lib/realtime/apply-change";
import { cursorAfterSync, observeSeq, startCursor, type StreamCursor } from "@/lib/realtime/stream-cursor";
import { getDb } from "@/server/db/client";
import { createTestGroup, importTestArticle, targetAt, textBody, type TestDocument } from "./support/annotations";
import { closeDatabase, freshDatabase } from "./support/db";
import { useGenerousRateLimits } from "./support/env";
import { newClientId } from "./support/realtime";
import { startServerProcess, type ServerProcess } from "./support/server-process";
import { createUserWithToken, type TestUserWithToken } from "./support/users";

type Ack<T> = { ok: true; data: T } | { ok: false; code: string; message: string };

let document: TestDocument;
const servers: ServerProcess[] = [];
const sockets: Socket[] = [];

beforeAll(async () => {
  useGenerousRateLimits();
  await freshDatabase();
  document = await importTestArticle("realtime-processes-article");
}, 60_000);

afterAll(async () => {
  for (const socket of sockets.splice(0)) socket.disconnect();
  await Promise.all(servers.splice(0).map((server) => server.stop()));
  await closeDatabase();
});

function openSocket(url: string, token: string, reconnect = false): Socket {
  const socket = connectClient(url, {
    path: "/socket.io",
    transports: ["websocket"],
    forceNew: true,
    reconnection: reconnect,
    reconnectionDelay: 100,
    reconnectionDelayMax: 500,
    auth: { token, clientId: newClientId() },
  });
  sockets.push(socket);
  return socket;
}

function connected(socket: Socket): Promise<void> {
  if (socket.connected) return Promise.resolve();
  return new Promise((resolve, reject) => {
    socket.once("connect", () => resolve());
    // A reconnecting socket retries on its own; only a first connection fails outright.
    if (!socket.io.opts.reconnection) socket.once("connect_error", reject);
  });
}

async function ackOk<T>(socket: Socket, event: string, payload: unknown): Promise<T> {
  const reply = (await socket.timeout(10_000).emitWithAck(event, payload)) as Ack<T>;
  if (!reply.ok) throw new Error(`${event}: ${reply.code} ${reply.message}`);
  return reply.data;
}

function nextChange(socket: Socket, predicate: (event: ChangeEvent) => boolean): Promise<ChangeEvent> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("no matching annotation:changed within 10 s")), 10_000);
    const listener = (event: ChangeEvent) => {
      if (!predicate(event)) return;
      clearTimeout(timer);
      socket.off("annotation:changed", listener);
      resolve(event);
    };
    socket.on("annotation:changed", listener);
  });
}

function commentInput(groupId: string, id: string, text: string, at: number) {
  const start = 40 + (at % 400);
  return {
    id,
    documentId: document.documentId,
    revisionId: document.revisionId,
    groupId,
    kind: "comment",
    target: targetAt(document.text, start, start + 12),
    body: textBody(text),
  };
}

describe("two server processes sharing Postgres and Redis", () => {
  let ana: TestUserWithToken;
  let ben: TestUserWithToken;
  let groupId: string;
  let nodeA: ServerProcess;
  let nodeB: ServerProcess;

  beforeAll(async () => {
    ana = await createUserWithToken({ name: "Ana Node" });
    ben = await createUserWithToken({ name: "Ben Node" });
    groupId = (
      await createTestGroup("Two nodes", [
        { userId: ana.id, role: "owner" },
        { userId: ben.id, role: "member" },
      ])
    ).id;
    [nodeA, nodeB] = await Promise.all([startServerProcess({ redis: true }), startServerProcess({ redis: true })]);
    servers.push(nodeA, nodeB);
  }, 120_000);

  it("a client on one node receives changes made through the other, by socket and by REST, and sees who reads there", async () => {
    const onA = openSocket(nodeA.url, ana.token);
    const onB = openSocket(nodeB.url, ben.token);
    await Promise.all([connected(onA), connected(onB)]);
    const readersOnA = new Promise<string[]>((resolve) => {
      onA.on("presence:readers", (list: { readers: Array<{ name: string }> }) => {
        const names = list.readers.map((reader) => reader.name).sort();
        if (names.length === 2) resolve(names);
      });
    });
    await ackOk<RoomJoinResult>(onA, "room:join", { documentId: document.documentId, groupId });
    await ackOk<RoomJoinResult>(onB, "room:join", { documentId: document.documentId, groupId });
    // Presence is gathered from the sockets of both processes.
    expect(await readersOnA).toEqual(["Ana Node", "Ben Node"]);

    // Socket write on node A → Ben's socket on node B.
    const viaSocket = crypto.randomUUID();
    const arrivesOnB = nextChange(onB, (event) => event.annotationId === viaSocket);
    const created = await ackOk<AnnotationDto>(onA, "annotation:create", commentInput(groupId, viaSocket, "Written on node A", 1));
    const onBEvent = await arrivesOnB;
    expect(onBEvent.annotation).toMatchObject({ id: created.id, body: { text: "Written on node A" }, author: { name: "Ana Node" } });

    // REST write through node B → Ana's socket on node A.
    const viaRest = crypto.randomUUID();
    const arrivesOnA = nextChange(onA, (event) => event.annotationId === viaRest);
    const response = await fetch(`${nodeB.url}/api/annotations`, {
      method: "POST",
      headers: { authorization: `Bearer ${ben.token}`, "content-type": "application/json" },
      body: JSON.stringify(commentInput(groupId, viaRest, "Posted to node B", 2)),
    });
    expect(response.status).toBe(201);
    const onAEvent = await arrivesOnA;
    expect(onAEvent.annotation).toMatchObject({ id: viaRest, body: { text: "Posted to node B" }, author: { name: "Ben Node" } });
    // One stream, one numbering, whichever node wrote.
    expect(onAEvent.seq).toBe(onBEvent.seq + 1);
  });
});

describe("delivery by a real server process", () => {
  it("reaches members only, keeps private annotations private, resyncs exactly what was missed, and makes one row of a repeated id", async () => {
    const [owner, member, outsider, otherGroupMember] = await Promise.all(
      ["Olga Owner", "Max Member", "Otto Outsider", "Gina Other"].map((name) => createUserWithToken({ name })),
    );
    const groupId = (await createTestGroup("Process group", [{ userId: owner!.id, role: "owner" }, { userId: member!.id, role: "member" }])).id;
    const otherGroupId = (await createTestGroup("Other group", [{ userId: otherGroupMember!.id, role: "owner" }])).id;
    const server = await startServerProcess();
    servers.push(server);
    const [ownerSocket, memberSocket, outsiderSocket, otherSocket] = [owner!, member!, outsider!, otherGroupMember!].map((user) => openSocket(server.url, user.token));
    await Promise.all([ownerSocket, memberSocket, outsiderSocket, otherSocket].map((socket) => connected(socket!)));
    const received = new Map<Socket, ChangeEvent[]>();
    for (const socket of [ownerSocket!, memberSocket!, outsiderSocket!, otherSocket!]) {
      received.set(socket, []);
      socket.on("annotation:changed", (event: ChangeEvent) => received.get(socket)!.push(event));
    }
    await ackOk(ownerSocket!, "room:join", { documentId: document.documentId, groupId });
    const memberHead = (await ackOk<RoomJoinResult>(memberSocket!, "room:join", { documentId: document.documentId, groupId })).head;
    await ackOk(otherSocket!, "room:join", { documentId: document.documentId, groupId: otherGroupId });
    // Not a member: joining is refused, as if the group did not exist.
    const refused = (await outsiderSocket!.timeout(10_000).emitWithAck("room:join", { documentId: document.documentId, groupId })) as Ack<unknown>;
    expect(refused).toMatchObject({ ok: false, code: "NOT_FOUND" });

    // A group annotation reaches the member; a private one does not.
    const shared = crypto.randomUUID();
    const arrives = nextChange(memberSocket!, (event) => event.annotationId === shared);
    await ackOk(ownerSocket!, "annotation:create", commentInput(groupId, shared, "For the group", 3));
    await arrives;
    const secret = crypto.randomUUID();
    await ackOk(ownerSocket!, "annotation:create", { ...commentInput(groupId, secret, "Only for me", 4), groupId: null });
    // Barrier: a later change in the other group reaches its member; by then nothing else may have arrived anywhere.
    const barrier = crypto.randomUUID();
    const barrierArrives = nextChange(otherSocket!, (event) => event.annotationId === barrier);
    const otherAuthor = openSocket(server.url, otherGroupMember!.token);
    await connected(otherAuthor);
    await ackOk(otherAuthor, "annotation:create", commentInput(otherGroupId, barrier, "Other group's note", 5));
    await barrierArrives;
    const memberBarrier = crypto.randomUUID();
    const memberBarrierArrives = nextChange(memberSocket!, (event) => event.annotationId === memberBarrier);
    await ackOk(ownerSocket!, "annotation:create", commentInput(groupId, memberBarrier, "Barrier for the member", 6));
    await memberBarrierArrives;
    expect(received.get(memberSocket!)!.map((event) => event.annotationId)).toEqual([shared, memberBarrier]);
    expect(received.get(outsiderSocket!)).toEqual([]);
    expect(received.get(otherSocket!)!.map((event) => event.annotationId)).toEqual([barrier]);

    // The member drops off; three changes happen; on return, sync gives exactly those, in order.
    memberSocket!.disconnect();
    const lastSeen = Math.max(...received.get(memberSocket!)!.map((event) => event.seq));
    expect(lastSeen).toBeGreaterThan(memberHead);
    const missedReply = crypto.randomUUID();
    await ackOk(ownerSocket!, "annotation:update", { id: shared, changes: { body: textBody("For the group, edited") } });
    await ackOk(ownerSocket!, "annotation:reply", { parentId: shared, id: missedReply, body: textBody("A reply while you were away") });
    await ackOk(ownerSocket!, "annotation:resolve", { id: shared, resolved: true });
    const back = openSocket(server.url, member!.token);
    await connected(back);
    await ackOk(back, "room:join", { documentId: document.documentId, groupId });
    const missed = await ackOk<SyncResult>(back, "sync", { documentId: document.documentId, groupId, since: lastSeen });
    expect(missed.reload).toBe(false);
    expect(missed.events.map((event) => event.seq)).toEqual([lastSeen + 1, lastSeen + 2, lastSeen + 3]);
    expect(missed.events.map((event) => [event.annotationId, event.annotation?.body?.text, event.annotation?.resolved])).toEqual([
      [shared, "For the group, edited", false],
      [missedReply, "A reply while you were away", false],
      [shared, "For the group, edited", true],
    ]);

    // The same id twice (socket and REST at once) is one row.
    const twice = crypto.randomUUID();
    const input = commentInput(groupId, twice, "Sent twice", 7);
    const [viaSocket, viaRest] = await Promise.all([
      ackOk<AnnotationDto>(ownerSocket!, "annotation:create", input),
      fetch(`${server.url}/api/annotations`, {
        method: "POST",
        headers: { authorization: `Bearer ${owner!.token}`, "content-type": "application/json" },
        body: JSON.stringify(input),
      }).then((response) => response.json() as Promise<AnnotationDto>),
    ]);
    expect(viaSocket.id).toBe(twice);
    expect(viaRest.id).toBe(twice);
    expect(await getDb().annotation.count({ where: { id: twice } })).toBe(1);
    expect(await getDb().changeEvent.count({ where: { annotationId: twice } })).toBe(1);
  });
});

/** A client as the browser behaves: queued writes retried until acknowledged, a view kept by live changes and sync. */
class PersistentWriter {
  readonly socket: Socket;
  readonly queued = new Map<string, ReturnType<typeof commentInput>>();
  readonly acknowledged = new Set<string>();
  view = new Map<string, FlatAnnotation>();
  disconnects = 0;
  private readonly applied: AppliedSeqs = new Map();
  private cursor: StreamCursor = startCursor(0);

  constructor(
    url: string,
    private readonly user: TestUserWithToken,
    private readonly groupId: string,
  ) {
    this.socket = openSocket(url, user.token, true);
    this.socket.on("annotation:changed", (event: ChangeEvent) => this.apply([event]));
    this.socket.on("disconnect", () => (this.disconnects += 1));
    this.socket.on("stream:tick", (tick: { seq: number }) => (this.cursor = observeSeq(this.cursor, tick.seq)));
    // Every (re)connection: join, then catch up from the last number seen in order.
    this.socket.on("connect", () => void this.catchUp().catch(() => undefined));
  }

  private apply(events: ChangeEvent[]) {
    for (const event of events) {
      this.view = applyChange(this.view, this.applied, event, this.user.id) ?? this.view;
      this.cursor = observeSeq(this.cursor, event.seq);
    }
  }

  async catchUp() {
    await ackOk<RoomJoinResult>(this.socket, "room:join", { documentId: document.documentId, groupId: this.groupId });
    const result = await ackOk<SyncResult>(this.socket, "sync", { documentId: document.documentId, groupId: this.groupId, since: this.cursor.lastSeen });
    expect(result.reload).toBe(false);
    this.apply(result.events);
    this.cursor = cursorAfterSync(this.cursor, result.head);
  }

  written = 0;

  write(text: string, at: number) {
    this.written += 1;
    const id = crypto.randomUUID();
    this.queued.set(id, commentInput(this.groupId, id, text, at));
  }

  /** Sends what is queued, oldest first; keeps anything not acknowledged (the server died, the ack was lost). */
  async flush() {
    for (const [id, input] of this.queued) {
      if (!this.socket.connected) return;
      try {
        const reply = (await this.socket.timeout(3000).emitWithAck("annotation:create", input)) as Ack<AnnotationDto>;
        if (!reply.ok) throw new Error(`refused: ${reply.code} ${reply.message}`);
        this.queued.delete(id);
        this.acknowledged.add(id);
        // The writing tab gets no echo of its own change (only its number): the ack is its copy.
        const { replies: _replies, ...annotation } = reply.data;
        if (!this.view.has(id)) this.view = new Map(this.view).set(id, annotation);
      } catch (error) {
        if (error instanceof Error && error.message.startsWith("refused")) throw error;
        return; // timed out or disconnected: retried on the next flush
      }
    }
  }
}

describe("chaos: the server is killed twice while 20 clients write", () => {
  it("keeps every acknowledged or queued annotation exactly once, and every view equals the server's", async () => {
    const members = await Promise.all(Array.from({ length: 20 }, (_, index) => createUserWithToken({ name: `Writer ${index + 1}` })));
    const groupId = (
      await createTestGroup(
        "Chaos group",
        members.map((member, index) => ({ userId: member.id, role: index === 0 ? ("owner" as const) : ("member" as const) })),
      )
    ).id;
    const server = await startServerProcess();
    servers.push(server);
    const writers = members.map((member) => new PersistentWriter(server.url, member, groupId));
    await Promise.all(writers.map((writer) => connected(writer.socket)));

    // Everyone keeps writing until both crashes are over, so both hit mid-traffic.
    let crashesOver = false;
    let stop = false;
    const writing = Promise.all(
      writers.map(async (writer, index) => {
        for (let round = 0; !crashesOver || round < 4; round++) {
          writer.write(`Writer ${index + 1}, note ${round + 1}`, index * 40 + round);
          await writer.flush();
          await new Promise((resolve) => setTimeout(resolve, 200 + Math.random() * 200));
        }
        // Keep retrying until the outbox is empty (the server may be down for a while).
        while (!stop && writer.queued.size > 0) {
          await writer.flush();
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
      }),
    );

    // Two crashes: SIGKILL mid-traffic, then a restart on the same port.
    for (const pause of [700, 500]) {
      await new Promise((resolve) => setTimeout(resolve, pause));
      await server.kill();
      await new Promise((resolve) => setTimeout(resolve, 300));
      await server.restart();
      // Everyone is back (and writing again) before the next crash.
      await Promise.all(writers.map((writer) => connected(writer.socket)));
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
    crashesOver = true;
    const deadline = setTimeout(() => (stop = true), 60_000);
    await writing;
    clearTimeout(deadline);
    expect(writers.every((writer) => writer.queued.size === 0)).toBe(true);
    // Both crashes really cut every client off mid-traffic.
    expect(writers.every((writer) => writer.disconnects >= 2)).toBe(true);

    const rows = await getDb().annotation.findMany({
      where: { documentId: document.documentId, groupId },
      select: { id: true, bodyText: true },
    });
    const expectedIds = writers.flatMap((writer) => [...writer.acknowledged]);
    const written = writers.reduce((total, writer) => total + writer.written, 0);
    expect(expectedIds).toHaveLength(written);
    expect(written).toBeGreaterThanOrEqual(20 * 4);
    // Exactly once: every acknowledged id is a row, no other row exists, and no text was stored twice.
    expect(rows.map((row) => row.id).sort()).toEqual([...expectedIds].sort());
    expect(new Set(rows.map((row) => row.bodyText)).size).toBe(rows.length);

    // Every client catches up (as after any reconnect) and then holds exactly the server's annotations.
    for (const writer of writers) {
      await connected(writer.socket);
      await writer.catchUp();
      expect([...writer.view.keys()].sort()).toEqual(rows.map((row) => row.id).sort());
    }
    for (const writer of writers) writer.socket.disconnect();
  }, 120_000);
});
