// Private feedback: an instructor or owner attaches it to a student's annotation; that
// student and the group's reviewers read it; another student gets 403, an outsider 404;
// it never travels with the annotation itself; it notifies the student.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Feedback, FeedbackListResponse, type FeedbackDto, type FeedbackListDto } from "@/lib/api/feedback";
import { registerRealtimeBus } from "@/server/realtime/realtime-bus";
import { createAnnotationOk, createTestGroup, getAnnotation, importTestArticle, listOk, personalGroupId, textBody, type Auth, type TestDocument } from "./support/annotations";
import { closeDatabase, freshDatabase } from "./support/db";
import { useGenerousRateLimits } from "./support/env";
import { expectApiError } from "./support/http";
import { getFeedback, notificationsOk, postFeedback, recordRealtimeNotices } from "./support/notifications";
import { createUserWithToken, type TestUserWithToken } from "./support/users";

type Name = "olga" | "chen" | "ana" | "ben" | "dan";
let doc: TestDocument;
const users = {} as Record<Name, TestUserWithToken>;
const as = {} as Record<Name, Auth>;
let groupId: string;
let note: string;
let privateNote: string;
let feedback: FeedbackDto;
const pushed = recordRealtimeNotices();

beforeAll(async () => {
  useGenerousRateLimits();
  await freshDatabase();
  doc = await importTestArticle();
  for (const name of ["olga", "chen", "ana", "ben", "dan"] as const) {
    users[name] = await createUserWithToken({ name: name[0]!.toUpperCase() + name.slice(1) });
    as[name] = { token: users[name].token };
  }
  groupId = (
    await createTestGroup("Feedback seminar", [
      { userId: users.olga.id, role: "owner" },
      { userId: users.chen.id, role: "instructor" },
      { userId: users.ana.id, role: "member" },
      { userId: users.ben.id, role: "member" },
    ])
  ).id;
  const base = { documentId: doc.documentId, revisionId: doc.revisionId };
  note = (await createAnnotationOk(as.ana, { ...base, groupId, kind: "comment", body: textBody("My reading of the method") })).id;
  privateNote = (await createAnnotationOk(as.ana, { ...base, groupId: null, kind: "comment", body: textBody("Just for me") })).id;
});

afterAll(async () => {
  registerRealtimeBus(undefined);
  await closeDatabase();
});

const listed = (response: { status: number; body: unknown; text: string }): FeedbackListDto => {
  expect(response.status, response.text).toBe(200);
  expect(FeedbackListResponse.safeParse(response.body).success).toBe(true);
  return response.body as FeedbackListDto;
};

describe("giving feedback", () => {
  it("lets the instructor attach a rich-text comment, stored through the comment pipeline", async () => {
    const response = await postFeedback(as.chen, note, { body: textBody("Good start. <b>Cite</b> the 2019 review.\n\nSee https://example.org") });
    expect(response.status, response.text).toBe(201);
    expect(Feedback.safeParse(response.body).success).toBe(true);
    feedback = response.body as FeedbackDto;
    expect(feedback).toMatchObject({ annotationId: note, author: { id: users.chen.id, name: "Chen" } });
    expect(feedback.body.html).toBe("<p>Good start. &lt;b&gt;Cite&lt;/b&gt; the 2019 review.</p><p>See https://example.org</p>");
    expect(feedback.body.text).toBe("Good start. <b>Cite</b> the 2019 review.\n\nSee https://example.org");
  });

  it("is idempotent on a client-chosen id, and owners may give feedback too", async () => {
    const id = crypto.randomUUID();
    expect((await postFeedback(as.olga, note, { id, body: textBody("From the owner") })).status).toBe(201);
    const again = await postFeedback(as.olga, note, { id, body: textBody("From the owner") });
    expect(again.status).toBe(200);
    expect((again.body as FeedbackDto).id).toBe(id);
    expectApiError(await postFeedback(as.chen, note, { id, body: textBody("Stealing the id") }), 409, "CONFLICT");
  });

  it("refuses students (403), outsiders and private annotations (404) and bad bodies (400)", async () => {
    expectApiError(await postFeedback(as.ben, note, { body: textBody("I am not the teacher") }), 403, "FORBIDDEN");
    expectApiError(await postFeedback(as.ana, note, { body: textBody("Feedback to myself") }), 403, "FORBIDDEN");
    expectApiError(await postFeedback(as.dan, note, { body: textBody("Who am I") }), 404, "NOT_FOUND");
    expectApiError(await postFeedback(as.chen, privateNote, { body: textBody("Peeking") }), 404, "NOT_FOUND");
    expectApiError(await postFeedback(as.ana, privateNote, { body: textBody("Own private") }), 403, "FORBIDDEN");
    const inPersonalGroup = await createAnnotationOk(as.chen, { documentId: doc.documentId, revisionId: doc.revisionId, groupId: await personalGroupId(users.chen.id), kind: "comment", body: textBody("My own notes") });
    expectApiError(await postFeedback(as.chen, inPersonalGroup.id, { body: textBody("To myself") }), 403, "FORBIDDEN");
    expect(listed(await getFeedback(as.chen, inPersonalGroup.id))).toEqual({ items: [], canWrite: false });
    expectApiError(await postFeedback(as.chen, note, { body: { format: "text", text: "" } }), 400, "VALIDATION_FAILED");
    expectApiError(await postFeedback(as.chen, note, { body: textBody("x"), extra: 1 }), 400, "VALIDATION_FAILED");
    expectApiError(await postFeedback(as.chen, "not-a-uuid", { body: textBody("x") }), 400, "VALIDATION_FAILED");
  });
});

describe("who sees feedback", () => {
  it("shows it to the annotation's author and the group's reviewers", async () => {
    const forAna = listed(await getFeedback(as.ana, note));
    expect(forAna.items.map((item) => item.body.text)).toEqual([feedback.body.text, "From the owner"]);
    expect(forAna.canWrite).toBe(false);
    expect(listed(await getFeedback(as.chen, note)).canWrite).toBe(true);
    expect(listed(await getFeedback(as.olga, note)).items).toHaveLength(2);
  });

  it("refuses another student (403) and an outsider (404)", async () => {
    expectApiError(await getFeedback(as.ben, note), 403, "FORBIDDEN");
    expectApiError(await getFeedback(as.dan, note), 404, "NOT_FOUND");
  });

  it("never travels with the annotation in lists or GETs", async () => {
    for (const who of [as.ana, as.ben, as.chen]) {
      const response = await getAnnotation(who, note);
      expect(response.status).toBe(200);
      expect(response.text).not.toContain("2019 review");
      expect(JSON.stringify(await listOk(who, { documentId: doc.documentId }))).not.toContain("2019 review");
    }
  });

  it("notifies the student, and only the student, over the bus too", async () => {
    const forAna = await notificationsOk(as.ana);
    expect(forAna.items.filter((item) => item.kind === "feedback")).toHaveLength(2);
    expect(forAna.items[0]).toMatchObject({ kind: "feedback", annotation: { id: note }, href: `/documents/annotations-test-article#annotation-${note}` });
    expect((await notificationsOk(as.ben)).items).toEqual([]);
    const feedbackPushes = pushed.filter((entry) => (entry.notice.payload as { kind?: string }).kind === "feedback");
    expect(feedbackPushes.map((entry) => entry.userId)).toEqual([users.ana.id, users.ana.id]);
    expect(feedbackPushes[0]?.notice.event).toBe("notification:new");
  });
});
