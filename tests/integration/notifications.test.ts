// Notifications: replies to my annotation (and to my thread), @mentions of me (group
// members only, once per annotation, edits included), my thread resolved by someone else;
// listing with the unread count, marking read; pushed as "notification:new" to the
// recipient only; gone when the annotation is no longer readable. Also the review's
// "unanswered mentions" queue, which these mentions feed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { NotificationDto } from "@/lib/api/notifications";
import { getDb } from "@/server/db/client";
import { registerRealtimeBus } from "@/server/realtime/realtime-bus";
import {
  createAnnotationOk,
  createTestGroup,
  expectAnnotation,
  importTestArticle,
  patchAnnotation,
  postReply,
  replyOk,
  resolveAnnotation,
  textBody,
  type Auth,
  type TestDocument,
} from "./support/annotations";
import { closeDatabase, freshDatabase } from "./support/db";
import { useGenerousRateLimits } from "./support/env";
import { hideAnnotation } from "./support/groups";
import { expectApiError } from "./support/http";
import { bodyMentioning, markRead, notificationsOk, recordRealtimeNotices } from "./support/notifications";
import { reviewOk } from "./support/review";
import { createUserWithToken, type TestUserWithToken } from "./support/users";

type Name = "olga" | "chen" | "ana" | "ben" | "eve" | "dan";
let doc: TestDocument;
const users = {} as Record<Name, TestUserWithToken>;
const as = {} as Record<Name, Auth>;
let groupId: string;
let mentioning: string;
const pushed = recordRealtimeNotices();

const person = (name: Name) => ({ id: users[name].id, label: users[name].name });
const kindsFor = async (name: Name) => (await notificationsOk(as[name])).items.map((item) => `${item.kind}:${item.actor.name}`);

beforeAll(async () => {
  useGenerousRateLimits();
  await freshDatabase();
  doc = await importTestArticle();
  for (const name of ["olga", "chen", "ana", "ben", "eve", "dan"] as const) {
    users[name] = await createUserWithToken({ name: name[0]!.toUpperCase() + name.slice(1) });
    as[name] = { token: users[name].token };
  }
  groupId = (
    await createTestGroup("Notified seminar", [
      { userId: users.olga.id, role: "owner" },
      { userId: users.chen.id, role: "instructor" },
      { userId: users.ana.id, role: "member" },
      { userId: users.ben.id, role: "member" },
      { userId: users.eve.id, role: "member" },
    ])
  ).id;
});

afterAll(async () => {
  registerRealtimeBus(undefined);
  await closeDatabase();
});

describe("mentions", () => {
  it("notifies the mentioned group members only: not outsiders, not the author", async () => {
    const created = await createAnnotationOk(as.ana, {
      documentId: doc.documentId,
      revisionId: doc.revisionId,
      groupId,
      kind: "comment",
      body: bodyMentioning("What do you think,", [person("ben"), person("chen"), person("dan"), person("ana")]),
    });
    mentioning = created.id;
    expect(created.body?.html).toBe('<p>What do you think, <span class="mention">@Ben</span> <span class="mention">@Chen</span> <span class="mention">@Dan</span> <span class="mention">@Ana</span></p>');
    expect(created.body?.text).toBe("What do you think, @Ben @Chen @Dan @Ana");
    expect(await kindsFor("ben")).toEqual(["mention:Ana"]);
    expect(await kindsFor("chen")).toEqual(["mention:Ana"]);
    expect(await kindsFor("dan")).toEqual([]);
    expect(await kindsFor("ana")).toEqual([]);
    expect(await kindsFor("eve")).toEqual([]);
    const rows = await getDb().annotationMention.findMany({ where: { annotationId: mentioning }, select: { userId: true } });
    expect(rows.map((row) => row.userId).sort()).toEqual([users.ben.id, users.chen.id].sort());
  });

  it("pushes each new notification to its recipient only, as notification:new", () => {
    const mentions = pushed.filter((entry) => (entry.notice.payload as NotificationDto).kind === "mention");
    expect(mentions.map((entry) => entry.userId).sort()).toEqual([users.ben.id, users.chen.id].sort());
    expect(mentions[0]?.notice).toMatchObject({ event: "notification:new", payload: { annotation: { id: mentioning }, actor: { name: "Ana" } } });
  });

  it("notifies people newly mentioned by an edit, and nobody twice", async () => {
    const body = bodyMentioning("Edited:", [person("ben"), person("olga")]);
    expectAnnotation(await patchAnnotation(as.ana, mentioning, { body }), 200);
    expect(await kindsFor("olga")).toEqual(["mention:Ana"]);
    expect(await kindsFor("ben")).toEqual(["mention:Ana"]);
  });

  it("refuses a mention that is not a user id, or has no label", async () => {
    const base = { documentId: doc.documentId, revisionId: doc.revisionId, groupId, kind: "comment" };
    const { postAnnotation } = await import("./support/annotations");
    expectApiError(await postAnnotation(as.ana, { ...base, body: bodyMentioning("Hi", [{ id: "<img src=x>", label: "x" }]) }), 400, "VALIDATION_FAILED");
    expectApiError(await postAnnotation(as.ana, { ...base, body: bodyMentioning("Hi", [{ id: users.ben.id, label: " " }]) }), 400, "VALIDATION_FAILED");
  });

  it("puts a mention of the instructor in their review queue until they answer in the thread", async () => {
    const before = await reviewOk(as.chen, groupId, { documentId: doc.documentId });
    expect(before.queues.unansweredMentions.map((item) => item.id)).toEqual([mentioning]);
    expect((await reviewOk(as.olga, groupId)).queues.unansweredMentions.map((item) => item.id)).toEqual([mentioning]);
    await replyOk(as.chen, mentioning, "Here is my answer.");
    expect((await reviewOk(as.chen, groupId)).queues.unansweredMentions).toEqual([]);
    expect((await reviewOk(as.olga, groupId)).queues.unansweredMentions.map((item) => item.id)).toEqual([mentioning]);
  });
});

describe("replies and resolving", () => {
  let thread: string;
  it("tells the author of the annotation replied to, and the thread's author", async () => {
    thread = (await createAnnotationOk(as.eve, { documentId: doc.documentId, revisionId: doc.revisionId, groupId, kind: "note", tags: ["question"], body: textBody("Why?") })).id;
    const benReply = await replyOk(as.ben, thread, "Because.");
    expect(await kindsFor("eve")).toEqual(["reply:Ben"]);
    expectAnnotation(await postReply(as.eve, benReply.id, { body: textBody("Thanks, Ben.") }), 201);
    expect((await kindsFor("ben")).filter((kind) => kind.startsWith("reply"))).toEqual(["reply:Eve"]);
    expect(await kindsFor("eve")).toEqual(["reply:Ben"]);
    await replyOk(as.chen, benReply.id, "Indeed.");
    expect((await kindsFor("ben")).filter((kind) => kind.startsWith("reply"))).toEqual(["reply:Chen", "reply:Eve"]);
    expect(await kindsFor("eve")).toEqual(["reply:Chen", "reply:Ben"]);
  });

  it("tells the author when someone else resolves their thread, not when they do it themselves", async () => {
    expect((await resolveAnnotation(as.chen, thread)).status).toBe(200);
    expect((await kindsFor("eve"))[0]).toBe("resolved:Chen");
    const own = (await createAnnotationOk(as.eve, { documentId: doc.documentId, revisionId: doc.revisionId, groupId, kind: "comment", body: textBody("Mine") })).id;
    expect((await resolveAnnotation(as.eve, own)).status).toBe(200);
    expect((await kindsFor("eve")).filter((kind) => kind.startsWith("resolved"))).toEqual(["resolved:Chen"]);
  });
});

describe("the list and marking read", () => {
  it("counts unread, filters unread, and marks some or all read", async () => {
    const all = await notificationsOk(as.eve);
    expect(all.unreadCount).toBe(3);
    const [newest] = all.items;
    const afterOne = await markRead(as.eve, { ids: [newest!.id] });
    expect(afterOne.body).toEqual({ unreadCount: 2 });
    expect((await notificationsOk(as.eve, { unread: "true" })).items.map((item) => item.id)).not.toContain(newest!.id);
    expect((await notificationsOk(as.eve)).items[0]).toMatchObject({ id: newest!.id, read: true });
    // Someone else's ids are ignored.
    const bens = await notificationsOk(as.ben);
    expect((await markRead(as.eve, { ids: [bens.items[0]!.id] })).body).toEqual({ unreadCount: 2 });
    expect((await notificationsOk(as.ben)).unreadCount).toBe(bens.unreadCount);
    expect((await markRead(as.eve, { all: true })).body).toEqual({ unreadCount: 0 });
  });

  it("refuses bad input", async () => {
    expectApiError(await markRead(as.eve, {}), 400, "VALIDATION_FAILED");
    expectApiError(await markRead(as.eve, { ids: ["nope"] }), 400, "VALIDATION_FAILED");
    expectApiError(await markRead(as.eve, { all: false }), 400, "VALIDATION_FAILED");
    const { getNotifications } = await import("./support/notifications");
    expectApiError(await getNotifications(as.eve, { limit: "0" }), 400, "VALIDATION_FAILED");
  });

  it("drops a notification once its annotation is no longer readable by the recipient", async () => {
    expect((await notificationsOk(as.ben)).items.some((item) => item.annotation.id === mentioning)).toBe(true);
    expect((await hideAnnotation(as.chen, mentioning)).status).toBe(200);
    expect((await notificationsOk(as.ben)).items.some((item) => item.annotation.id === mentioning)).toBe(false);
    // The instructor may still read it, so theirs stays.
    expect((await notificationsOk(as.chen)).items.some((item) => item.annotation.id === mentioning)).toBe(true);
  });
});
