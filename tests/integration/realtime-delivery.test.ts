// Live delivery of annotation changes over socket.io (issue #5), against real Postgres
// and real socket.io clients on an in-process server: who receives a change and in what
// form. Group members who joined the (document, group) room receive it in full whether
// it was written over REST or the socket; non-members, members of other groups and
// members who did not join the room receive nothing; private annotations reach only the
// author's other tabs; the tab that made a change gets only a stream:tick (echo
// suppression by client id, REST included); one client-chosen id makes one row and one
// event however it is sent; a removed member stops receiving within a second (and leaves
// the others' presence list), a demoted instructor rejoins with member rights, room:leave
// ends a stream's delivery, a revoked token's sockets are disconnected; hidden
// annotations reach peers redacted and moderators in full (live and through sync); a
// "post first" member gets ticks until posting, then a rejoin and full changes; presence.
// Every "does not receive" is proven with a barrier (see support/realtime.ts).
import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { DELETE as revokeTokenRoute } from "@/app/api/tokens/[id]/route";
import type { AnnotationDto } from "@/lib/api/annotations";
import type { ChangeEvent, PresenceList, PresenceSelection, PresenceTyping, StreamTick } from "@/lib/api/realtime";
import { createTestGroup, importOtherDocument, importTestArticle, targetFor, type Auth, type TestDocument } from "./support/annotations";
import { closeDatabase, freshDatabase } from "./support/db";
import { useGenerousRateLimits } from "./support/env";
import { changeMemberRole, hideAnnotation, patchGroup, removeMember, unhideAnnotation } from "./support/groups";
import {
  annotationRowCount,
  barrier,
  changeEventRows,
  closeClients,
  commentInput,
  connectRealtime,
  expectRedacted,
  expectValidChange,
  expectValidTick,
  newClientId,
  restCreate,
  restCreateOk,
  restEventsOk,
  restUpdateOk,
  startRealtimeServer,
  type RealtimeClient,
  type RealtimeServer,
} from "./support/realtime";
import { callRoute, jsonRequest } from "./support/http";
import { createTokenFor, createUserWithToken, type TestUserWithToken } from "./support/users";

type Name = "owner" | "instructor" | "ana" | "ben" | "dan" | "cleo" | "nora";

let server: RealtimeServer;
let doc: TestDocument;
let presenceDoc: TestDocument;
let users: Record<Name, TestUserWithToken>;
let auth: Record<Name, Auth>;
/** owner, instructor, ana, ben, dan. */
let seminar: string;
/** cleo only. */
let otherGroup: string;
const clients: RealtimeClient[] = [];

beforeAll(async () => {
  useGenerousRateLimits();
  await freshDatabase();
  [doc, presenceDoc] = await Promise.all([importTestArticle("rt-delivery-article"), importOtherDocument("rt-delivery-presence")]);
  const names: Name[] = ["owner", "instructor", "ana", "ben", "dan", "cleo", "nora"];
  const created = await Promise.all(names.map((name) => createUserWithToken({ name: `RT ${name}` })));
  users = Object.fromEntries(names.map((name, index) => [name, created[index]!])) as Record<Name, TestUserWithToken>;
  auth = Object.fromEntries(names.map((name) => [name, { token: users[name].token }])) as Record<Name, Auth>;
  seminar = (
    await createTestGroup("RT seminar", [
      { userId: users.owner.id, role: "owner" },
      { userId: users.instructor.id, role: "instructor" },
      { userId: users.ana.id, role: "member" },
      { userId: users.ben.id, role: "member" },
      { userId: users.dan.id, role: "member" },
    ])
  ).id;
  otherGroup = (await createTestGroup("RT other group", [{ userId: users.cleo.id, role: "owner" }])).id;
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

/** A connected tab of `name` (its own client id unless one is given). */
async function tab(name: Name, clientId?: string | null): Promise<RealtimeClient> {
  const client = await connectRealtime(server.url, {
    token: users[name].token,
    userId: users[name].id,
    clientId,
    label: `${name}${clients.filter((c) => c.userId === users[name].id).length + 1}`,
  });
  clients.push(client);
  return client;
}

/** A tab that joined the seminar's stream and its user's private stream on the document. */
async function joinedTab(name: Name, groupId = seminar, onDoc = doc, clientId?: string): Promise<RealtimeClient> {
  const client = await tab(name, clientId);
  await client.join(onDoc.documentId, groupId);
  await client.join(onDoc.documentId, "private");
  return client;
}

describe("who receives a group annotation", () => {
  it("reaches every member who joined the room, written over REST or over the socket", async () => {
    const [ana, ben, owner, instructor] = await Promise.all([
      joinedTab("ana"),
      joinedTab("ben"),
      joinedTab("owner"),
      joinedTab("instructor"),
    ]);

    // Over REST, without a client id: every member in the room gets it, the author's tab too.
    const viaRest = await restCreateOk(auth.ana, commentInput(doc, seminar, "Over REST", { target: targetFor(doc.text, "tight junctions") }));
    for (const client of [ana, ben, owner, instructor]) {
      const event = expectValidChange(await client.waitForChange(viaRest.id));
      expect(event).toMatchObject({
        documentId: doc.documentId,
        groupId: seminar,
        type: "annotation.upserted",
        annotationId: viaRest.id,
        actorId: users.ana.id,
      });
      // The shared snapshot: the REST response, seen by no one in particular.
      expect(event.annotation).toEqual({ ...viaRest, reactions: { ...viaRest.reactions, mine: [] } });
    }

    // Over the socket: the same event to the others.
    const id = randomUUID();
    const acked = await ben.ackOk<AnnotationDto>("annotation:create", commentInput(doc, seminar, "Over the socket", { id }));
    expect(acked).toMatchObject({ id, author: { id: users.ben.id }, body: { text: "Over the socket" } });
    for (const client of [ana, owner, instructor]) {
      const event = expectValidChange(await client.waitForChange(id));
      expect(event).toMatchObject({ type: "annotation.upserted", actorId: users.ben.id, annotation: { id, body: { text: "Over the socket" } } });
    }
    const [restEvent, socketEvent] = [ana.changes(viaRest.id)[0]!, ana.changes(id)[0]!];
    expect(socketEvent.seq).toBe(restEvent.seq + 1);
  });

  it("never reaches a non-member, a member of another group, or a member who did not join the room", async () => {
    const ben = await joinedTab("ben");
    const cleo = await joinedTab("cleo", otherGroup);
    const nora = await tab("nora");
    await nora.join(doc.documentId, "private");
    await nora.ackError("room:join", { documentId: doc.documentId, groupId: seminar }, "NOT_FOUND");
    // Dan is a member but follows nothing on this document except his private notes.
    const dan = await tab("dan");
    await dan.join(doc.documentId, "private");

    const viaRest = await restCreateOk(auth.ana, commentInput(doc, seminar, "For the seminar only (REST)"));
    const ana = await tab("ana");
    const viaSocket = await ana.ackOk<AnnotationDto>("annotation:create", commentInput(doc, seminar, "For the seminar only (socket)"));
    await ben.waitForChange(viaSocket.id);

    await Promise.all([barrier(cleo, auth.cleo, doc), barrier(nora, auth.nora, doc), barrier(dan, auth.dan, doc)]);
    // The member of the other group did receive her own group's changes: her room works.
    const cleoNote = await restCreateOk(auth.cleo, commentInput(doc, otherGroup, "Cleo's group"));
    await cleo.waitForChange(cleoNote.id);
    for (const client of [cleo, nora, dan]) {
      for (const id of [viaRest.id, viaSocket.id]) expect(client.changes(id), client.label).toEqual([]);
      expect(client.ticks().filter((tick) => tick.groupId === seminar), client.label).toEqual([]);
    }
    // And the seminar never heard of Cleo's group's annotation.
    const later = await restCreateOk(auth.ana, commentInput(doc, seminar, "Seminar barrier"));
    await ben.waitForChange(later.id);
    expect(ben.changes(cleoNote.id)).toEqual([]);
  });

  it("a private annotation reaches only its author's other tabs, never a fellow member or moderator", async () => {
    const anaWriting = await joinedTab("ana");
    const anaReading = await joinedTab("ana");
    const ben = await joinedTab("ben");
    const owner = await joinedTab("owner");
    // Ben may join "private" too, but that is his own private stream.
    const note = await anaWriting.ackOk<AnnotationDto>("annotation:create", commentInput(doc, null, "Only mine"));
    const event = expectValidChange(await anaReading.waitForChange(note.id));
    expect(event).toMatchObject({ groupId: "private", type: "annotation.upserted", annotation: { id: note.id, groupId: null } });
    await anaWriting.waitForTick(event.seq, "private");

    const viaRest = await restCreateOk(auth.ana, commentInput(doc, null, "Also only mine, over REST"));
    await anaReading.waitForChange(viaRest.id);

    await Promise.all([barrier(ben, auth.ben, doc), barrier(owner, auth.owner, doc)]);
    for (const client of [ben, owner]) {
      expect(client.changes(note.id)).toEqual([]);
      expect(client.changes(viaRest.id)).toEqual([]);
      // Not even a tick: other people's private streams are not announced.
      expect(client.ticks()).toEqual([]);
    }
  });
});

describe("echo suppression by client id", () => {
  it("over the socket: the writing tab gets only a stream:tick, the same user's other tab the full event", async () => {
    const writing = await joinedTab("ana");
    const otherTab = await joinedTab("ana");
    const ben = await joinedTab("ben");

    const created = await writing.ackOk<AnnotationDto>("annotation:create", commentInput(doc, seminar, "Echo?"));
    const full = expectValidChange(await otherTab.waitForChange(created.id));
    await ben.waitForChange(created.id);
    const tick = expectValidTick(await writing.waitForTick(full.seq, seminar));
    expect(tick).toEqual({ documentId: doc.documentId, groupId: seminar, seq: full.seq });

    const updated = await writing.ackOk<AnnotationDto>("annotation:update", { id: created.id, changes: { color: "green" } });
    expect(updated.color).toBe("green");
    const update = await otherTab.waitForChange(created.id, (event) => event.annotation?.color === "green");
    await writing.waitForTick(update.seq, seminar);

    // Barrier: a change by someone else reaches the writing tab in full.
    const bens = await restCreateOk(auth.ben, commentInput(doc, seminar, "Ben's"));
    await writing.waitForChange(bens.id);
    expect(writing.changes(created.id)).toEqual([]);
    expect(writing.ticks().map((t) => t.seq)).toEqual([full.seq, update.seq]);
  });

  it("over REST with x-client-id: the tab with that id gets only the tick", async () => {
    const writing = await joinedTab("ana");
    const otherTab = await joinedTab("ana");
    const created = await restCreateOk(auth.ana, commentInput(doc, seminar, "REST echo?"), writing.clientId);
    const full = await otherTab.waitForChange(created.id);
    await writing.waitForTick(full.seq, seminar);
    const edited = await restUpdateOk(auth.ana, created.id, { tags: ["question"] }, writing.clientId);
    const edit = await otherTab.waitForChange(created.id, (event) => event.seq > full.seq);
    expect(edit.annotation?.tags).toEqual(edited.tags);
    await writing.waitForTick(edit.seq, seminar);

    const bens = await restCreateOk(auth.ben, commentInput(doc, seminar, "Ben again"));
    await writing.waitForChange(bens.id);
    expect(writing.changes(created.id)).toEqual([]);
  });

  it("another user's client id does not suppress delivery to the tab that owns it", async () => {
    const ana = await joinedTab("ana");
    // Ben (by accident or on purpose) sends Ana's tab id: Ana's tab still gets his change in full.
    const bens = await restCreateOk(auth.ben, commentInput(doc, seminar, "Ben borrows an id"), ana.clientId);
    const event = expectValidChange(await ana.waitForChange(bens.id));
    expect(event.annotation?.body?.text).toBe("Ben borrows an id");
    expect(ana.ticks()).toEqual([]);
  });
});

describe("idempotency end to end", () => {
  it("one client id sent twice at once over the socket and once over REST makes one row and one event", async () => {
    const writing = await joinedTab("ana");
    const ben = await joinedTab("ben");
    const id = randomUUID();
    const input = commentInput(doc, seminar, "Sent three times", { id });
    const [first, second, rest] = await Promise.all([
      writing.ack<AnnotationDto>("annotation:create", input),
      writing.ack<AnnotationDto>("annotation:create", input),
      restCreate(auth.ana, input, writing.clientId),
    ]);
    expect(first).toMatchObject({ ok: true });
    expect(second).toMatchObject({ ok: true });
    expect([200, 201], rest.text).toContain(rest.status);
    const annotations = [first, second].map((ack) => (ack as { data: AnnotationDto }).data);
    expect(annotations[0]).toEqual(annotations[1]);
    expect(rest.body).toEqual(annotations[0]);
    expect(annotations[0]).toMatchObject({ id, body: { text: "Sent three times" } });

    expect(await annotationRowCount(id)).toBe(1);
    const rows = await changeEventRows(id);
    expect(rows).toHaveLength(1);

    // A reply sent twice at once: the same.
    const replyId = randomUUID();
    const replies = await Promise.all([
      writing.ack<AnnotationDto>("annotation:reply", { parentId: id, id: replyId, body: { format: "text", text: "Twice" } }),
      writing.ack<AnnotationDto>("annotation:reply", { parentId: id, id: replyId, body: { format: "text", text: "Twice" } }),
    ]);
    expect(replies[0]).toMatchObject({ ok: true, data: { id: replyId, parentId: id } });
    expect(replies[1]).toEqual(replies[0]);
    expect(await annotationRowCount(replyId)).toBe(1);
    expect(await changeEventRows(replyId)).toHaveLength(1);

    // Ben received each exactly once (barrier: a later change).
    await ben.waitForChange(replyId);
    const later = await restCreateOk(auth.owner, commentInput(doc, seminar, "Later"));
    await ben.waitForChange(later.id);
    expect(ben.changes(id)).toHaveLength(1);
    expect(ben.changes(replyId)).toHaveLength(1);
    expect(ben.changes(id)[0]!.seq).toBe(Number(rows[0]!.seq));
    expect(writing.ticks().filter((tick) => tick.seq === Number(rows[0]!.seq))).toHaveLength(1);
  });
});

describe("a removed member", () => {
  it("stops receiving within a second, is told to rejoin, and cannot join again", async () => {
    const dan = await joinedTab("dan");
    const owner = await joinedTab("owner");
    const before = await restCreateOk(auth.ana, commentInput(doc, seminar, "Dan still sees this"));
    await dan.waitForChange(before.id);
    await owner.waitFor<PresenceList>("presence:readers", (list) => list.readers.some((reader) => reader.id === users.dan.id));

    const removedAt = Date.now();
    const removal = await removeMember(auth.owner, seminar, users.dan.id);
    expect(removal.status, removal.text).toBe(204);
    const rejoin = await dan.waitFor<{ documentId: string | null; groupId: string }>("stream:rejoin", (info) => info.groupId === seminar, 1000);
    expect(Date.now() - removedAt).toBeLessThan(1000);
    expect(rejoin.groupId).toBe(seminar);

    const after = await restCreateOk(auth.ana, commentInput(doc, seminar, "Dan is gone"));
    await owner.waitForChange(after.id);
    await barrier(dan, auth.dan, doc);
    expect(dan.changes(after.id)).toEqual([]);
    expect(dan.ticks().filter((tick) => tick.groupId === seminar)).toEqual([]);

    await dan.ackError("room:join", { documentId: doc.documentId, groupId: seminar }, "NOT_FOUND");
    await dan.ackError("sync", { documentId: doc.documentId, groupId: seminar, since: 0 }, "NOT_FOUND");
    await dan.ackError("presence:select", { documentId: doc.documentId, groupId: seminar, range: null }, "NOT_FOUND");
    // The others no longer list Dan as reading.
    await owner.waitFor<PresenceList>("presence:readers", (list) => !list.readers.some((reader) => reader.id === users.dan.id));
  });
});

describe("moderation", () => {
  it("a hidden annotation reaches peers redacted, and its author and moderators in full, live and through sync", async () => {
    const [ana, ben, owner, instructor] = await Promise.all([
      joinedTab("ana"),
      joinedTab("ben"),
      joinedTab("owner"),
      joinedTab("instructor"),
    ]);
    const created = await restCreateOk(auth.ana, commentInput(doc, seminar, "Something to hide", { tags: ["question"] }));
    const createdEvent = await ben.waitForChange(created.id);

    const hidden = await hideAnnotation(auth.owner, created.id, { reason: "off topic" });
    expect(hidden.status, hidden.text).toBe(200);

    const redacted = expectValidChange(await ben.waitForChange(created.id, (event) => event.seq > createdEvent.seq));
    expectRedacted(redacted, created.id);
    expect(redacted).toMatchObject({ documentId: doc.documentId, groupId: seminar, annotationId: created.id });
    const fullForms: ChangeEvent[] = [];
    for (const client of [ana, owner, instructor]) {
      const event = expectValidChange(await client.waitForChange(created.id, (e) => e.seq === redacted.seq));
      expect(event).toMatchObject({
        type: "annotation.upserted",
        annotation: { id: created.id, hidden: true, body: { text: "Something to hide" }, tags: ["question"] },
      });
      fullForms.push(event);
    }

    // Sync from before the hide: the same forms, in the same order.
    const since = createdEvent.seq;
    expect((await ben.syncOk(doc.documentId, seminar, since)).events).toEqual([redacted]);
    expect((await restEventsOk(auth.ben, doc.documentId, seminar, since)).events).toEqual([redacted]);
    expect((await ana.syncOk(doc.documentId, seminar, since)).events).toEqual([fullForms[0]]);
    expect((await instructor.syncOk(doc.documentId, seminar, since)).events).toEqual([fullForms[2]]);
    expect((await restEventsOk(auth.owner, doc.documentId, seminar, since)).events).toEqual([fullForms[1]]);

    // From before its creation, a peer must not learn the hidden content either.
    const fromStart = await ben.syncOk(doc.documentId, seminar, since - 1);
    expect(fromStart.events.map((event) => event.seq)).toEqual([since, redacted.seq]);
    for (const event of fromStart.events) expectRedacted(event, created.id);
    expect(JSON.stringify(fromStart)).not.toContain("Something to hide");
    const moderatorView = await owner.syncOk(doc.documentId, seminar, since - 1);
    expect(moderatorView.events[0]).toEqual(createdEvent);

    // Changes to the hidden annotation stay redacted for peers (barrier: a later visible change).
    const edited = await ana.ackOk<AnnotationDto>("annotation:update", { id: created.id, changes: { body: { format: "text", text: "Edited while hidden" } } });
    expect(edited.hidden).toBe(true);
    const edit = await owner.waitForChange(created.id, (event) => event.annotation?.body?.text === "Edited while hidden");
    const visible = await restCreateOk(auth.instructor, commentInput(doc, seminar, "Visible"));
    await ben.waitForChange(visible.id);
    const benEdit = ben.changes(created.id).find((event) => event.seq === edit.seq);
    expect(benEdit).toBeDefined();
    expectRedacted(benEdit!, created.id);

    // Unhidden, it comes back to peers in full.
    const unhidden = await unhideAnnotation(auth.instructor, created.id);
    expect(unhidden.status, unhidden.text).toBe(200);
    const back = expectValidChange(await ben.waitForChange(created.id, (event) => event.seq > edit.seq && event.type === "annotation.upserted"));
    expect(back.annotation).toMatchObject({ id: created.id, hidden: false, body: { text: "Edited while hidden" } });
  });

  it("a demoted instructor is told to rejoin and from then on gets hidden changes redacted", async () => {
    const instructor = await joinedTab("instructor");
    const ben = await joinedTab("ben");
    const demoted = await changeMemberRole(auth.owner, seminar, users.instructor.id, { role: "member" });
    expect(demoted.status, demoted.text).toBe(200);
    try {
      await instructor.waitFor("stream:rejoin", (info: { groupId: string }) => info.groupId === seminar, 1000);
      await instructor.join(doc.documentId, seminar);
      const note = await restCreateOk(auth.ana, commentInput(doc, seminar, "Hidden from members"));
      await ben.waitForChange(note.id);
      expect((await hideAnnotation(auth.owner, note.id)).status).toBe(200);
      const hidden = await instructor.waitForChange(note.id, (event) => event.type === "annotation.removed");
      expectRedacted(hidden, note.id);
      expect(instructor.changes(note.id).filter((event) => event.annotation?.hidden === true)).toEqual([]);
    } finally {
      const restored = await changeMemberRole(auth.owner, seminar, users.instructor.id, { role: "instructor" });
      expect(restored.status, restored.text).toBe(200);
    }
  });
});

describe("a post-first group", () => {
  it("sends a member who has not posted only ticks; their first post unlocks peers with a rejoin", async () => {
    const postFirst = (
      await createTestGroup("RT post first", [
        { userId: users.owner.id, role: "owner" },
        { userId: users.ana.id, role: "member" },
        { userId: users.ben.id, role: "member" },
      ])
    ).id;
    const switched = await patchGroup(auth.owner, postFirst, { postFirst: true });
    expect(switched.status, switched.text).toBe(200);

    const ana = await joinedTab("ana", postFirst);
    const ben = await joinedTab("ben", postFirst);
    const owner = await joinedTab("owner", postFirst);

    const anaFirst = await restCreateOk(auth.ana, commentInput(doc, postFirst, "Ana posts first"));
    const full = await owner.waitForChange(anaFirst.id);
    const tick = await ben.waitForTick(full.seq, postFirst);
    expect(tick).toEqual({ documentId: doc.documentId, groupId: postFirst, seq: full.seq });
    const ownerNote = await restCreateOk(auth.owner, commentInput(doc, postFirst, "The owner's prompt"));
    await ben.waitFor<StreamTick>("stream:tick", (t) => t.groupId === postFirst && t.seq === full.seq + 1);
    await barrier(ben, auth.ben, doc);
    expect(ben.changes(anaFirst.id)).toEqual([]);
    expect(ben.changes(ownerNote.id)).toEqual([]);
    // Ana, who posted, sees the owner's prompt; sync tells Ben nothing but the head.
    await ana.waitForChange(ownerNote.id);
    expect(await ben.syncOk(doc.documentId, postFirst, 0)).toEqual({ groupId: postFirst, head: full.seq + 1, events: [], reload: false });

    // Ben posts his first annotation: his tabs are told to rejoin, and see peers from then on.
    const bensFirst = await ben.ackOk<AnnotationDto>("annotation:create", commentInput(doc, postFirst, "Ben's first"));
    await ben.waitFor("stream:rejoin", (info: { documentId: string | null; groupId: string }) =>
      info.groupId === postFirst && info.documentId === doc.documentId,
    );
    await ana.waitForChange(bensFirst.id);
    const anaSecond = await restCreateOk(auth.ana, commentInput(doc, postFirst, "Ana's second"));
    const second = expectValidChange(await ben.waitForChange(anaSecond.id));
    expect(second.annotation?.body?.text).toBe("Ana's second");
    // And sync now gives him what he missed while locked, in full.
    const synced = await ben.syncOk(doc.documentId, postFirst, 0);
    expect(synced.events.map((event) => event.annotationId)).toEqual([anaFirst.id, ownerNote.id, bensFirst.id, anaSecond.id]);
    expect(synced.events[0]).toEqual(full);
  });
});

describe("presence", () => {
  it("lists who reads a stream, relays selections and typing to others but not the sender's own tabs", async () => {
    const ana = await tab("ana");
    await ana.join(presenceDoc.documentId, seminar);
    await ana.waitFor<PresenceList>("presence:readers", (list) => list.readers.length === 1);
    const anaOther = await tab("ana");
    await anaOther.join(presenceDoc.documentId, seminar);
    const ben = await tab("ben");
    await ben.join(presenceDoc.documentId, seminar);

    const both = (list: PresenceList) =>
      list.documentId === presenceDoc.documentId &&
      list.groupId === seminar &&
      list.readers.length === 2 &&
      [users.ana.id, users.ben.id].every((id) => list.readers.some((reader) => reader.id === id));
    for (const client of [ana, anaOther, ben]) {
      const list = await client.waitFor<PresenceList>("presence:readers", both);
      expect(list.readers.find((reader) => reader.id === users.ana.id)?.name).toBe("RT ana");
    }

    const selection = { documentId: presenceDoc.documentId, groupId: seminar, range: { start: 3, end: 12 } };
    expect(await ana.ack("presence:select", selection)).toEqual({ ok: true, data: { sent: true } });
    const seen = await ben.waitFor<PresenceSelection>("presence:selection");
    expect(seen).toEqual({ ...selection, user: { id: users.ana.id, name: "RT ana" } });
    const threadId = randomUUID();
    const typing = { documentId: presenceDoc.documentId, groupId: seminar, threadId, typing: true };
    expect(await ana.ack("presence:typing", typing)).toMatchObject({ ok: true });
    expect(await ben.waitFor<PresenceTyping>("presence:typing")).toEqual({ ...typing, user: { id: users.ana.id, name: "RT ana" } });

    // Barrier: Ben's selection and typing reach both of Ana's tabs; Ana's own never did.
    await ben.ackOk("presence:select", { ...selection, range: null });
    await ben.ackOk("presence:typing", { ...typing, typing: false });
    for (const client of [ana, anaOther]) {
      await client.waitFor<PresenceTyping>("presence:typing", (t) => t.user.id === users.ben.id);
      expect(client.payloads<PresenceSelection>("presence:selection")).toEqual([{ ...selection, range: null, user: { id: users.ben.id, name: "RT ben" } }]);
      expect(client.payloads<PresenceTyping>("presence:typing").map((t) => t.user.id)).toEqual([users.ben.id]);
    }

    // Streams not joined: NOT_FOUND, for a member and for an outsider alike.
    await ana.ackError("presence:select", { ...selection, documentId: doc.documentId }, "NOT_FOUND");
    await ana.ackError("presence:typing", { ...typing, groupId: otherGroup }, "NOT_FOUND");
    const nora = await tab("nora");
    await nora.ackError("presence:select", selection, "NOT_FOUND");
    await nora.ackError("presence:typing", typing, "NOT_FOUND");

    // Ben leaves: the others are told who remains.
    ben.close();
    await ana.waitFor<PresenceList>("presence:readers", (list) => list.readers.length === 1 && list.readers[0]!.id === users.ana.id);
  });
});

describe("leaving and losing access", () => {
  it("room:leave stops delivery of that stream and drops the reader from presence", async () => {
    const ben = await joinedTab("ben");
    const ana = await joinedTab("ana");
    await ana.waitFor<PresenceList>("presence:readers", (list) => list.readers.some((reader) => reader.id === users.ben.id));
    expect(await ben.ack("room:leave", { documentId: doc.documentId, groupId: seminar })).toEqual({ ok: true, data: { groupId: seminar } });
    await ana.waitFor<PresenceList>("presence:readers", (list) => !list.readers.some((reader) => reader.id === users.ben.id));
    const after = await restCreateOk(auth.ana, commentInput(doc, seminar, "After Ben left the room"));
    await barrier(ben, auth.ben, doc);
    expect(ben.changes(after.id)).toEqual([]);
    expect(ben.ticks()).toEqual([]);
    await ben.ackError("presence:select", { documentId: doc.documentId, groupId: seminar, range: null }, "NOT_FOUND");
    // Joining again resumes delivery, with the head to sync from.
    const head = await ben.join(doc.documentId, seminar);
    expect(head).toBe(ana.changes(after.id)[0]!.seq);
    const again = await restCreateOk(auth.ana, commentInput(doc, seminar, "Ben is back"));
    expect((await ben.waitForChange(again.id)).seq).toBe(head + 1);
  });

  it("revoking the API token disconnects its open sockets at once", async () => {
    const extra = await createTokenFor(users.ben, "second device");
    const client = await connectRealtime(server.url, { token: extra.token, userId: users.ben.id, label: "ben-second-device" });
    clients.push(client);
    await client.join(doc.documentId, seminar);
    const other = await joinedTab("ben");
    const disconnected = new Promise<string>((resolve) => client.socket.once("disconnect", resolve));
    const revoked = await callRoute(revokeTokenRoute, jsonRequest(`/api/tokens/${extra.id}`, { method: "DELETE", token: users.ben.token }), {
      id: extra.id,
    });
    expect(revoked.status, revoked.text).toBe(204);
    expect(await disconnected).toBe("io server disconnect");
    // Only that credential's sockets: the tab on the other token still works.
    const note = await restCreateOk(auth.ana, commentInput(doc, seminar, "Still delivered"));
    await other.waitForChange(note.id);
  });
});

describe("the client id is per tab, not per user", () => {
  it("two tabs of one user with different ids each get the other's changes in full", async () => {
    const first = await joinedTab("ben", seminar, doc, newClientId("first"));
    const second = await joinedTab("ben", seminar, doc, newClientId("second"));
    const fromFirst = await first.ackOk<AnnotationDto>("annotation:create", commentInput(doc, seminar, "From the first tab"));
    const fromSecond = await second.ackOk<AnnotationDto>("annotation:create", commentInput(doc, seminar, "From the second tab"));
    await second.waitForChange(fromFirst.id);
    await first.waitForChange(fromSecond.id);
    const later = await restCreateOk(auth.ana, commentInput(doc, seminar, "Barrier for both tabs"));
    await Promise.all([first.waitForChange(later.id), second.waitForChange(later.id)]);
    expect(first.changes(fromFirst.id)).toEqual([]);
    expect(second.changes(fromSecond.id)).toEqual([]);
  });
});
