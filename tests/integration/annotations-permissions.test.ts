// The permission matrix of a group annotation: anonymous (401), a non-member (404, as if
// it did not exist), a member who is not the author, the author, an instructor and the
// owner, for read, list, patch, delete, reply, react and resolve. Then private
// annotations: nobody but their author ever sees them, not even a co-member or an owner.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AnnotationDto } from "@/lib/api/annotations";
import type { ErrorCode } from "@/lib/errors";
import { getDb } from "@/server/db/client";
import {
  annotationRow,
  countAnnotationRows,
  createAnnotationOk,
  createTestGroup,
  deleteAnnotation,
  deleteReaction,
  getAnnotation,
  importTestArticle,
  listAnnotationsRaw,
  listOk,
  patchAnnotation,
  personalGroupId,
  postReaction,
  postReply,
  reopenAnnotation,
  resolveAnnotation,
  targetFor,
  textBody,
  threadIds,
  type Auth,
  type TestDocument,
} from "./support/annotations";
import { closeDatabase, freshDatabase } from "./support/db";
import { useGenerousRateLimits } from "./support/env";
import { expectApiError, type ApiResponse } from "./support/http";
import { createUserWithToken, sessionCookieFor, type TestUserWithToken } from "./support/users";

type Persona = "anonymous" | "nonMember" | "member" | "author" | "instructor" | "owner";
type Operation = "read" | "list" | "patch" | "delete" | "reply" | "react" | "resolve";
type Outcome = number | ErrorCode | "listed" | "absent";

let doc: TestDocument;
let users: Record<Exclude<Persona, "anonymous">, TestUserWithToken>;
let auth: Record<Persona, Auth>;
let groupId: string;

beforeAll(async () => {
  useGenerousRateLimits();
  await freshDatabase();
  doc = await importTestArticle();
  const [nonMember, member, author, instructor, owner] = await Promise.all(
    ["Nina Outsider", "Max Member", "Ada Author", "Ivo Instructor", "Olga Owner"].map((name) => createUserWithToken({ name })),
  );
  users = { nonMember: nonMember!, member: member!, author: author!, instructor: instructor!, owner: owner! };
  // Mix the credentials: the instructor comes with a session cookie, everyone else with a token.
  auth = {
    anonymous: {},
    nonMember: { token: users.nonMember.token },
    member: { token: users.member.token },
    author: { token: users.author.token },
    instructor: { cookie: (await sessionCookieFor(users.instructor.id)).cookie },
    owner: { token: users.owner.token },
  };
  groupId = (
    await createTestGroup("Seminar", [
      { userId: users.owner.id, role: "owner" },
      { userId: users.instructor.id, role: "instructor" },
      { userId: users.member.id, role: "member" },
      { userId: users.author.id, role: "member" },
    ])
  ).id;
  // The non-member has a group of their own on the same document.
  await createTestGroup("Another seminar", [{ userId: users.nonMember.id, role: "owner" }]);
});

afterAll(async () => {
  await closeDatabase();
});

let quoteCounter = 0;
const QUOTES = ["tight junctions", "epithelial cells", "barrier function", "microbial products", "systemic circulation", "immune responses"];

function createBy(who: Auth, overrides: Record<string, unknown> = {}): Promise<AnnotationDto> {
  const quote = QUOTES[quoteCounter++ % QUOTES.length]!;
  return createAnnotationOk(who, {
    documentId: doc.documentId,
    revisionId: doc.revisionId,
    groupId,
    kind: "note",
    tags: ["question"],
    target: targetFor(doc.text, quote),
    body: textBody(`Note on ${quote}`),
    ...overrides,
  });
}

function outcomeOf(response: ApiResponse): Outcome {
  if (response.status < 400) return response.status;
  return (response.body as { error: { code: ErrorCode } }).error.code;
}

const operations: Record<Operation, (who: Auth, annotation: AnnotationDto) => Promise<ApiResponse>> = {
  read: (who, annotation) => getAnnotation(who, annotation.id),
  list: (who) => listAnnotationsRaw(who, { documentId: doc.documentId }),
  patch: (who, annotation) => patchAnnotation(who, annotation.id, { color: "blue", body: textBody("edited") }),
  delete: (who, annotation) => deleteAnnotation(who, annotation.id),
  reply: (who, annotation) => postReply(who, annotation.id, { body: textBody("a reply") }),
  react: (who, annotation) => postReaction(who, annotation.id, { type: "helpful" }),
  resolve: (who, annotation) => resolveAnnotation(who, annotation.id),
};

const OK = { read: 200, list: "listed", patch: 200, delete: 204, reply: 201, react: 200, resolve: 200 } as const;
const MODERATOR = { ...OK, patch: "FORBIDDEN", delete: "FORBIDDEN" } as const;

const MATRIX: Record<Persona, Record<Operation, Outcome>> = {
  anonymous: {
    read: "UNAUTHENTICATED",
    list: "UNAUTHENTICATED",
    patch: "UNAUTHENTICATED",
    delete: "UNAUTHENTICATED",
    reply: "UNAUTHENTICATED",
    react: "UNAUTHENTICATED",
    resolve: "UNAUTHENTICATED",
  },
  nonMember: {
    read: "NOT_FOUND",
    list: "absent",
    patch: "NOT_FOUND",
    delete: "NOT_FOUND",
    reply: "NOT_FOUND",
    react: "NOT_FOUND",
    resolve: "NOT_FOUND",
  },
  member: { ...OK, patch: "FORBIDDEN", delete: "FORBIDDEN", resolve: "FORBIDDEN" },
  author: OK,
  instructor: MODERATOR,
  owner: MODERATOR,
};

const CASES = Object.entries(MATRIX).flatMap(([persona, row]) =>
  Object.entries(row).map(([operation, outcome]) => [persona as Persona, operation as Operation, outcome] as const),
);

describe("a group annotation", () => {
  it.each(CASES)("%s × %s → %s", async (persona, operation, expected) => {
    const annotation = await createBy(auth.author);
    const before = await countAnnotationRows();
    const response = await operations[operation](auth[persona], annotation);

    if (operation === "list" && response.status === 200) {
      const ids = (response.body as { items: AnnotationDto[] }).items.map((item) => item.id);
      expect(ids.includes(annotation.id) ? "listed" : "absent").toBe(expected);
      return;
    }
    expect(outcomeOf(response), response.text).toBe(expected);
    if (typeof expected === "string") {
      const status = { UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404 }[expected as "UNAUTHENTICATED"];
      expectApiError(response, status, expected as ErrorCode);
      // A refusal changes nothing, and a 404 says nothing about the annotation.
      expect(await countAnnotationRows()).toEqual(before);
      const row = await annotationRow(annotation.id);
      expect(row).toMatchObject({ color: annotation.color, bodyText: annotation.body?.text, resolvedAt: null, deletedAt: null });
      expect(response.text).not.toContain(annotation.body?.text ?? "never");
      expect(response.text).not.toContain(annotation.id);
      return;
    }
    // An allowed operation really happened.
    const row = await annotationRow(annotation.id);
    const after = await countAnnotationRows();
    const effects: Record<Operation, () => void> = {
      read: () => expect((response.body as AnnotationDto).id).toBe(annotation.id),
      list: () => undefined,
      patch: () => expect(row).toMatchObject({ color: "blue", bodyText: "edited" }),
      delete: () => expect(row).toBeNull(),
      reply: () => expect(after.annotations).toBe(before.annotations + 1),
      react: () => expect(after.annotation_reactions).toBe(before.annotation_reactions + 1),
      resolve: () => expect(row?.resolvedAt).not.toBeNull(),
    };
    effects[operation]();
  });

  it("lets a moderator's resolve be undone by the author, and the author's by a moderator", async () => {
    const annotation = await createBy(auth.author);
    expect((await resolveAnnotation(auth.owner, annotation.id)).status).toBe(200);
    expect((await reopenAnnotation(auth.author, annotation.id)).status).toBe(200);
    expect((await resolveAnnotation(auth.author, annotation.id)).status).toBe(200);
    expect((await reopenAnnotation(auth.instructor, annotation.id)).status).toBe(200);
    expectApiError(await reopenAnnotation(auth.member, annotation.id), 403, "FORBIDDEN");
  });

  it("lets a moderator act on a reply like on any annotation: react and reply yes, edit and delete no", async () => {
    const annotation = await createBy(auth.author);
    const reply = (await postReply(auth.member, annotation.id, { body: textBody("member's reply") })).body as AnnotationDto;
    expect((await postReply(auth.owner, reply.id, { body: textBody("owner answers") })).status).toBe(201);
    expect((await postReaction(auth.instructor, reply.id, { type: "same_question" })).status).toBe(200);
    expectApiError(await patchAnnotation(auth.owner, reply.id, { body: textBody("moderated") }), 403, "FORBIDDEN");
    expectApiError(await deleteAnnotation(auth.instructor, reply.id), 403, "FORBIDDEN");
    expectApiError(await deleteAnnotation(auth.author, reply.id), 403, "FORBIDDEN");
  });

  it("takes a member's access away the moment they leave the group", async () => {
    const annotation = await createBy(auth.author);
    const leaver = await createUserWithToken({ name: "Leaver" });
    await getDb().groupMembership.create({ data: { groupId, userId: leaver.id, role: "member" } });
    expect((await getAnnotation({ token: leaver.token }, annotation.id)).status).toBe(200);

    await getDb().groupMembership.delete({ where: { groupId_userId: { groupId, userId: leaver.id } } });
    expectApiError(await getAnnotation({ token: leaver.token }, annotation.id), 404, "NOT_FOUND");
    expectApiError(await postReply({ token: leaver.token }, annotation.id, { body: textBody("still here?") }), 404, "NOT_FOUND");
    const listed = await listOk({ token: leaver.token }, { documentId: doc.documentId, groupId });
    expect(listed).toEqual([]);
  });

  it("keeps annotations in someone's personal group to that person", async () => {
    const personal = await personalGroupId(users.author.id);
    const annotation = await createBy(auth.author, { groupId: personal });
    for (const persona of ["nonMember", "member", "instructor", "owner"] as const) {
      expectApiError(await getAnnotation(auth[persona], annotation.id), 404, "NOT_FOUND");
      expect(threadIds(await listOk(auth[persona], { documentId: doc.documentId }))).not.toContain(annotation.id);
    }
    expect((await getAnnotation(auth.author, annotation.id)).status).toBe(200);
  });
});

describe("a private annotation", () => {
  let privateNote: AnnotationDto;
  let groupNote: AnnotationDto;

  beforeAll(async () => {
    privateNote = await createBy(auth.author, { groupId: null, body: textBody("My secret reading note") });
    groupNote = await createBy(auth.author);
    // A private note with a reply (by its author) and a reaction (by its author).
    expect((await postReply(auth.author, privateNote.id, { body: textBody("Secret follow-up") })).status).toBe(201);
    expect((await postReaction(auth.author, privateNote.id, { type: "helpful" })).status).toBe(200);
  });

  it("is visible to its author, in the thread list and on its own", async () => {
    const response = await getAnnotation(auth.author, privateNote.id);
    expect(response.status).toBe(200);
    expect((response.body as AnnotationDto).replies.map((reply) => reply.body?.text)).toEqual(["Secret follow-up"]);
    const ids = threadIds(await listOk(auth.author, { documentId: doc.documentId }));
    expect(ids).toEqual(expect.arrayContaining([privateNote.id, groupNote.id]));
    const onlyPrivate = await listOk(auth.author, { documentId: doc.documentId, groupId: "private" });
    expect(onlyPrivate.map((thread) => thread.id)).toEqual([privateNote.id]);
  });

  it.each(["member", "instructor", "owner", "nonMember"] as const)(
    "is a 404 for the %s on every endpoint, and never appears in their lists",
    async (persona) => {
      const who = auth[persona];
      const before = await countAnnotationRows();
      for (const response of [
        await getAnnotation(who, privateNote.id),
        await patchAnnotation(who, privateNote.id, { color: "pink" }),
        await deleteAnnotation(who, privateNote.id),
        await postReply(who, privateNote.id, { body: textBody("peek") }),
        await postReaction(who, privateNote.id, { type: "same_question" }),
        await deleteReaction(who, privateNote.id, "helpful"),
        await resolveAnnotation(who, privateNote.id),
        await reopenAnnotation(who, privateNote.id),
      ]) {
        expectApiError(response, 404, "NOT_FOUND");
        expect(response.text).not.toMatch(/secret/i);
      }
      expect(await countAnnotationRows()).toEqual(before);

      const queries: Array<Record<string, string>> = [
        { documentId: doc.documentId },
        { documentId: doc.documentId, groupId: "private" },
        { documentId: doc.documentId, author: users.author.id },
        { documentId: doc.documentId, q: "secret" },
        { documentId: doc.documentId, tag: "question" },
      ];
      for (const query of queries) {
        const response = await listAnnotationsRaw(who, query);
        expect(response.status).toBe(200);
        expect(threadIds((response.body as { items: AnnotationDto[] }).items)).not.toContain(privateNote.id);
        expect(response.text).not.toMatch(/secret/i);
      }
    },
  );

  it("shows co-members the author's group note, but not the private one", async () => {
    const ids = threadIds(await listOk(auth.member, { documentId: doc.documentId, author: users.author.id }));
    expect(ids).toContain(groupNote.id);
    expect(ids).not.toContain(privateNote.id);
  });

  it("cannot be moved into a group by its author through PATCH", async () => {
    expectApiError(await patchAnnotation(auth.author, privateNote.id, { groupId }), 400, "VALIDATION_FAILED");
    expect((await annotationRow(privateNote.id))?.groupId).toBeNull();
  });
});
