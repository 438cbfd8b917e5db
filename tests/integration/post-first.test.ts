// "Post first, then see peers": in a group with postFirst on, a plain member sees no one
// else's annotations on a document (lists, GETs, threads) until they have posted a root
// annotation of their own there, in that group. Each document unlocks on its own; owners
// and instructors always see everything; switching the setting off shows everything again.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AnnotationDto } from "@/lib/api/annotations";
import {
  createAnnotationOk,
  createTestGroup,
  expectAnnotation,
  getAnnotation,
  importOtherDocument,
  importTestArticle,
  listOk,
  personalGroupId,
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
import { flagAnnotation, getGroupOk, hideAnnotation, patchGroup } from "./support/groups";
import { expectApiError } from "./support/http";
import { createUserWithToken, sessionCookieFor, type TestUserWithToken } from "./support/users";

type Name = "owner" | "instructor" | "ana" | "ben" | "cleo" | "dan";

let doc: TestDocument;
let other: TestDocument;
let users: Record<Name, TestUserWithToken>;
let auth: Record<Name, Auth>;
let groupId: string;
let otherGroupId: string;
/** Annotations already on the document (and the other one) when the members arrive. */
let anaOnDoc: AnnotationDto;
let anaReply: AnnotationDto;
let instructorOnDoc: AnnotationDto;
let anaOnOther: AnnotationDto;

beforeAll(async () => {
  useGenerousRateLimits();
  await freshDatabase();
  [doc, other] = await Promise.all([importTestArticle(), importOtherDocument()]);
  const [owner, instructor, ana, ben, cleo, dan] = await Promise.all(
    ["Olga Owner", "Ivo Instructor", "Ana", "Ben", "Cleo", "Dan"].map((name) => createUserWithToken({ name })),
  );
  users = { owner: owner!, instructor: instructor!, ana: ana!, ben: ben!, cleo: cleo!, dan: dan! };
  auth = {
    owner: { token: owner!.token },
    instructor: { cookie: (await sessionCookieFor(instructor!.id)).cookie },
    ana: { token: ana!.token },
    ben: { token: ben!.token },
    cleo: { token: cleo!.token },
    dan: { token: dan!.token },
  };
  const members = [
    { userId: owner!.id, role: "owner" as const },
    { userId: instructor!.id, role: "instructor" as const },
    ...[ana, ben, cleo, dan].map((user) => ({ userId: user!.id, role: "member" as const })),
  ];
  groupId = (await createTestGroup("Post-first seminar", members)).id;
  otherGroupId = (await createTestGroup("Ordinary seminar", members)).id;
  const switched = await patchGroup(auth.owner, groupId, { postFirst: true });
  expect(switched.status, switched.text).toBe(200);
  expect((await getGroupOk(auth.ben, groupId)).postFirst).toBe(true);

  anaOnDoc = await rootBy(auth.ana, doc, "Ana's first thoughts", "tight junctions");
  instructorOnDoc = await rootBy(auth.instructor, doc, "A prompt from the instructor", "epithelial cells");
  anaOnOther = await rootBy(auth.ana, other, "Ana on the other text", "something else");
});

afterAll(async () => {
  await closeDatabase();
});

function rootBy(who: Auth, document: TestDocument, text: string, quote: string, group: string | null = groupId) {
  return createAnnotationOk(who, {
    documentId: document.documentId,
    revisionId: document.revisionId,
    groupId: group,
    kind: "comment",
    target: targetFor(document.text, quote),
    body: textBody(text),
  });
}

async function visible(who: Auth, document: TestDocument, query: Record<string, string> = {}): Promise<string[]> {
  return threadIds(await listOk(who, { documentId: document.documentId, ...query }));
}

describe("a member who has not posted", () => {
  it("sees none of the peers' annotations on the document, in any list", async () => {
    const queries: Array<Record<string, string>> = [{}, { groupId }, { author: users.ana.id }, { q: "thoughts" }, { kind: "comment" }];
    for (const query of queries) {
      const ids = await visible(auth.ben, doc, query);
      expect(ids).not.toContain(anaOnDoc.id);
      expect(ids).not.toContain(instructorOnDoc.id);
    }
  });

  it("gets 404 for a peer's annotation and cannot reply, react or flag", async () => {
    expectApiError(await getAnnotation(auth.ben, anaOnDoc.id), 404, "NOT_FOUND");
    expectApiError(await getAnnotation(auth.ben, instructorOnDoc.id), 404, "NOT_FOUND");
    expectApiError(await postReply(auth.ben, anaOnDoc.id, { body: textBody("what did you write?") }), 404, "NOT_FOUND");
    expectApiError(await postReaction(auth.ben, anaOnDoc.id, { type: "helpful" }), 404, "NOT_FOUND");
    expectApiError(await flagAnnotation(auth.ben, anaOnDoc.id, { reason: "curious" }), 404, "NOT_FOUND");
  });

  it("still sees everything in an ordinary group on the same document", async () => {
    const open = await rootBy(auth.ana, doc, "Ana in the ordinary group", "barrier function", otherGroupId);
    expect(await visible(auth.ben, doc)).toContain(open.id);
    expect(await visible(auth.ben, doc)).not.toContain(anaOnDoc.id);
  });

  it("is not unlocked by a private note or a note in another group on the same document", async () => {
    await rootBy(auth.cleo, doc, "Cleo's private note", "microbial products", null);
    await rootBy(auth.cleo, doc, "Cleo in the ordinary group", "microbial products", otherGroupId);
    await rootBy(auth.cleo, doc, "Cleo's personal notes", "microbial products", await personalGroupId(users.cleo.id));
    expect(await visible(auth.cleo, doc)).not.toContain(anaOnDoc.id);
    expectApiError(await getAnnotation(auth.cleo, anaOnDoc.id), 404, "NOT_FOUND");
  });
});

describe("after posting a root annotation on the document", () => {
  let bensNote: AnnotationDto;

  beforeAll(async () => {
    bensNote = await rootBy(auth.ben, doc, "Ben's own reading", "systemic circulation");
  });

  it("the member sees the peers' annotations and threads there", async () => {
    anaReply = await replyOk(auth.instructor, anaOnDoc.id, "The instructor answers Ana");
    const ids = await visible(auth.ben, doc);
    expect(ids).toEqual(expect.arrayContaining([bensNote.id, anaOnDoc.id, anaReply.id, instructorOnDoc.id]));
    const thread = expectAnnotation(await getAnnotation(auth.ben, anaOnDoc.id), 200);
    expect(thread.replies.map((reply) => reply.id)).toEqual([anaReply.id]);
    expect((await postReply(auth.ben, anaOnDoc.id, { body: textBody("Ben joins in") })).status).toBe(201);
  });

  it("and the peers who posted see theirs", async () => {
    expect(await visible(auth.ana, doc)).toEqual(expect.arrayContaining([anaOnDoc.id, bensNote.id]));
  });

  it("other documents stay locked until the member posts there too", async () => {
    expect(await visible(auth.ben, other)).not.toContain(anaOnOther.id);
    expectApiError(await getAnnotation(auth.ben, anaOnOther.id), 404, "NOT_FOUND");
    const onOther = await rootBy(auth.ben, other, "Ben on the other text", "short text");
    expect(await visible(auth.ben, other)).toEqual(expect.arrayContaining([onOther.id, anaOnOther.id]));
  });

  it("members who have not posted stay locked out", async () => {
    expect(await visible(auth.dan, doc, { groupId })).toEqual([]);
    expect(await visible(auth.dan, other, { groupId })).toEqual([]);
  });

  it("hidden annotations stay hidden from an unlocked member", async () => {
    const hiddenNote = await rootBy(auth.ana, doc, "Something to hide", "intestinal");
    expect((await hideAnnotation(auth.owner, hiddenNote.id)).status).toBe(200);
    expect(await visible(auth.ben, doc)).not.toContain(hiddenNote.id);
    expectApiError(await getAnnotation(auth.ben, hiddenNote.id), 404, "NOT_FOUND");
  });
});

describe("moderators", () => {
  it("always see everything, without posting", async () => {
    for (const who of [auth.owner, auth.instructor]) {
      expect(await visible(who, doc)).toEqual(expect.arrayContaining([anaOnDoc.id, instructorOnDoc.id]));
      expect(await visible(who, other)).toContain(anaOnOther.id);
      expect((await getAnnotation(who, anaOnOther.id)).status).toBe(200);
    }
  });
});

describe("switching post-first off", () => {
  it("shows everything to every member again", async () => {
    expect(await visible(auth.dan, doc)).not.toContain(anaOnDoc.id);
    expect((await patchGroup(auth.owner, groupId, { postFirst: false })).status).toBe(200);
    expect(await visible(auth.dan, doc)).toEqual(expect.arrayContaining([anaOnDoc.id, instructorOnDoc.id]));
    expect(await visible(auth.dan, other)).toContain(anaOnOther.id);
    expect((await patchGroup(auth.owner, groupId, { postFirst: true })).status).toBe(200);
    expect(await visible(auth.dan, doc)).not.toContain(anaOnDoc.id);
  });
});
