// The demo discussion as each demo account sees it through the API: Ana her 2 private
// annotations plus the group's 8 threads, Ben and Dr. Chen the 8 group threads only;
// and what the review features need to show: an unanswered question, open citation
// requests, a flagged comment, a mention of Dr. Chen, private feedback and notifications.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AnnotationDto } from "@/lib/api/annotations";
import { getDb } from "@/server/db/client";
import { DEMO_ANNOTATIONS, DEMO_GROUP_ID, DEMO_GROUP_NAME } from "@/server/seed/demo-annotations";
import { DEMO_ACCOUNTS, seedDemoData } from "@/server/seed/seed-demo-data";
import { expectAnnotation, getAnnotation, listGroupsOk, listOk, threadIds, type Auth } from "./support/annotations";
import { closeDatabase, freshDatabase } from "./support/db";
import { useGenerousRateLimits } from "./support/env";
import { expectApiError } from "./support/http";
import { getFeedback, notificationsOk } from "./support/notifications";
import { reviewOk } from "./support/review";
import { sessionCookieFor } from "./support/users";
import type { FeedbackListDto } from "@/lib/api/feedback";

const demoId = (n: number) => `6d1f1f5e-3c1a-4c7e-9a51-${String(n).padStart(12, "0")}`;
const PRIVATE_IDS = [demoId(108), demoId(109)];
const GROUP_IDS = [101, 102, 103, 104, 105, 106, 107, 110].map(demoId);

let documentId: string;
let revisionText: string;
const as: Partial<Record<"ana" | "ben" | "chen", Auth>> = {};
const userIds: Partial<Record<"ana" | "ben" | "chen", string>> = {};

beforeAll(async () => {
  useGenerousRateLimits();
  await freshDatabase();
  const seeded = await seedDemoData();
  documentId = seeded.document.documentId;
  revisionText = seeded.document.imported.text;
  const names = ["ana", "ben", "chen"] as const;
  for (const [index, account] of DEMO_ACCOUNTS.entries()) {
    const user = await getDb().user.findUniqueOrThrow({ where: { email: account.email }, select: { id: true } });
    const who = names[index]!;
    userIds[who] = user.id;
    as[who] = { cookie: (await sessionCookieFor(user.id)).cookie };
  }
});

afterAll(async () => {
  await closeDatabase();
});

const rootsOf = (threads: AnnotationDto[]) => threads.map((thread) => thread.id);

describe("the seeded demo discussion", () => {
  it("shows Ana her 2 private annotations and the 8 group threads", async () => {
    const threads = await listOk(as.ana!, { documentId });
    expect(threads).toHaveLength(10);
    expect([...rootsOf(threads)].sort()).toEqual([...PRIVATE_IDS, ...GROUP_IDS].sort());
    expect(threads.filter((thread) => thread.groupId === null).map((thread) => thread.id).sort()).toEqual(PRIVATE_IDS);
    expect(threads.filter((thread) => thread.groupId === DEMO_GROUP_ID)).toHaveLength(8);
    expect(rootsOf(await listOk(as.ana!, { documentId, groupId: "private" })).sort()).toEqual(PRIVATE_IDS);
  });

  it.each(["ben", "chen"] as const)("shows %s the 8 group threads and none of Ana's private ones", async (who) => {
    const threads = await listOk(as[who]!, { documentId });
    expect([...rootsOf(threads)].sort()).toEqual([...GROUP_IDS].sort());
    expect(threadIds(threads).some((id) => PRIVATE_IDS.includes(id))).toBe(false);
    expect(await listOk(as[who]!, { documentId, groupId: "private" })).toEqual([]);
    for (const id of PRIVATE_IDS) expectApiError(await getAnnotation(as[who]!, id), 404, "NOT_FOUND");
  });

  it("lists the page note first and the rest in document order, each quote matching the text", async () => {
    const threads = await listOk(as.ana!, { documentId });
    expect(threads[0]?.id).toBe(demoId(101));
    expect(threads[0]?.target).toBeNull();
    const starts = threads.slice(1).map((thread) => thread.target!.selector[0].start);
    expect(starts).toEqual([...starts].sort((x, y) => x - y));
    for (const thread of threads.slice(1)) {
      const [position, quote] = thread.target!.selector;
      expect(quote.exact).toBe(revisionText.slice(position.start, position.end));
      expect(quote.exact).toBe(DEMO_ANNOTATIONS.find((demo) => demo.id === thread.id)?.quote);
    }
  });

  it("nests the replies, counts the reactions and marks the resolved thread", async () => {
    const threads = await listOk(as.ben!, { documentId });
    const byId = new Map(threads.map((thread) => [thread.id, thread]));
    const definition = byId.get(demoId(102))!;
    expect(threadIds([definition])).toEqual([demoId(102), demoId(201), demoId(202)]);
    expect(definition.replies[0]?.replies[0]?.author.name).toBe("Dr. Mei Chen");
    expect(definition.reactions).toEqual({ counts: { helpful: 1, same_question: 0 }, mine: ["helpful"] });
    expect(definition.body?.html).toContain("<strong>Tight junctions</strong>");

    expect(byId.get(demoId(101))?.reactions).toEqual({ counts: { helpful: 2, same_question: 0 }, mine: ["helpful"] });
    expect(byId.get(demoId(104))?.reactions).toEqual({ counts: { helpful: 0, same_question: 1 }, mine: ["same_question"] });
    expect(byId.get(demoId(106))).toMatchObject({ resolved: true, tags: ["question"] });
    expect(threadIds([byId.get(demoId(106))!])).toEqual([demoId(106), demoId(203), demoId(111), demoId(112)]);
    expect(rootsOf(await listOk(as.ben!, { documentId, resolved: "true" }))).toEqual([demoId(106)]);
    expect(rootsOf(await listOk(as.ben!, { documentId, tag: "needs citation" })).sort()).toEqual([demoId(104), demoId(107)]);
    expect(rootsOf(await listOk(as.ben!, { documentId, author: userIds.chen! })).sort()).toEqual([demoId(101), demoId(107)]);

    const viaGet = expectAnnotation(await getAnnotation(as.chen!, demoId(102)), 200);
    expect(threadIds([viaGet])).toEqual([demoId(102), demoId(201), demoId(202)]);
  });

  it("gives each demo account the demo group and a personal group", async () => {
    const anaGroups = await listGroupsOk(as.ana!);
    expect(anaGroups.map((group) => [group.name, group.isPersonal, group.role, group.memberCount])).toEqual([
      [DEMO_GROUP_NAME, false, "member", 3],
      ["Ana Lima's notes", true, "owner", 1],
    ]);
    expect((await listGroupsOk(as.chen!)).find((group) => group.id === DEMO_GROUP_ID)?.role).toBe("owner");
  });

  it("gives Dr. Chen something in every review queue, and the accounts feedback and notifications", async () => {
    const review = await reviewOk(as.chen!, DEMO_GROUP_ID, { documentId });
    expect(review.queues.unansweredQuestions.map((item) => item.id)).toEqual([demoId(110)]);
    expect(review.queues.unresolvedNeedsCitation.map((item) => item.id)).toEqual([demoId(104), demoId(107)]);
    expect(review.queues.flagged.map((item) => item.id)).toEqual([demoId(111)]);
    expect(review.queues.unansweredMentions.map((item) => item.id)).toEqual([demoId(112)]);
    expect(review.heatmap.length).toBeGreaterThan(0);
    const feedback = (await getFeedback(as.ana!, demoId(104))).body as FeedbackListDto;
    expect(feedback.items.map((item) => item.author.name)).toEqual(["Dr. Mei Chen"]);
    expect((await notificationsOk(as.ana!)).items.map((item) => item.kind)).toEqual(expect.arrayContaining(["feedback", "reply"]));
    expect((await notificationsOk(as.chen!)).items.map((item) => item.kind)).toContain("mention");
    expect((await notificationsOk(as.ben!)).items.map((item) => item.kind)).toContain("reply");
  });

  it("changes nothing when seeded again", async () => {
    const before = threadIds(await listOk(as.ana!, { documentId }));
    const counts = async () => {
      const db = getDb();
      return Promise.all([db.annotation.count(), db.notification.count(), db.annotationFeedback.count(), db.annotationFlag.count(), db.moderationLogEntry.count(), db.annotationMention.count()]);
    };
    const countsBefore = await counts();
    await seedDemoData();
    expect(await counts()).toEqual(countsBefore);
    expect(threadIds(await listOk(as.ana!, { documentId }))).toEqual(before);
  });
});
