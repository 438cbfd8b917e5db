// The review endpoint on a seeded group with known answers: participation per member,
// activity per day, the heat map over the current revision and the queues (unanswered
// questions, open "needs citation", flagged, unanswered mentions), what leaves each queue,
// the authorization matrix (owner, instructor 200; member 403; non-member 404), and a
// member's activity page.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ReviewDto } from "@/lib/api/review";
import { getDb } from "@/server/db/client";
import {
  createAnnotationOk,
  createOrderedIds,
  createTestGroup,
  deleteAnnotation,
  importOtherDocument,
  importTestArticle,
  replyOk,
  resolveAnnotation,
  targetFor,
  textBody,
  type Auth,
  type TestDocument,
} from "./support/annotations";
import { closeDatabase, freshDatabase } from "./support/db";
import { useGenerousRateLimits } from "./support/env";
import { flagAnnotation, hideAnnotation } from "./support/groups";
import { callRoute, expectApiError, jsonRequest } from "./support/http";
import { getMemberActivity, getReview, memberActivityOk, reviewOk } from "./support/review";
import { GET as reviewRoute } from "@/app/api/groups/[id]/review/route";
import { createUserWithToken, sessionCookieFor, type TestUserWithToken } from "./support/users";

type Name = "olga" | "chen" | "ana" | "ben" | "eve" | "dan";
let doc: TestDocument;
let other: TestDocument;
const users = {} as Record<Name, TestUserWithToken>;
const as = {} as Record<Name, Auth>;
let groupId: string;
let elsewhere: string;
const id: Record<string, string> = {};
const P1 = "zonulin and occludin";
const P2 = "tight junctions";
const NESTED = "occludin";

beforeAll(async () => {
  useGenerousRateLimits();
  await freshDatabase();
  [doc, other] = await Promise.all([importTestArticle(), importOtherDocument()]);
  for (const name of ["olga", "chen", "ana", "ben", "eve", "dan"] as const) {
    users[name] = await createUserWithToken({ name: name[0]!.toUpperCase() + name.slice(1) });
    as[name] = { token: users[name].token };
  }
  // One caller signs in with a browser session, as the review page does.
  as.chen = { cookie: (await sessionCookieFor(users.chen.id)).cookie };
  groupId = (
    await createTestGroup("Review seminar", [
      { userId: users.olga.id, role: "owner" },
      { userId: users.chen.id, role: "instructor" },
      { userId: users.ana.id, role: "member" },
      { userId: users.ben.id, role: "member" },
      { userId: users.eve.id, role: "member" },
    ])
  ).id;
  elsewhere = (await createTestGroup("Elsewhere", [{ userId: users.ana.id, role: "owner" }, { userId: users.dan.id, role: "member" }])).id;

  const create = async (name: string, who: Name, input: Record<string, unknown>, on: TestDocument = doc) => {
    id[name] = (await createAnnotationOk(as[who], { documentId: on.documentId, revisionId: on.revisionId, groupId, ...input })).id;
  };
  const on = (quote: string) => targetFor(doc.text, quote);
  await create("q1", "ana", { kind: "note", tags: ["question"], target: on(P1), body: textBody("Why is this so?") });
  await create("q2", "ben", { kind: "note", tags: ["question"], target: on(P2), body: textBody("What about mice?") });
  await create("q3", "ana", { kind: "note", tags: ["question"], body: textBody("Settled already.") });
  await create("c1", "ben", { kind: "note", tags: ["needs citation"], target: on(P1), body: textBody("Source please") });
  await create("c2", "ana", { kind: "note", tags: ["needs citation"], body: textBody("Cited now.") });
  await create("f1", "ana", { kind: "comment", target: on(NESTED), body: textBody("An off-topic rant") });
  await create("f2", "ben", { kind: "comment", body: textBody("Rude words here") });
  await create("gone", "ana", { kind: "comment", body: textBody("Deleted later") });
  await create("otherDoc", "ana", { kind: "comment", body: textBody("On the other document") }, other);
  id.elsewhere = (
    await createAnnotationOk(as.ana, { documentId: doc.documentId, revisionId: doc.revisionId, groupId: elsewhere, kind: "note", tags: ["question"], target: on(P2), body: textBody("Elsewhere") })
  ).id;
  id.answer = (await replyOk(as.chen, id.q2!, "See figure two.")).id;
  expect((await resolveAnnotation(as.ana, id.q3!)).status).toBe(200);
  expect((await resolveAnnotation(as.chen, id.c2!)).status).toBe(200);
  expect((await flagAnnotation(as.ben, id.f1!, { reason: "Off topic" })).status).toBe(201);
  expect((await flagAnnotation(as.ana, id.f2!, { reason: "Rude" })).status).toBe(201);
  expect((await hideAnnotation(as.chen, id.f2!)).status).toBe(200);
  expect((await deleteAnnotation(as.ana, id.gone!)).status).toBe(204);
  // Known days for the activity chart.
  await getDb().annotation.updateMany({ where: { id: { in: [id.q1!, id.q2!] } }, data: { createdAt: new Date("2026-11-20T10:00:00Z") } });
  await getDb().annotation.update({ where: { id: id.q3! }, data: { createdAt: new Date("2026-11-21T23:59:00Z") } });
});

afterAll(closeDatabase);

const rowOf = (review: ReviewDto, name: Name) => review.participation.find((row) => row.member.id === users[name].id);
const queueIds = (items: Array<{ id: string }>) => items.map((item) => item.id);

describe("the review of one document", () => {
  let review: ReviewDto;
  beforeAll(async () => {
    review = await reviewOk(as.chen, groupId, { documentId: doc.documentId });
  });

  it("counts each member's threads, replies, tags and words (not deleted, hidden or elsewhere)", () => {
    expect(review.participation.map((row) => row.member.name)).toEqual(["Ana", "Ben", "Chen", "Eve", "Olga"]);
    expect(rowOf(review, "ana")).toMatchObject({
      annotations: 4,
      replies: 0,
      notesByTag: { question: 2, "needs citation": 1 },
      words: 4 + 2 + 2 + 3,
      member: { role: "member" },
    });
    expect(rowOf(review, "ben")).toMatchObject({ annotations: 2, replies: 0, notesByTag: { question: 1, "needs citation": 1 }, words: 3 + 2 });
    expect(rowOf(review, "chen")).toMatchObject({ annotations: 0, replies: 1, notesByTag: {}, words: 3, member: { role: "instructor" } });
    expect(rowOf(review, "eve")).toEqual({
      member: { id: users.eve.id, name: "Eve", role: "member" },
      annotations: 0,
      replies: 0,
      notesByTag: {},
      words: 0,
      firstActivity: null,
      lastActivity: null,
    });
    expect(rowOf(review, "ana")?.firstActivity).toBe("2026-11-20T10:00:00.000Z");
  });

  it("counts activity per UTC day", () => {
    expect(review.activity.slice(0, 2)).toEqual([
      { day: "2026-11-20", count: 2 },
      { day: "2026-11-21", count: 1 },
    ]);
    expect(review.activity.reduce((sum, day) => sum + day.count, 0)).toBe(4 + 2 + 1);
  });

  it("shades the passages of threads on the current revision", () => {
    const p1 = doc.text.indexOf(P1);
    const nested = doc.text.indexOf(NESTED, p1);
    const p2 = doc.text.indexOf(P2);
    const both = { question: 1, "needs citation": 1 };
    const expected = [
      { start: p1, end: nested, count: 2, byTag: both },
      { start: nested, end: nested + NESTED.length, count: 3, byTag: both },
      { start: p2, end: p2 + P2.length, count: 1, byTag: { question: 1 } },
    ].sort((a, b) => a.start - b.start);
    expect(nested + NESTED.length).toBe(p1 + P1.length);
    expect(review.heatmap).toEqual(expected);
    expect(review.document).toMatchObject({ id: doc.documentId, revisionId: doc.revisionId });
  });

  it("lists exactly the items that need the instructor", () => {
    expect(queueIds(review.queues.unansweredQuestions)).toEqual([id.q1]);
    expect(queueIds(review.queues.unresolvedNeedsCitation)).toEqual([id.c1]);
    expect(queueIds(review.queues.flagged)).toEqual([id.f1]);
    expect(review.queues.flagged[0]).toMatchObject({ flags: ["Off topic"], author: { name: "Ana" }, href: `/documents/annotations-test-article#annotation-${id.f1}` });
    expect(review.queues.unansweredQuestions[0]).toMatchObject({ text: "Why is this so?", quote: P1, tags: ["question"], isReply: false });
    expect(review.queueTotals).toEqual({ unansweredQuestions: 1, unresolvedNeedsCitation: 1, flagged: 1, unansweredMentions: 0 });
  });
});

describe("queues shrink as the instructor works through them", () => {
  it("drops a question once answered and a citation request once resolved", async () => {
    const reply = await replyOk(as.chen, id.q1!, "Because of the junctions.");
    expect((await resolveAnnotation(as.chen, id.c1!)).status).toBe(200);
    const after = await reviewOk(as.chen, groupId, { documentId: doc.documentId });
    expect(after.queues.unansweredQuestions).toEqual([]);
    expect(after.queues.unresolvedNeedsCitation).toEqual([]);
    // A reply that is later deleted no longer answers the question.
    expect((await deleteAnnotation(as.chen, reply.id)).status).toBe(204);
    expect(queueIds((await reviewOk(as.chen, groupId, { documentId: doc.documentId })).queues.unansweredQuestions)).toEqual([id.q1]);
  });

  it("drops a flagged annotation once hidden", async () => {
    expect((await hideAnnotation(as.olga, id.f1!)).status).toBe(200);
    expect((await reviewOk(as.olga, groupId)).queues.flagged).toEqual([]);
  });
});

describe("a long queue", () => {
  it("lists the oldest 50 items and counts them all", async () => {
    const busy = (await createTestGroup("Busy seminar", [{ userId: users.chen.id, role: "instructor" }, { userId: users.ana.id, role: "member" }])).id;
    const ids: string[] = [];
    // Ids that sort in creation order, so two questions created in one millisecond keep it.
    const nextId = createOrderedIds();
    for (let index = 0; index < 52; index++) {
      const created = await createAnnotationOk(as.ana, { id: nextId(), documentId: doc.documentId, revisionId: doc.revisionId, groupId: busy, kind: "note", tags: ["question"], body: textBody(`Question ${index}`) });
      ids.push(created.id);
    }
    const review = await reviewOk(as.chen, busy, { documentId: doc.documentId });
    expect(review.queueTotals.unansweredQuestions).toBe(52);
    expect(queueIds(review.queues.unansweredQuestions)).toEqual(ids.slice(0, 50));
  });
});

describe("the review of every document", () => {
  it("counts the other document too, but has no heat map", async () => {
    const review = await reviewOk(as.olga, groupId);
    expect(review.document).toBeNull();
    expect(review.heatmap).toEqual([]);
    expect(rowOf(review, "ben")?.annotations).toBe(2);
    expect(rowOf(review, "ana")?.annotations).toBe(4); // f1 is hidden now, otherDoc counts
  });
});

describe("who may review", () => {
  it("lets owners and instructors in, refuses members (403) and hides the group from others (404)", async () => {
    expect((await getReview(as.olga, groupId)).status).toBe(200);
    expect((await getReview(as.chen, groupId)).status).toBe(200);
    expectApiError(await getReview(as.ana, groupId), 403, "FORBIDDEN");
    expectApiError(await getReview(as.eve, groupId, { documentId: doc.documentId }), 403, "FORBIDDEN");
    expectApiError(await getReview(as.dan, groupId), 404, "NOT_FOUND");
    expectApiError(await getReview(as.dan, crypto.randomUUID()), 404, "NOT_FOUND");
    expectApiError(await callRoute(reviewRoute, jsonRequest(`/api/groups/${groupId}/review`), { id: groupId }), 401, "UNAUTHENTICATED");
  });

  it("refuses bad input with 400 and an unknown document with 404", async () => {
    expectApiError(await getReview(as.chen, "not-a-uuid"), 400, "VALIDATION_FAILED");
    expectApiError(await getReview(as.chen, groupId, { documentId: "nope" }), 400, "VALIDATION_FAILED");
    expectApiError(await getReview(as.chen, groupId, { other: "1" }), 400, "VALIDATION_FAILED");
    expectApiError(await getReview(as.chen, groupId, { documentId: crypto.randomUUID() }), 404, "NOT_FOUND");
  });

  it("never counts another group's annotations", async () => {
    const review = await reviewOk(as.ana, elsewhere, { documentId: doc.documentId });
    expect(review.participation.map((row) => [row.member.name, row.annotations])).toEqual([
      ["Ana", 1],
      ["Dan", 0],
    ]);
    expect(queueIds(review.queues.unansweredQuestions)).toEqual([id.elsewhere]);
  });
});

describe("a member's activity", () => {
  it("shows the instructor all of a member's threads and replies, newest first, hidden ones marked", async () => {
    const activity = await memberActivityOk(as.chen, groupId, users.ana.id, { documentId: doc.documentId });
    expect(activity.summary.member.name).toBe("Ana");
    expect(activity.items.map((item) => item.id).sort()).toEqual([id.q1, id.q3, id.c2, id.f1].sort());
    expect(activity.items.find((item) => item.id === id.f1)).toMatchObject({ hidden: true, kind: "comment" });
    expect(activity.items.at(-1)?.id).toBe(id.q1);
    const everywhere = await memberActivityOk(as.chen, groupId, users.ana.id);
    expect(everywhere.items.map((item) => item.id)).toContain(id.otherDoc);
    expect(everywhere.items.map((item) => item.id)).not.toContain(id.elsewhere);
  });

  it("lets a member see their own activity, not a peer's", async () => {
    expect((await memberActivityOk(as.ana, groupId, users.ana.id)).items.length).toBe(5);
    expectApiError(await getMemberActivity(as.ben, groupId, users.ana.id), 403, "FORBIDDEN");
    expectApiError(await getMemberActivity(as.dan, groupId, users.ana.id), 404, "NOT_FOUND");
    expectApiError(await getMemberActivity(as.chen, groupId, users.dan.id), 404, "NOT_FOUND");
  });
});
