// Moderation: any member flags an annotation (logged for moderators); owners and
// instructors hide it, after which it is gone for the other members (lists and GETs)
// but still there, marked hidden, for its author and the moderators; unhide brings it
// back. The moderation log is for moderators only.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AnnotationDto } from "@/lib/api/annotations";
import { getDb } from "@/server/db/client";
import {
  createAnnotationOk,
  createTestGroup,
  deleteAnnotation,
  expectAnnotation,
  getAnnotation,
  importTestArticle,
  listOk,
  postReaction,
  postReply,
  replyOk,
  targetFor,
  textBody,
  threadIds,
  type Auth,
  type TestDocument,
} from "./support/annotations";
import { closeDatabase, freshDatabase } from "./support/db";
import { useGenerousRateLimits } from "./support/env";
import {
  flagAnnotation,
  groupStateFingerprint,
  hideAnnotation,
  moderationLog,
  moderationLogOk,
  unhideAnnotation,
} from "./support/groups";
import { expectApiError } from "./support/http";
import { createUserWithToken, sessionCookieFor, type TestUserWithToken } from "./support/users";

let doc: TestDocument;
let groupId: string;
let users: Record<"owner" | "instructor" | "author" | "reader" | "replier" | "outsider", TestUserWithToken>;
let auth: Record<keyof typeof users, Auth>;

beforeAll(async () => {
  useGenerousRateLimits();
  await freshDatabase();
  doc = await importTestArticle();
  const [owner, instructor, author, reader, replier, outsider] = await Promise.all(
    ["Olga Owner", "Ivo Instructor", "Ada Author", "Rea Reader", "Remy Replier", "Otto Outsider"].map((name) => createUserWithToken({ name })),
  );
  users = { owner: owner!, instructor: instructor!, author: author!, reader: reader!, replier: replier!, outsider: outsider! };
  auth = {
    owner: { token: owner!.token },
    instructor: { cookie: (await sessionCookieFor(instructor!.id)).cookie },
    author: { token: author!.token },
    reader: { token: reader!.token },
    replier: { token: replier!.token },
    outsider: { token: outsider!.token },
  };
  groupId = (
    await createTestGroup("Moderated seminar", [
      { userId: owner!.id, role: "owner" },
      { userId: instructor!.id, role: "instructor" },
      { userId: author!.id, role: "member" },
      { userId: reader!.id, role: "member" },
      { userId: replier!.id, role: "member" },
    ])
  ).id;
});

afterAll(async () => {
  await closeDatabase();
});

let counter = 0;
function comment(who: Auth, text: string): Promise<AnnotationDto> {
  const quotes = ["tight junctions", "epithelial cells", "barrier function", "microbial products"];
  return createAnnotationOk(who, {
    documentId: doc.documentId,
    revisionId: doc.revisionId,
    groupId,
    kind: "comment",
    target: targetFor(doc.text, quotes[counter++ % quotes.length]!),
    body: textBody(text),
  });
}

async function listedIds(who: Auth, query: Record<string, string> = {}): Promise<string[]> {
  return threadIds(await listOk(who, { documentId: doc.documentId, ...query }));
}

function findIn(threads: AnnotationDto[], id: string): AnnotationDto | undefined {
  const pending = [...threads];
  for (let node = pending.pop(); node; node = pending.pop()) {
    if (node.id === id) return node;
    pending.push(...node.replies);
  }
  return undefined;
}

describe("flagging", () => {
  it("records a member's flag (once per member) and logs it for the moderators; the annotation stays visible", async () => {
    const annotation = await comment(auth.author, "Buy cheap pills from example.com");
    const flagged = await flagAnnotation(auth.reader, annotation.id, { reason: "  Spam link  " });
    expect(flagged.status, flagged.text).toBe(201);
    expect(flagged.body).toEqual({ flagged: true });

    const log = await moderationLogOk(auth.instructor, groupId);
    expect(log[0]).toMatchObject({ action: "flag", annotationId: annotation.id, actorId: users.reader.id, detail: "Spam link" });

    // Flagging again replaces the reason rather than adding a second flag.
    expect((await flagAnnotation(auth.reader, annotation.id, { reason: "Spam, really" })).status).toBe(201);
    const flags = await getDb().annotationFlag.findMany({ where: { annotationId: annotation.id } });
    expect(flags).toEqual([expect.objectContaining({ userId: users.reader.id, reason: "Spam, really" })]);
    // Another member's flag is a second one.
    expect((await flagAnnotation(auth.replier, annotation.id, { reason: "Advertising" })).status).toBe(201);
    expect(await getDb().annotationFlag.count({ where: { annotationId: annotation.id } })).toBe(2);

    // A flag hides nothing.
    expect((await getAnnotation(auth.replier, annotation.id)).status).toBe(200);
    expect(await listedIds(auth.replier)).toContain(annotation.id);
  });

  it("refuses flags from outside the group (404) and on private annotations (404 for others, 403 for the author)", async () => {
    const annotation = await comment(auth.author, "A fair point");
    const before = await groupStateFingerprint();
    expectApiError(await flagAnnotation(auth.outsider, annotation.id, { reason: "nosy" }), 404, "NOT_FOUND");
    expectApiError(await flagAnnotation({}, annotation.id, { reason: "nosy" }), 401, "UNAUTHENTICATED");
    const privateNote = await createAnnotationOk(auth.author, {
      documentId: doc.documentId,
      revisionId: doc.revisionId,
      groupId: null,
      kind: "comment",
      body: textBody("my own"),
    });
    const afterPrivate = await groupStateFingerprint();
    expect(afterPrivate.annotations).toBe(Number(before.annotations) + 1);
    expectApiError(await flagAnnotation(auth.reader, privateNote.id, { reason: "peeking" }), 404, "NOT_FOUND");
    expectApiError(await flagAnnotation(auth.author, privateNote.id, { reason: "self flag" }), 403, "FORBIDDEN");
    expect(await groupStateFingerprint()).toEqual(afterPrivate);
  });
});

describe("hiding", () => {
  let root: AnnotationDto;
  let reply: AnnotationDto;

  beforeAll(async () => {
    root = await comment(auth.author, "An insulting remark about classmates");
    reply = await replyOk(auth.replier, root.id, "A reply under the remark");
  });

  it("hides an annotation: instructor's 200 says hidden, and the log has the reason", async () => {
    const response = await hideAnnotation(auth.instructor, root.id, { reason: "Personal attack" });
    const hidden = expectAnnotation(response, 200);
    expect(hidden).toMatchObject({ id: root.id, hidden: true });
    const log = await moderationLogOk(auth.owner, groupId);
    expect(log[0]).toMatchObject({ action: "hide", annotationId: root.id, actorId: users.instructor.id, detail: "Personal attack" });
  });

  it("takes it (and its thread) away from the other members: lists and GETs are 404", async () => {
    for (const who of [auth.reader, auth.replier]) {
      expectApiError(await getAnnotation(who, root.id), 404, "NOT_FOUND");
      const ids = await listedIds(who);
      expect(ids).not.toContain(root.id);
      const queries: Array<Record<string, string>> = [{ groupId }, { author: users.author.id }, { q: "insulting" }, { kind: "comment" }];
      for (const query of queries) {
        expect(await listedIds(who, query)).not.toContain(root.id);
      }
    }
    const before = await groupStateFingerprint();
    expectApiError(await postReply(auth.reader, root.id, { body: textBody("what did it say?") }), 404, "NOT_FOUND");
    expectApiError(await postReaction(auth.reader, root.id, { type: "helpful" }), 404, "NOT_FOUND");
    expectApiError(await flagAnnotation(auth.reader, root.id, { reason: "still there?" }), 404, "NOT_FOUND");
    expect(await groupStateFingerprint()).toEqual(before);
  });

  it("keeps it for its author and the moderators, marked hidden", async () => {
    for (const who of [auth.author, auth.owner, auth.instructor]) {
      const got = expectAnnotation(await getAnnotation(who, root.id), 200);
      expect(got).toMatchObject({ hidden: true, body: expect.objectContaining({ text: "An insulting remark about classmates" }) });
      expect(got.replies.map((item) => item.id)).toEqual([reply.id]);
      const listed = findIn(await listOk(who, { documentId: doc.documentId }), root.id);
      expect(listed).toMatchObject({ id: root.id, hidden: true });
    }
  });

  it("is for moderators only: members get 403, outsiders 404", async () => {
    const other = await comment(auth.author, "Another remark");
    const before = await groupStateFingerprint();
    expectApiError(await hideAnnotation(auth.reader, other.id), 403, "FORBIDDEN");
    expectApiError(await hideAnnotation(auth.author, other.id), 403, "FORBIDDEN");
    expectApiError(await hideAnnotation(auth.outsider, other.id), 404, "NOT_FOUND");
    expectApiError(await unhideAnnotation(auth.reader, root.id), 404, "NOT_FOUND");
    expectApiError(await unhideAnnotation(auth.author, root.id), 403, "FORBIDDEN");
    expect(await groupStateFingerprint()).toEqual(before);
  });

  it("unhides: the annotation and its thread come back for everyone", async () => {
    const response = await unhideAnnotation(auth.owner, root.id, { reason: "Apology received" });
    expect(expectAnnotation(response, 200)).toMatchObject({ id: root.id, hidden: false });
    for (const who of [auth.reader, auth.replier]) {
      const got = expectAnnotation(await getAnnotation(who, root.id), 200);
      expect(got).toMatchObject({ hidden: false });
      expect(got.replies.map((item) => item.id)).toEqual([reply.id]);
      expect(await listedIds(who)).toEqual(expect.arrayContaining([root.id, reply.id]));
    }
    const log = await moderationLogOk(auth.instructor, groupId);
    expect(log[0]).toMatchObject({ action: "unhide", annotationId: root.id, actorId: users.owner.id, detail: "Apology received" });
  });

  it("hides a single reply and leaves the rest of the thread", async () => {
    const thread = await comment(auth.author, "A question for the group");
    const rude = await replyOk(auth.replier, thread.id, "A rude answer");
    const kind = await replyOk(auth.reader, thread.id, "A kind answer");
    expect((await hideAnnotation(auth.owner, rude.id)).status).toBe(200);

    const forAuthor = expectAnnotation(await getAnnotation(auth.author, thread.id), 200);
    expect(forAuthor.replies.map((item) => item.id)).toEqual([kind.id]);
    expect(await listedIds(auth.author)).not.toContain(rude.id);
    expectApiError(await getAnnotation(auth.reader, rude.id), 404, "NOT_FOUND");

    const forReplier = expectAnnotation(await getAnnotation(auth.replier, thread.id), 200);
    expect(forReplier.replies.map((item) => [item.id, item.hidden])).toEqual([
      [rude.id, true],
      [kind.id, false],
    ]);
    const forOwner = expectAnnotation(await getAnnotation(auth.owner, thread.id), 200);
    expect(forOwner.replies.map((item) => item.id)).toEqual([rude.id, kind.id]);
  });

  it("does not let members find a hidden reply's words through the search", async () => {
    const thread = await comment(auth.author, "An innocent question");
    const secret = await replyOk(auth.replier, thread.id, "Contains the word xylophonist");
    expect((await hideAnnotation(auth.owner, secret.id)).status).toBe(200);
    // The moderator's search finds it; another member's finds nothing, not even the thread.
    expect(await listedIds(auth.owner, { q: "xylophonist" })).toEqual([thread.id, secret.id]);
    expect(await listedIds(auth.reader, { q: "xylophonist" })).toEqual([]);
  });

  it("refuses to hide a deleted annotation (409)", async () => {
    const thread = await comment(auth.author, "To be deleted");
    await replyOk(auth.reader, thread.id, "keeps the tombstone");
    expect((await deleteAnnotation(auth.author, thread.id)).status).toBe(204);
    expectApiError(await hideAnnotation(auth.owner, thread.id), 409, "CONFLICT");
  });

  it("reads the reason of a hide sent without Content-Length (a chunked upload) too", async () => {
    const annotation = await comment(auth.author, "Hide me, chunked");
    const response = await hideAnnotation(auth.instructor, annotation.id, { reason: "Sent chunked" }, { chunked: true });
    expect(response.status, response.text).toBe(200);
    const log = await moderationLogOk(auth.owner, groupId);
    expect(log[0]).toMatchObject({ action: "hide", annotationId: annotation.id, detail: "Sent chunked" });
  });

  it("refuses an invalid hide body sent without Content-Length instead of ignoring it", async () => {
    const annotation = await comment(auth.author, "Do not hide me");
    const before = await groupStateFingerprint();
    expectApiError(await hideAnnotation(auth.instructor, annotation.id, { reason: 42, everything: true }, { chunked: true }), 400, "VALIDATION_FAILED");
    expectApiError(await unhideAnnotation(auth.instructor, annotation.id, "not json", { chunked: true }), 400, "INVALID_JSON");
    expect(await groupStateFingerprint()).toEqual(before);
  });
});

describe("the moderation log", () => {
  it("is visible to owners and instructors only, newest first", async () => {
    const annotation = await comment(auth.author, "Logged");
    expect((await flagAnnotation(auth.reader, annotation.id, { reason: "first" })).status).toBe(201);
    expect((await hideAnnotation(auth.owner, annotation.id)).status).toBe(200);
    expect((await unhideAnnotation(auth.instructor, annotation.id)).status).toBe(200);

    for (const who of [auth.owner, auth.instructor]) {
      const log = await moderationLogOk(who, groupId);
      expect(log.slice(0, 3).map((entry) => [entry.action, entry.annotationId, entry.actorId])).toEqual([
        ["unhide", annotation.id, users.instructor.id],
        ["hide", annotation.id, users.owner.id],
        ["flag", annotation.id, users.reader.id],
      ]);
      const times = log.map((entry) => Date.parse(entry.createdAt));
      expect(times).toEqual([...times].sort((a, b) => b - a));
    }
    for (const who of [auth.author, auth.reader]) expectApiError(await moderationLog(who, groupId), 403, "FORBIDDEN");
    expectApiError(await moderationLog(auth.outsider, groupId), 404, "NOT_FOUND");
    expectApiError(await moderationLog({}, groupId), 401, "UNAUTHENTICATED");
  });
});
