// Seeds the demo group and its discussion through the same services the API uses,
// so demo data obeys every rule real data does. Idempotent (fixed ids, replays).
import { CreateAnnotationRequest } from "@/lib/api/annotations";
import type { Actor } from "@/server/auth/actor";
import { createAnnotation } from "@/server/annotations/create-annotation";
import { createReply } from "@/server/annotations/create-reply";
import { setReaction } from "@/server/annotations/react-to-annotation";
import { setResolved } from "@/server/annotations/set-resolved";
import { getDb } from "@/server/db/client";
import { addFeedback } from "@/server/feedback/add-feedback";
import { flagAnnotation } from "@/server/annotations/moderate-annotation";
import { createGroupWithVocabulary } from "@/server/groups/create-personal-group";
import { DEMO_ANNOTATIONS, DEMO_GROUP_ID, DEMO_GROUP_NAME, DEMO_INVITE_CODE, DEMO_USER_PLACEHOLDER, demoTarget } from "./demo-annotations";

type DemoUsers = Record<"ana" | "ben" | "chen", string>;

function withRealUserIds<T>(body: T, users: DemoUsers): T {
  let json = JSON.stringify(body);
  for (const who of ["ana", "ben", "chen"] as const) json = json.replaceAll(DEMO_USER_PLACEHOLDER[who], users[who]);
  return JSON.parse(json) as T;
}

export async function seedDemoDiscussion(input: { users: DemoUsers; documentId: string; revisionId: string; revisionText: string }) {
  const db = getDb();
  const existing = await db.group.findUnique({ where: { id: DEMO_GROUP_ID }, select: { id: true } });
  if (!existing) {
    await db.$transaction((tx) =>
      createGroupWithVocabulary(tx, {
        id: DEMO_GROUP_ID,
        name: DEMO_GROUP_NAME,
        description: "Close reading of short physiology texts, week by week.",
        members: [
          { userId: input.users.chen, role: "owner" },
          { userId: input.users.ana, role: "member" },
          { userId: input.users.ben, role: "member" },
        ],
      }),
    );
  }
  await db.groupInvite.upsert({
    where: { code: DEMO_INVITE_CODE },
    create: { groupId: DEMO_GROUP_ID, code: DEMO_INVITE_CODE, role: "member", createdById: input.users.chen },
    update: {},
  });
  const actorFor = (who: keyof DemoUsers): Actor => ({ userId: input.users[who], via: "session", credentialId: "seed" });

  for (const demo of DEMO_ANNOTATIONS) {
    const author = actorFor(demo.author);
    const request = CreateAnnotationRequest.parse({
      id: demo.id,
      documentId: input.documentId,
      revisionId: input.revisionId,
      groupId: demo.private ? null : DEMO_GROUP_ID,
      kind: demo.kind,
      target: demo.quote ? demoTarget(input.revisionText, demo.quote) : undefined,
      body: demo.body ? withRealUserIds(demo.body, input.users) : undefined,
      tags: demo.tags,
      color: demo.color,
    });
    await createAnnotation({ actor: author, input: request });
    for (const reply of demo.replies ?? []) {
      const body = reply.body ? withRealUserIds(reply.body, input.users) : { format: "text" as const, text: reply.text };
      await createReply({ actor: actorFor(reply.author), parentId: demo.id, input: { id: reply.id, body } });
      if (reply.flaggedBy) await flagOnce(actorFor(reply.flaggedBy.by), reply.id, reply.flaggedBy.reason);
      for (const nested of reply.replies ?? []) {
        await createReply({ actor: actorFor(nested.author), parentId: reply.id, input: { id: nested.id, body: { format: "text", text: nested.text } } });
      }
    }
    for (const reaction of demo.reactions ?? []) {
      await setReaction({ actor: actorFor(reaction.by), annotationId: demo.id, type: reaction.type, on: true });
    }
    if (demo.resolved) await setResolved({ actor: author, annotationId: demo.id, resolved: true });
    if (demo.feedback) {
      const body = { id: demo.feedback.id, body: { format: "text" as const, text: demo.feedback.text } };
      await addFeedback({ actor: actorFor(demo.feedback.by), annotationId: demo.id, body });
    }
  }
  return { groupId: DEMO_GROUP_ID, inviteCode: DEMO_INVITE_CODE, annotations: DEMO_ANNOTATIONS.length };
}

// Flagging logs a moderation entry each time, so it runs only while the flag is missing.
async function flagOnce(actor: Actor, annotationId: string, reason: string) {
  if (await getDb().annotationFlag.findFirst({ where: { annotationId }, select: { annotationId: true } })) return;
  await flagAnnotation({ actor, annotationId, reason });
}
