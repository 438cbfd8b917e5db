// Threads: nested replies of any depth, tombstones for deleted annotations that still
// have replies, edits by the author, reactions (counts and "mine") and resolving threads.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AnnotationDto } from "@/lib/api/annotations";
import { getDb } from "@/server/db/client";
import {
  annotationRow,
  countAnnotationRows,
  createAnnotationOk,
  createOrderedIds,
  createTestGroup,
  deleteAnnotation,
  deleteReaction,
  expectAnnotation,
  getAnnotation,
  importTestArticle,
  listOk,
  patchAnnotation,
  postReaction,
  postReply,
  reopenAnnotation,
  replyOk,
  resolveAnnotation,
  targetFor,
  textBody,
  threadIds,
  type Auth,
  type TestDocument,
} from "./support/annotations";
import { closeDatabase, freshDatabase } from "./support/db";
import { useGenerousRateLimits } from "./support/env";
import { expectApiError } from "./support/http";
import { createUserWithToken, type TestUserWithToken } from "./support/users";

let doc: TestDocument;
let ana: TestUserWithToken; // member, usually the author
let ben: TestUserWithToken; // member
let chen: TestUserWithToken; // instructor
let olga: TestUserWithToken; // owner
let as: Record<"ana" | "ben" | "chen" | "olga", Auth>;
let groupId: string;
const nextId = createOrderedIds();

beforeAll(async () => {
  useGenerousRateLimits();
  await freshDatabase();
  doc = await importTestArticle();
  [ana, ben, chen, olga] = await Promise.all([
    createUserWithToken({ name: "Ana" }),
    createUserWithToken({ name: "Ben" }),
    createUserWithToken({ name: "Chen" }),
    createUserWithToken({ name: "Olga" }),
  ]);
  as = { ana: { token: ana.token }, ben: { token: ben.token }, chen: { token: chen.token }, olga: { token: olga.token } };
  groupId = (
    await createTestGroup("Seminar", [
      { userId: olga.id, role: "owner" },
      { userId: chen.id, role: "instructor" },
      { userId: ana.id, role: "member" },
      { userId: ben.id, role: "member" },
    ])
  ).id;
});

afterAll(async () => {
  await closeDatabase();
});

function rootComment(auth: Auth, quote: string, text = `About ${quote}`, extra: Record<string, unknown> = {}) {
  return createAnnotationOk(auth, {
    id: nextId(),
    documentId: doc.documentId,
    revisionId: doc.revisionId,
    groupId,
    kind: "comment",
    target: targetFor(doc.text, quote),
    body: textBody(text),
    ...extra,
  });
}

function findThread(threads: AnnotationDto[], id: string) {
  return threads.find((thread) => thread.id === id);
}

describe("replies", () => {
  it("nests a reply to a reply to a root (depth 3) and returns the whole nested thread", async () => {
    const root = await rootComment(as.ana, "tight junctions", "Root");
    const first = await replyOk(as.ben, root.id, "Reply to the root", nextId());
    const second = await replyOk(as.chen, first.id, "Reply to the reply", nextId());
    const third = await replyOk(as.ana, second.id, "Three levels down", nextId());

    for (const [reply, parent] of [[first, root], [second, first], [third, second]] as const) {
      expect(reply).toMatchObject({
        kind: "comment",
        parentId: parent.id,
        documentId: doc.documentId,
        revisionId: doc.revisionId,
        groupId,
        target: null,
        tags: [],
        replies: [],
      });
    }
    expect(third.author).toEqual({ id: ana.id, name: "Ana" });
    expect((await annotationRow(third.id))?.rootId).toBe(root.id);

    const fetched = expectAnnotation(await getAnnotation(as.ben, root.id), 200);
    expect(fetched.replies).toHaveLength(1);
    expect(fetched.replies[0]).toMatchObject({ id: first.id, body: { text: "Reply to the root" } });
    expect(fetched.replies[0]!.replies[0]).toMatchObject({ id: second.id, parentId: first.id });
    expect(fetched.replies[0]!.replies[0]!.replies[0]).toMatchObject({ id: third.id, parentId: second.id, replies: [] });

    // A reply fetched on its own comes with the part of the thread below it.
    const middle = expectAnnotation(await getAnnotation(as.ana, first.id), 200);
    expect(threadIds([middle])).toEqual([first.id, second.id, third.id]);

    const listed = findThread(await listOk(as.olga, { documentId: doc.documentId }), root.id);
    expect(threadIds(listed ? [listed] : [])).toEqual([root.id, first.id, second.id, third.id]);
    expect(listed?.replies[0]?.replies[0]?.replies[0]?.body?.text).toBe("Three levels down");
  });

  it("orders sibling replies oldest first", async () => {
    const root = await rootComment(as.ana, "epithelial cells");
    const replies = [];
    for (const who of ["ben", "chen", "olga", "ana"] as const) replies.push(await replyOk(as[who], root.id, `from ${who}`, nextId()));
    const fetched = expectAnnotation(await getAnnotation(as.ana, root.id), 200);
    expect(fetched.replies.map((reply) => reply.id)).toEqual(replies.map((reply) => reply.id));
    expect(fetched.replies.map((reply) => reply.body?.text)).toEqual(["from ben", "from chen", "from olga", "from ana"]);
  });

  it("is idempotent on a client-chosen id: the same id by the same author answers 200 and creates nothing", async () => {
    const root = await rootComment(as.ana, "gastrointestinal tract");
    const id = randomUUID();
    const first = expectAnnotation(await postReply(as.ben, root.id, { id, body: textBody("once") }), 201);
    const before = await countAnnotationRows();
    const again = expectAnnotation(await postReply(as.ben, root.id, { id, body: textBody("once") }), 200);
    expect(again).toEqual(first);
    expect(await countAnnotationRows()).toEqual(before);
    expectApiError(await postReply(as.chen, root.id, { id, body: textBody("stolen id") }), 409, "CONFLICT");
    expect(await countAnnotationRows()).toEqual(before);
  });

  it("creates one reply for concurrent posts with one id", async () => {
    const root = await rootComment(as.ana, "barrier function");
    const id = randomUUID();
    const before = await countAnnotationRows();
    const responses = await Promise.all(Array.from({ length: 5 }, () => postReply(as.ben, root.id, { id, body: textBody("retry") })));
    expect(responses.map((response) => response.status).sort()).toEqual([200, 200, 200, 200, 201]);
    expect(await countAnnotationRows()).toEqual({ ...before, annotations: before.annotations + 1 });
    const fetched = expectAnnotation(await getAnnotation(as.ana, root.id), 200);
    expect(fetched.replies.map((reply) => reply.id)).toEqual([id]);
  });

  it("keeps a reply private when its root is private (the author can reply to their own note)", async () => {
    const privateRoot = await rootComment(as.ana, "undigested food particles", "private", { groupId: null });
    const reply = await replyOk(as.ana, privateRoot.id, "note to self");
    expect(reply.groupId).toBeNull();
    expectApiError(await postReply(as.ben, privateRoot.id, { body: textBody("peek") }), 404, "NOT_FOUND");
  });
});

describe("deleting in threads", () => {
  it("keeps a deleted root with replies as a tombstone, and removes it once its replies are gone", async () => {
    const root = await rootComment(as.ana, "microbial products", "Root to delete", { tags: ["question"] });
    const first = await replyOk(as.ben, root.id, "First reply", nextId());
    const nested = await replyOk(as.chen, first.id, "Nested reply", nextId());
    const second = await replyOk(as.olga, root.id, "Second reply", nextId());

    expect((await deleteAnnotation(as.ana, root.id)).status).toBe(204);
    const tombstone = expectAnnotation(await getAnnotation(as.ben, root.id), 200);
    expect(tombstone).toMatchObject({ id: root.id, deleted: true, body: null, tags: [], author: { id: ana.id } });
    expect(tombstone.target).toEqual(root.target);
    expect(threadIds([tombstone])).toEqual([root.id, first.id, nested.id, second.id]);
    expect(tombstone.replies[0]).toMatchObject({ deleted: false, body: { text: "First reply" } });

    const listed = findThread(await listOk(as.chen, { documentId: doc.documentId }), root.id);
    expect(listed).toMatchObject({ deleted: true, body: null });
    expect(threadIds(listed ? [listed] : [])).toEqual([root.id, first.id, nested.id, second.id]);
    const row = await annotationRow(root.id);
    expect(row?.deletedAt).not.toBeNull();
    expect(row).toMatchObject({ body: null, bodyHtml: null, bodyText: null, tags: [] });

    // The replies go one by one; the tombstone goes with the last of them.
    expect((await deleteAnnotation(as.olga, second.id)).status).toBe(204);
    expect((await deleteAnnotation(as.chen, nested.id)).status).toBe(204);
    expect(await annotationRow(root.id)).not.toBeNull();
    expect((await deleteAnnotation(as.ben, first.id)).status).toBe(204);

    expect(await annotationRow(root.id)).toBeNull();
    expect(await annotationRow(first.id)).toBeNull();
    expectApiError(await getAnnotation(as.ana, root.id), 404, "NOT_FOUND");
    expect(findThread(await listOk(as.ana, { documentId: doc.documentId }), root.id)).toBeUndefined();
  });

  it("removes tombstones even when their last replies are deleted at the same moment", async () => {
    // A race, so it runs in rounds: each round, three tombstones lose their three replies at once.
    const quotes = ["immune and endocrine dysregulation", "mucosal barrier", "critical role"];
    const authors = ["ben", "chen", "olga"] as const;
    for (let round = 0; round < 4; round++) {
      const threads = await Promise.all(
        quotes.map(async (quote) => {
          const root = await rootComment(as.ana, quote);
          const replies = [];
          for (const who of authors) replies.push(await replyOk(as[who], root.id, `reply by ${who}`, nextId()));
          expect((await deleteAnnotation(as.ana, root.id)).status).toBe(204);
          return { root, replies };
        }),
      );
      const responses = await Promise.all(
        threads.flatMap(({ replies }) => replies.map((reply, index) => deleteAnnotation(as[authors[index]!], reply.id))),
      );
      expect(responses.map((response) => response.status)).toEqual(Array(9).fill(204));
      for (const { root, replies } of threads) {
        for (const reply of replies) expect(await annotationRow(reply.id)).toBeNull();
        // Nothing is left below the tombstone, so it must be gone too (as with one-by-one deletes).
        expect(await annotationRow(root.id), `round ${round}: tombstone ${root.id} outlived its replies`).toBeNull();
        expectApiError(await getAnnotation(as.ana, root.id), 404, "NOT_FOUND");
      }
    }
  });

  it("deletes an annotation without replies for good (404 afterwards), and its reactions with it", async () => {
    const root = await rootComment(as.ana, "systemic circulation");
    expect((await postReaction(as.ben, root.id, { type: "helpful" })).status).toBe(200);
    expect((await deleteAnnotation(as.ana, root.id)).status).toBe(204);
    expectApiError(await getAnnotation(as.ana, root.id), 404, "NOT_FOUND");
    expectApiError(await deleteAnnotation(as.ana, root.id), 404, "NOT_FOUND");
    expect(await annotationRow(root.id)).toBeNull();
  });

  it("turns a deleted middle reply into a tombstone and cleans up the chain of tombstones above the last reply", async () => {
    const root = await rootComment(as.ana, "immune responses");
    const middle = await replyOk(as.ben, root.id, "middle", nextId());
    const leaf = await replyOk(as.chen, middle.id, "leaf", nextId());

    expect((await deleteAnnotation(as.ben, middle.id)).status).toBe(204);
    expect((await deleteAnnotation(as.ana, root.id)).status).toBe(204);
    const thread = expectAnnotation(await getAnnotation(as.olga, root.id), 200);
    expect(thread.deleted).toBe(true);
    expect(thread.replies[0]).toMatchObject({ id: middle.id, deleted: true, body: null });
    expect(thread.replies[0]?.replies[0]).toMatchObject({ id: leaf.id, deleted: false, body: { text: "leaf" } });

    expect((await deleteAnnotation(as.chen, leaf.id)).status).toBe(204);
    for (const id of [root.id, middle.id, leaf.id]) expect(await annotationRow(id)).toBeNull();
  });

  it("lets only the author delete: 403 FORBIDDEN for others in the group, even the owner", async () => {
    const root = await rootComment(as.ana, "systemic health");
    const reply = await replyOk(as.ben, root.id, "Ben's reply");
    expectApiError(await deleteAnnotation(as.olga, root.id), 403, "FORBIDDEN");
    expectApiError(await deleteAnnotation(as.chen, reply.id), 403, "FORBIDDEN");
    expectApiError(await deleteAnnotation(as.ana, reply.id), 403, "FORBIDDEN");
    expect(threadIds([expectAnnotation(await getAnnotation(as.ana, root.id), 200)])).toEqual([root.id, reply.id]);
  });
});

describe("PATCH /api/annotations/{id}", () => {
  it("lets the author change body, tags and color; the target, kind and group never move", async () => {
    const root = await rootComment(as.ana, "clinical phenomenon", "Before");
    const italic = { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "After", marks: [{ type: "italic" }] }] }] };
    const patched = expectAnnotation(
      await patchAnnotation(as.ana, root.id, { body: { format: "tiptap", doc: italic }, tags: ["Evidence"], color: "blue" }),
      200,
    );
    expect(patched).toMatchObject({
      id: root.id,
      kind: "comment",
      groupId,
      tags: ["evidence"],
      color: "blue",
      body: { text: "After", html: "<p><em>After</em></p>" },
    });
    expect(patched.target).toEqual(root.target);
    expect(patched.createdAt).toBe(root.createdAt);
    expect(Date.parse(patched.updatedAt)).toBeGreaterThanOrEqual(Date.parse(root.updatedAt));

    const cleared = expectAnnotation(await patchAnnotation(as.ana, root.id, { color: null }), 200);
    expect(cleared).toMatchObject({ color: null, tags: ["evidence"], body: { text: "After" } });
    expect(expectAnnotation(await getAnnotation(as.ben, root.id), 200)).toMatchObject({ color: null, body: { text: "After" } });
  });

  it("lets a reply's author edit the reply", async () => {
    const root = await rootComment(as.ana, "molecular basis");
    const reply = await replyOk(as.ben, root.id, "tpyo");
    const fixed = expectAnnotation(await patchAnnotation(as.ben, reply.id, { body: textBody("typo") }), 200);
    expect(fixed).toMatchObject({ parentId: root.id, body: { text: "typo" } });
    expectApiError(await patchAnnotation(as.ana, reply.id, { body: textBody("not yours") }), 403, "FORBIDDEN");
  });
});

describe("reactions", () => {
  it("counts each reader's reactions once and tells each reader which are theirs", async () => {
    const root = await rootComment(as.ana, "dietary components");
    const helpfulByBen = expectAnnotation(await postReaction(as.ben, root.id, { type: "helpful" }), 200);
    expect(helpfulByBen.reactions).toEqual({ counts: { helpful: 1, same_question: 0 }, mine: ["helpful"] });

    // Reacting twice is one reaction.
    expect(expectAnnotation(await postReaction(as.ben, root.id, { type: "helpful" }), 200).reactions.counts.helpful).toBe(1);
    await postReaction(as.ben, root.id, { type: "same_question" });
    await postReaction(as.chen, root.id, { type: "helpful" });
    await postReaction(as.ana, root.id, { type: "same_question" });

    const asBen = expectAnnotation(await getAnnotation(as.ben, root.id), 200).reactions;
    expect(asBen.counts).toEqual({ helpful: 2, same_question: 2 });
    expect([...asBen.mine].sort()).toEqual(["helpful", "same_question"]);
    expect(expectAnnotation(await getAnnotation(as.chen, root.id), 200).reactions.mine).toEqual(["helpful"]);
    expect(expectAnnotation(await getAnnotation(as.olga, root.id), 200).reactions).toEqual({ counts: { helpful: 2, same_question: 2 }, mine: [] });
    const listed = findThread(await listOk(as.ana, { documentId: doc.documentId }), root.id);
    expect(listed?.reactions).toEqual({ counts: { helpful: 2, same_question: 2 }, mine: ["same_question"] });

    const withdrawn = expectAnnotation(await deleteReaction(as.ben, root.id, "helpful"), 200);
    expect(withdrawn.reactions).toEqual({ counts: { helpful: 1, same_question: 2 }, mine: ["same_question"] });
    // Taking back a reaction one never gave changes nothing.
    const noop = expectAnnotation(await deleteReaction(as.olga, root.id, "helpful"), 200);
    expect(noop.reactions.counts).toEqual({ helpful: 1, same_question: 2 });
    expect(await getReactionRows(root.id)).toBe(3);
  });

  it("survives a double click: concurrent identical reactions are one reaction, and every request succeeds", async () => {
    const root = await rootComment(as.ana, "various factors");
    const responses = await Promise.all(Array.from({ length: 6 }, () => postReaction(as.ben, root.id, { type: "helpful" })));
    expect(responses.map((response) => response.status), responses.map((response) => response.text).join("\n")).toEqual([200, 200, 200, 200, 200, 200]);
    expect(await getReactionRows(root.id)).toBe(1);
    expect(expectAnnotation(await getAnnotation(as.ben, root.id), 200).reactions).toEqual({ counts: { helpful: 1, same_question: 0 }, mine: ["helpful"] });
  });

  it("works on replies too", async () => {
    const root = await rootComment(as.ana, "stress");
    const reply = await replyOk(as.ben, root.id, "good point");
    expect(expectAnnotation(await postReaction(as.ana, reply.id, { type: "helpful" }), 200).reactions).toEqual({
      counts: { helpful: 1, same_question: 0 },
      mine: ["helpful"],
    });
    const thread = expectAnnotation(await getAnnotation(as.ben, root.id), 200);
    expect(thread.reactions.counts.helpful).toBe(0);
    expect(thread.replies[0]?.reactions).toEqual({ counts: { helpful: 1, same_question: 0 }, mine: [] });
  });
});

function getReactionRows(annotationId: string) {
  return getDb().annotationReaction.count({ where: { annotationId } });
}

describe("resolve and reopen", () => {
  it("lets the root's author resolve and reopen their thread", async () => {
    const root = await rootComment(as.ana, "microbial imbalances");
    const resolved = expectAnnotation(await resolveAnnotation(as.ana, root.id), 200);
    expect(resolved.resolved).toBe(true);
    expect((await annotationRow(root.id))?.resolvedById).toBe(ana.id);
    expect(expectAnnotation(await getAnnotation(as.ben, root.id), 200).resolved).toBe(true);
    // Resolving twice is harmless.
    expect(expectAnnotation(await resolveAnnotation(as.ana, root.id), 200).resolved).toBe(true);

    const reopened = expectAnnotation(await reopenAnnotation(as.ana, root.id), 200);
    expect(reopened.resolved).toBe(false);
    expect(await annotationRow(root.id)).toMatchObject({ resolvedAt: null, resolvedById: null });
  });

  it("lets the group's instructor and owner resolve and reopen someone else's thread", async () => {
    const root = await rootComment(as.ben, "lamina propria");
    expect(expectAnnotation(await resolveAnnotation(as.chen, root.id), 200).resolved).toBe(true);
    expect((await annotationRow(root.id))?.resolvedById).toBe(chen.id);
    expect(expectAnnotation(await reopenAnnotation(as.olga, root.id), 200).resolved).toBe(false);
    expect(expectAnnotation(await resolveAnnotation(as.olga, root.id), 200).resolved).toBe(true);
    expect(expectAnnotation(await reopenAnnotation(as.chen, root.id), 200).resolved).toBe(false);
  });

  it("403 FORBIDDEN for a plain member who did not write the root (resolve and reopen)", async () => {
    const root = await rootComment(as.ana, "distant organs");
    expectApiError(await resolveAnnotation(as.ben, root.id), 403, "FORBIDDEN");
    expect((await annotationRow(root.id))?.resolvedAt).toBeNull();
    await resolveAnnotation(as.ana, root.id);
    expectApiError(await reopenAnnotation(as.ben, root.id), 403, "FORBIDDEN");
    expect((await annotationRow(root.id))?.resolvedAt).not.toBeNull();
  });

  it("422 UNPROCESSABLE on a reply, for the reply's author and for an instructor alike", async () => {
    const root = await rootComment(as.ana, "hormonal signaling");
    const reply = await replyOk(as.ben, root.id, "resolve me?");
    expectApiError(await resolveAnnotation(as.ben, reply.id), 422, "UNPROCESSABLE");
    expectApiError(await resolveAnnotation(as.chen, reply.id), 422, "UNPROCESSABLE");
    expectApiError(await reopenAnnotation(as.olga, reply.id), 422, "UNPROCESSABLE");
    expect((await annotationRow(reply.id))?.resolvedAt).toBeNull();
    expect((await annotationRow(root.id))?.resolvedAt).toBeNull();
  });

  it("lets the author resolve their private note", async () => {
    const root = await rootComment(as.ben, "metabolism", "private", { groupId: null });
    expect(expectAnnotation(await resolveAnnotation(as.ben, root.id), 200).resolved).toBe(true);
    expectApiError(await resolveAnnotation(as.chen, root.id), 404, "NOT_FOUND");
  });
});
