// Order and resync of the change log (issue #5), and the socket protocol's handling of
// bad input, against real Postgres and real socket.io clients on an in-process server.
// Every change to a (document, group) stream gets the next number, 1..n without gaps,
// whether written over REST or the socket, and each tab gets each number exactly once
// (as a change or, for its own writes, a tick). A client that was away asks `sync`
// {since} and gets exactly the events it missed, in order, identical to live delivery;
// GET /api/documents/{id}/events answers the same; too far behind (> 500) or ahead of
// the head answers reload. Bad input to sync, to the REST twin and to every socket event
// answers a 4xx code (VALIDATION_FAILED, NOT_FOUND, UNAUTHENTICATED), never INTERNAL/500,
// and changes nothing; an event sent without an ack callback is ignored.
import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { AnnotationDto } from "@/lib/api/annotations";
import { MAX_SYNC_EVENTS, type ChangeEvent } from "@/lib/api/realtime";
import { getDb } from "@/server/db/client";
import { countAnnotationRows, createTestGroup, importOtherDocument, type Auth, type TestDocument } from "./support/annotations";
import { closeDatabase, freshDatabase } from "./support/db";
import { useGenerousRateLimits } from "./support/env";
import { expectApiError } from "./support/http";
import {
  annotationRowCount,
  changeEventCount,
  closeClients,
  commentInput,
  connectRealtime,
  expectValidChange,
  restCreateOk,
  restDeleteOk,
  restEvents,
  restEventsOk,
  restReactOk,
  restReplyOk,
  restUpdateOk,
  startRealtimeServer,
  type RealtimeClient,
  type RealtimeServer,
} from "./support/realtime";
import { createUserWithToken, type TestUserWithToken } from "./support/users";

type Name = "owner" | "ana" | "ben" | "nora";

let server: RealtimeServer;
let users: Record<Name, TestUserWithToken>;
let auth: Record<Name, Auth>;
/** owner, ana, ben. */
let groupId: string;
/** nora's own group, which the others are not in. */
let norasGroup: string;
const clients: RealtimeClient[] = [];

beforeAll(async () => {
  useGenerousRateLimits();
  await freshDatabase();
  const names: Name[] = ["owner", "ana", "ben", "nora"];
  const created = await Promise.all(names.map((name) => createUserWithToken({ name: `Sync ${name}` })));
  users = Object.fromEntries(names.map((name, index) => [name, created[index]!])) as Record<Name, TestUserWithToken>;
  auth = Object.fromEntries(names.map((name) => [name, { token: users[name].token }])) as Record<Name, Auth>;
  groupId = (
    await createTestGroup("Sync seminar", [
      { userId: users.owner.id, role: "owner" },
      { userId: users.ana.id, role: "member" },
      { userId: users.ben.id, role: "member" },
    ])
  ).id;
  norasGroup = (await createTestGroup("Nora's group", [{ userId: users.nora.id, role: "owner" }])).id;
  server = await startRealtimeServer();
});

afterEach(async () => {
  await closeClients(clients);
});

afterAll(async () => {
  await closeClients(clients);
  await server?.close();
  await closeDatabase();
});

async function tab(name: Name): Promise<RealtimeClient> {
  const client = await connectRealtime(server.url, { token: users[name].token, userId: users[name].id, label: name });
  clients.push(client);
  return client;
}

async function joinedTab(name: Name, doc: TestDocument, stream = groupId): Promise<RealtimeClient> {
  const client = await tab(name);
  await client.join(doc.documentId, stream);
  return client;
}

/** The numbers a tab learned on one stream, as changes or ticks, in arrival order. */
function seqsSeen(client: RealtimeClient, stream: string): number[] {
  return client.log
    .filter((entry) => entry.event === "annotation:changed" || entry.event === "stream:tick")
    .map((entry) => entry.payload as { groupId: string; seq: number })
    .filter((payload) => payload.groupId === stream)
    .map((payload) => payload.seq);
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, index) => from + index);
}

async function storedSeqs(documentId: string, streamKey: string): Promise<number[]> {
  const rows = await getDb().changeEvent.findMany({ where: { documentId, streamKey }, orderBy: { seq: "asc" }, select: { seq: true } });
  return rows.map((row) => Number(row.seq));
}

describe("sequence numbers", () => {
  it("number a stream's changes 1..n without gaps, over REST and the socket, each seen once per tab", async () => {
    const doc = await importOtherDocument("rt-sync-sequence");
    const writer = await joinedTab("ana", doc);
    const observer = await joinedTab("ben", doc);
    const owner = await joinedTab("owner", doc);
    expect(await writer.join(doc.documentId, groupId)).toBe(0);

    const a = await writer.ackOk<AnnotationDto>("annotation:create", commentInput(doc, groupId, "A"));
    const b = await restCreateOk(auth.ana, commentInput(doc, groupId, "B"), writer.clientId);
    const reply = await restReplyOk(auth.owner, a.id, "Owner replies");
    // The reactor's ack marks the reaction "mine"; the broadcast snapshot marks none, and says who reacted.
    const reacted = await observer.ackOk<AnnotationDto>("annotation:react", { id: a.id, type: "helpful", on: true });
    expect(reacted.reactions).toEqual({ counts: { helpful: 1, same_question: 0 }, mine: ["helpful"] });
    const reaction = await writer.waitForChange(a.id, (event) => event.reaction !== undefined);
    expect(reaction).toMatchObject({ seq: 4, reaction: { userId: users.ben.id, type: "helpful", on: true } });
    expect(reaction.annotation?.reactions).toEqual({ counts: { helpful: 1, same_question: 0 }, mine: [] });
    // Reacting the same way again changes nothing and takes no number.
    expect(await observer.ackOk<AnnotationDto>("annotation:react", { id: a.id, type: "helpful", on: true })).toEqual(reacted);
    await writer.ackOk("annotation:resolve", { id: a.id, resolved: true });
    await restUpdateOk(auth.ana, b.id, { color: "blue" }, writer.clientId);
    await writer.ackOk("annotation:delete", { id: b.id });
    await owner.ackOk("annotation:delete", { id: reply.id });
    const n = 8;
    for (const client of [writer, observer, owner]) {
      await client.waitForSeq(groupId, n);
      expect(seqsSeen(client, groupId), client.label).toEqual(range(1, n));
    }
    // The writer got ticks for exactly its own writes, and changes for the others'.
    expect(writer.ticks().map((tick) => tick.seq)).toEqual([1, 2, 5, 6, 7]);
    expect(observer.ticks().map((tick) => tick.seq)).toEqual([4]);
    expect(owner.ticks().map((tick) => tick.seq)).toEqual([8]);
    expect(await storedSeqs(doc.documentId, groupId)).toEqual(range(1, n));

    // Concurrent writers from three tabs: still one number each, no gaps, no repeats.
    const concurrent = 12;
    const writers = [writer, observer, owner];
    const acks = await Promise.all(
      range(1, concurrent).map((i) => writers[i % 3]!.ack<AnnotationDto>("annotation:create", commentInput(doc, groupId, `Concurrent ${i}`))),
    );
    for (const ack of acks) expect(ack).toMatchObject({ ok: true });
    const last = n + concurrent;
    for (const client of writers) {
      await Promise.all(range(n + 1, last).map((seq) => client.waitForSeq(groupId, seq)));
      // Each number exactly once. Live arrival order of concurrent commits is not asserted
      // (publishing happens after commit, in whatever order the commits return); sync gives the order.
      expect([...seqsSeen(client, groupId)].sort((x, y) => x - y), client.label).toEqual(range(1, last));
    }
    expect(await storedSeqs(doc.documentId, groupId)).toEqual(range(1, last));

    // A private stream has numbers of its own, per author.
    const otherTab = await tab("ana");
    await otherTab.join(doc.documentId, "private");
    expect(await writer.join(doc.documentId, "private")).toBe(0);
    const note = await writer.ackOk<AnnotationDto>("annotation:create", commentInput(doc, null, "Private"));
    expect(await otherTab.waitForChange(note.id)).toMatchObject({ groupId: "private", seq: 1 });
    await writer.waitForTick(1, "private");
    expect(await storedSeqs(doc.documentId, `private:${users.ana.id}`)).toEqual([1]);
  });
});

describe("resync after a disconnect", () => {
  it("returns exactly the missed events, in order, as live delivery sent them; REST says the same", async () => {
    const doc = await importOtherDocument("rt-sync-resync");
    const away = await joinedTab("ben", doc);
    const live = await joinedTab("ben", doc);
    const ana = await joinedTab("ana", doc);
    const owner = await joinedTab("owner", doc);

    const seen = await restCreateOk(auth.ana, commentInput(doc, groupId, "Seen before leaving"));
    const lastSeen = (await away.waitForChange(seen.id)).seq;
    await closeClients(clients.splice(clients.indexOf(away), 1));
    expect(away.connected).toBe(false);

    // Meanwhile: create, update, reply, react, resolve, delete, over both transports.
    const a = await restCreateOk(auth.ana, commentInput(doc, groupId, "Written while Ben was away"));
    await ana.ackOk("annotation:update", { id: a.id, changes: { body: { format: "text", text: "Edited while Ben was away" } } });
    const reply = await owner.ackOk<AnnotationDto>("annotation:reply", { parentId: a.id, body: { format: "text", text: "A reply" } });
    await owner.ackOk("annotation:react", { id: a.id, type: "helpful", on: true });
    await restReactOk(auth.ana, reply.id, "same_question");
    await ana.ackOk("annotation:resolve", { id: a.id, resolved: true });
    await owner.ackOk("annotation:delete", { id: reply.id });
    const gone = await ana.ackOk<AnnotationDto>("annotation:create", commentInput(doc, groupId, "Soon gone"));
    await restDeleteOk(auth.ana, gone.id);
    await owner.ackOk("annotation:react", { id: a.id, type: "helpful", on: false });

    const missedCount = 10;
    const head = lastSeen + missedCount;
    await live.waitFor<ChangeEvent>("annotation:changed", (event) => event.seq === head);
    const missedLive = live.changes().filter((event) => event.seq > lastSeen);
    expect(missedLive.map((event) => event.seq)).toEqual(range(lastSeen + 1, head));
    missedLive.forEach(expectValidChange);
    expect(missedLive.map((event) => event.type)).toEqual([
      "annotation.upserted",
      "annotation.upserted",
      "annotation.upserted",
      "annotation.upserted",
      "annotation.upserted",
      "annotation.upserted",
      "annotation.removed",
      "annotation.upserted",
      "annotation.removed",
      "annotation.upserted",
    ]);
    expect(missedLive[3]!.reaction).toEqual({ userId: users.owner.id, type: "helpful", on: true });
    expect(missedLive[6]!.removedIds).toEqual([reply.id]);

    // Ben comes back: a new socket, join, and sync from the last number he saw.
    const back = await tab("ben");
    expect(await back.join(doc.documentId, groupId)).toBe(head);
    const synced = await back.syncOk(doc.documentId, groupId, lastSeen);
    expect(synced).toEqual({ groupId, head, events: missedLive, reload: false });
    expect(await restEventsOk(auth.ben, doc.documentId, groupId, lastSeen)).toEqual(synced);
    // Caught up: nothing more, and from the start the full log.
    expect(await back.syncOk(doc.documentId, groupId, head)).toEqual({ groupId, head, events: [], reload: false });
    expect((await back.syncOk(doc.documentId, groupId, 0)).events.map((event) => event.seq)).toEqual(range(1, head));
    // The writer's own view of the log is the same events (she sees them all in full too).
    expect((await ana.syncOk(doc.documentId, groupId, lastSeen)).events).toEqual(missedLive);
  });

  it("answers reload when more than 500 behind or ahead of the head", async () => {
    const doc = await importOtherDocument("rt-sync-long");
    // 501 changes written straight into the log (creating 501 annotations would only be slower).
    const total = MAX_SYNC_EVENTS + 1;
    await getDb().$executeRaw`
      INSERT INTO change_events (document_id, stream_key, seq, type, annotation_id, subject_author_id, actor_id, payload)
      SELECT ${doc.documentId}::uuid, ${groupId}, n, 'annotation.removed', id, ${users.ana.id}::uuid, ${users.ana.id}::uuid,
        jsonb_build_object('removedIds', jsonb_build_array(id))
      FROM (SELECT n, gen_random_uuid() AS id FROM generate_series(1, ${total}::int) AS n) AS fake`;
    await getDb().changeStream.create({ data: { documentId: doc.documentId, streamKey: groupId, lastSeq: total } });

    const ben = await tab("ben");
    expect(await ben.join(doc.documentId, groupId)).toBe(total);
    expect(await ben.syncOk(doc.documentId, groupId, 0)).toEqual({ groupId, head: total, events: [], reload: true });
    const justEnough = await ben.syncOk(doc.documentId, groupId, 1);
    expect(justEnough.reload).toBe(false);
    expect(justEnough.events.map((event) => event.seq)).toEqual(range(2, total));
    justEnough.events.slice(0, 3).forEach(expectValidChange);
    expect(await ben.syncOk(doc.documentId, groupId, total)).toEqual({ groupId, head: total, events: [], reload: false });
    expect(await ben.syncOk(doc.documentId, groupId, total + 1)).toEqual({ groupId, head: total, events: [], reload: true });
    expect(await ben.syncOk(doc.documentId, groupId, Number.MAX_SAFE_INTEGER)).toMatchObject({ reload: true, events: [] });
    expect(await restEventsOk(auth.ben, doc.documentId, groupId, 0)).toEqual({ groupId, head: total, events: [], reload: true });
    expect(await restEventsOk(auth.ben, doc.documentId, groupId, total + 5)).toMatchObject({ head: total, reload: true });
    expect((await restEventsOk(auth.ben, doc.documentId, groupId, 1)).events).toHaveLength(MAX_SYNC_EVENTS);

    // An empty stream: head 0; anything ahead of it is a reload (e.g. after a database restore).
    expect(await ben.syncOk(doc.documentId, "private", 0)).toEqual({ groupId: "private", head: 0, events: [], reload: false });
    expect(await ben.syncOk(doc.documentId, "private", 3)).toEqual({ groupId: "private", head: 0, events: [], reload: true });
    expect(await restEventsOk(auth.ben, doc.documentId, "private", 3)).toEqual({ groupId: "private", head: 0, events: [], reload: true });
  });
});

describe("bad input to sync and its REST twin", () => {
  it("answers the socket with VALIDATION_FAILED or NOT_FOUND, never INTERNAL", async () => {
    const doc = await importOtherDocument("rt-sync-bad-input");
    const ben = await tab("ben");
    const valid = { documentId: doc.documentId, groupId, since: 0 };
    for (const payload of [
      { ...valid, since: -1 },
      { ...valid, since: 1.5 },
      { ...valid, since: "3" },
      { ...valid, since: null },
      { ...valid, since: Number.MAX_SAFE_INTEGER + 2 },
      { documentId: doc.documentId, groupId },
      { ...valid, groupId: "not-a-uuid" },
      { ...valid, groupId: "PRIVATE" },
      { ...valid, groupId: null },
      { documentId: doc.documentId, since: 0 },
      { ...valid, documentId: "rt-sync-bad-input" },
      { ...valid, extra: true },
    ]) {
      await ben.ackError("sync", payload, "VALIDATION_FAILED");
    }
    await ben.ackError("sync", { ...valid, documentId: randomUUID() }, "NOT_FOUND");
    await ben.ackError("sync", { ...valid, groupId: norasGroup }, "NOT_FOUND");
    await ben.ackError("sync", { ...valid, groupId: randomUUID() }, "NOT_FOUND");
    expect(await ben.syncOk(doc.documentId, groupId, 0)).toEqual({ groupId, head: 0, events: [], reload: false });
  });

  it("answers GET /api/documents/{id}/events with 4xx and a code, never 500", async () => {
    const doc = await importOtherDocument("rt-sync-bad-rest");
    const id = doc.documentId;
    for (const query of [
      `groupId=${groupId}&since=-1`,
      `groupId=${groupId}&since=abc`,
      `groupId=${groupId}&since=1.5`,
      `groupId=${groupId}&since=1e400`,
      `groupId=${groupId}&since=1&since=2`,
      `groupId=not-a-uuid&since=0`,
      `since=0`,
      `groupId=${groupId}&since=0&extra=1`,
    ]) {
      expectApiError(await restEvents(auth.ben, id, query), 400, "VALIDATION_FAILED");
    }
    expectApiError(await restEvents(auth.ben, "rt-sync-bad-rest", `groupId=${groupId}`), 400, "VALIDATION_FAILED");
    expectApiError(await restEvents(auth.ben, randomUUID(), `groupId=${groupId}&since=0`), 404, "NOT_FOUND");
    expectApiError(await restEvents(auth.ben, id, `groupId=${norasGroup}&since=0`), 404, "NOT_FOUND");
    expectApiError(await restEvents(auth.ben, id, `groupId=${randomUUID()}`), 404, "NOT_FOUND");
    expectApiError(await restEvents({}, id, `groupId=${groupId}&since=0`), 401, "UNAUTHENTICATED");
    expectApiError(await restEvents({ token: "mrg_00000000_neverIssuedneverIssuedneverIssued" }, id, `groupId=${groupId}`), 401, "UNAUTHENTICATED");
    // since defaults to 0.
    expect(await restEventsOk(auth.ben, id, groupId, 0)).toEqual({ groupId, head: 0, events: [], reload: false });
    const response = await restEvents(auth.ben, id, `groupId=${groupId}`);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ groupId, head: 0, events: [], reload: false });
  });
});

describe("bad input to every socket event", () => {
  it("answers malformed payloads VALIDATION_FAILED and changes nothing", async () => {
    const doc = await importOtherDocument("rt-sync-malformed");
    const ana = await joinedTab("ana", doc);
    const ben = await tab("ben");
    await ben.join(doc.documentId, groupId);
    const target = await restCreateOk(auth.ben, commentInput(doc, groupId, "Something to aim at"));
    await ana.waitForChange(target.id);
    const serverSocket = server.realtime.io.sockets.sockets.get(ana.socket.id!)!;
    expect(serverSocket).toBeDefined();
    const roomsBefore = [...serverSocket.rooms].sort();
    const rowsBefore = await countAnnotationRows();
    const eventsBefore = await changeEventCount();

    const uuid = randomUUID();
    const body = { format: "text", text: "Hi" };
    const generic: unknown[] = [undefined, null, "text", 42, true, [], {}, { garbage: 1 }, [{ id: target.id }]];
    const specific: Record<string, unknown[]> = {
      "room:join": [
        { documentId: "nope", groupId },
        { documentId: doc.documentId, groupId: "nope" },
        { documentId: doc.documentId, groupId: "PRIVATE" },
        { documentId: doc.documentId },
        { documentId: doc.documentId, groupId, extra: 1 },
      ],
      "room:leave": [{ documentId: doc.documentId, groupId: 7 }, { documentId: doc.documentId, groupId, since: 0 }],
      sync: [{ documentId: doc.documentId, groupId, since: -5 }],
      "annotation:create": [
        commentInput(doc, groupId, "x", { id: "not-a-uuid" }),
        commentInput(doc, groupId, "x", { extra: true }),
        commentInput(doc, "nope", "x"),
        { ...commentInput(doc, groupId, "x"), body: undefined },
        commentInput(doc, groupId, "x", { kind: "scribble" }),
        commentInput(doc, groupId, "x", { tags: ["<script>"] }),
        commentInput(doc, groupId, "x", { color: "ultraviolet" }),
        { ...commentInput(doc, groupId, "x"), documentId: 5 },
      ],
      "annotation:reply": [
        { parentId: "nope", body },
        { parentId: target.id },
        { parentId: target.id, body: {} },
        { parentId: target.id, body, extra: 1 },
        { parentId: target.id, id: "nope", body },
        { body },
      ],
      "annotation:update": [
        { id: target.id, changes: {} },
        { id: target.id, changes: { color: "ultraviolet" } },
        { id: target.id, changes: { author: users.ana.id } },
        { id: "nope", changes: { color: "green" } },
        { id: target.id },
        { id: target.id, changes: "green" },
      ],
      "annotation:delete": [{ id: "nope" }, { id: target.id, hard: true }, { id: [target.id] }],
      "annotation:react": [
        { id: target.id, type: "love", on: true },
        { id: target.id, type: "helpful", on: "yes" },
        { id: target.id, type: "helpful" },
        { id: "nope", type: "helpful", on: true },
      ],
      "annotation:resolve": [{ id: target.id, resolved: "true" }, { id: target.id }, { id: uuid, resolved: true, by: "me" }],
      "presence:select": [
        { documentId: doc.documentId, groupId, range: { start: 10, end: 5 } },
        { documentId: doc.documentId, groupId, range: { start: -1, end: 5 } },
        { documentId: doc.documentId, groupId, range: { start: 0, end: 20_000_000 } },
        { documentId: doc.documentId, groupId: "private", range: null },
        { documentId: doc.documentId, groupId },
      ],
      "presence:typing": [
        { documentId: doc.documentId, groupId, threadId: "nope", typing: true },
        { documentId: doc.documentId, groupId, threadId: target.id },
        { documentId: doc.documentId, groupId, threadId: target.id, typing: "yes" },
      ],
    };
    for (const [event, payloads] of Object.entries(specific)) {
      for (const payload of [...generic, ...payloads]) {
        const result = payload === undefined ? await ana.ack(event) : await ana.ack(event, payload);
        expect(result, `${event} ${JSON.stringify(payload)}`).toMatchObject({ ok: false, code: "VALIDATION_FAILED" });
        expect(typeof (result as { message?: unknown }).message).toBe("string");
      }
    }

    expect(ana.connected).toBe(true);
    expect([...serverSocket.rooms].sort()).toEqual(roomsBefore);
    expect(await countAnnotationRows()).toEqual(rowsBefore);
    expect(await changeEventCount()).toBe(eventsBefore);
    expect(await annotationRowCount(uuid)).toBe(0);
    expect(await ana.syncOk(doc.documentId, groupId, 0)).toMatchObject({ head: 1 });
  });

  it("ignores an event sent without an ack callback, and keeps serving the socket", async () => {
    const doc = await importOtherDocument("rt-sync-no-ack");
    const ana = await joinedTab("ana", doc);
    const rowsBefore = await countAnnotationRows();
    const id = randomUUID();
    ana.socket.emit("annotation:create", commentInput(doc, groupId, "Fire and forget", { id }));
    ana.socket.emit("annotation:create");
    ana.socket.emit("room:join", { documentId: doc.documentId, groupId: norasGroup });
    ana.socket.emit("sync", { documentId: doc.documentId, groupId, since: -1 }, "not a callback");
    ana.socket.emit("no:such-event", { anything: true });
    // Handled in order on this socket: once this answers, the ones before were dealt with.
    expect(await ana.ack("session:whoami")).toMatchObject({ ok: true, data: { id: users.ana.id } });
    expect(ana.connected).toBe(true);
    expect(await annotationRowCount(id)).toBe(0);
    expect(await countAnnotationRows()).toEqual(rowsBefore);
    expect(await ana.syncOk(doc.documentId, groupId, 0)).toEqual({ groupId, head: 0, events: [], reload: false });
    // The same write with an ack goes through.
    await ana.ackOk("annotation:create", commentInput(doc, groupId, "Acknowledged", { id }));
    expect(await annotationRowCount(id)).toBe(1);
  });

  it("answers NOT_FOUND for streams and annotations the user cannot see", async () => {
    const doc = await importOtherDocument("rt-sync-not-found");
    const nora = await tab("nora");
    const ben = await tab("ben");
    await ben.join(doc.documentId, groupId);
    const secret = await restCreateOk(auth.ana, commentInput(doc, groupId, "Members only"));
    await ben.waitForChange(secret.id);
    const rowsBefore = await countAnnotationRows();
    const eventsBefore = await changeEventCount();

    await nora.ackError("room:join", { documentId: doc.documentId, groupId }, "NOT_FOUND");
    await nora.ackError("room:join", { documentId: doc.documentId, groupId: randomUUID() }, "NOT_FOUND");
    await nora.ackError("room:join", { documentId: randomUUID(), groupId: norasGroup }, "NOT_FOUND");
    await nora.ackError("annotation:update", { id: secret.id, changes: { color: "green" } }, "NOT_FOUND");
    await nora.ackError("annotation:delete", { id: secret.id }, "NOT_FOUND");
    await nora.ackError("annotation:react", { id: secret.id, type: "helpful", on: true }, "NOT_FOUND");
    await nora.ackError("annotation:resolve", { id: secret.id, resolved: true }, "NOT_FOUND");
    await nora.ackError("annotation:reply", { parentId: secret.id, body: { format: "text", text: "Let me in" } }, "NOT_FOUND");
    await nora.ackError("annotation:create", commentInput(doc, groupId, "Into their group"), "NOT_FOUND");
    // Someone else's id is not a way to overwrite or probe: CONFLICT, as over REST.
    await nora.ackError("annotation:create", commentInput(doc, norasGroup, "Same id", { id: secret.id }), "CONFLICT");
    await ben.ackError("annotation:update", { id: secret.id, changes: { color: "green" } }, "FORBIDDEN");

    expect(await countAnnotationRows()).toEqual(rowsBefore);
    expect(await changeEventCount()).toBe(eventsBefore);
    // Nora's socket was never put in the group's rooms.
    const serverSocket = server.realtime.io.sockets.sockets.get(nora.socket.id!)!;
    expect([...serverSocket.rooms].filter((room) => room.startsWith("s:"))).toEqual([]);
  });

  it("closes a connection that sends a message over the size cap, and the server carries on", async () => {
    const doc = await importOtherDocument("rt-sync-oversized");
    const ana = await tab("ana");
    const closed = new Promise<string>((resolve) => ana.socket.once("disconnect", resolve));
    ana.socket.emit("annotation:create", commentInput(doc, groupId, "x".repeat(70 * 1024)), () => undefined);
    expect(await closed).toMatch(/transport (close|error)/);
    const again = await tab("ana");
    expect(await again.ack("session:whoami")).toMatchObject({ ok: true });
    expect(await getDb().annotation.count({ where: { documentId: doc.documentId } })).toBe(0);
  });
});

