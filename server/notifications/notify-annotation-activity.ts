// What annotation writes tell other people: a reply tells the authors of the annotation
// replied to and of its thread; an @mention tells the mentioned group member (once per
// annotation, also when added by an edit); resolving tells the thread's author; private
// feedback tells the annotation's author. Called
// after the write has committed: a failure here is logged and never undoes or fails the
// write, because the annotation is already durable and visible in the discussion.
import { mentionedUserIds } from "@/lib/rich-text/mentions";
import type { TiptapDoc } from "@/lib/rich-text/tiptap-schema";
import type { AnnotationRecord } from "@/server/annotations/annotation-record";
import type { Actor } from "@/server/auth/actor";
import { getDb } from "@/server/db/client";
import { Prisma } from "@/server/db/generated/client";
import { recordNotification } from "./record-notification";

async function safely(what: string, work: () => Promise<void>) {
  try {
    await work();
  } catch (error) {
    console.error(`[notifications] could not notify about ${what}`, error);
  }
}

/** Records the group members an annotation's body mentions and notifies the newly mentioned. */
/** The annotation as just stored (its group and its body): what notifying about mentions needs. */
type Mentioning = Pick<AnnotationRecord, "id" | "groupId" | "body">;

export async function notifyMentions(actor: Actor, annotation: Mentioning): Promise<void> {
  await safely("mentions", async () => {
    // Most bodies mention nobody: decided from the stored body, without a query.
    const { groupId } = annotation;
    if (!groupId || annotation.body === null) return;
    const mentioned = mentionedUserIds(annotation.body as TiptapDoc).filter((userId) => userId !== actor.userId);
    if (mentioned.length === 0) return;
    // Only members of the annotation's group can be mentioned; the insert returns only
    // people not mentioned in this annotation before, so an edit does not notify twice.
    const added = await getDb().$queryRaw<Array<{ user_id: string }>>(Prisma.sql`
      INSERT INTO annotation_mentions (annotation_id, user_id)
      SELECT ${annotation.id}::uuid, m.user_id
      FROM group_memberships m
      WHERE m.group_id = ${groupId}::uuid AND m.user_id = ANY(${mentioned}::uuid[])
      ON CONFLICT DO NOTHING
      RETURNING user_id
    `);
    for (const { user_id: userId } of added) {
      await recordNotification({ userId, kind: "mention", annotationId: annotation.id, actorId: actor.userId });
    }
  });
}

export async function notifyAboutReply(actor: Actor, reply: Mentioning, parent: { authorId: string; rootId: string | null }): Promise<void> {
  await safely("a reply", async () => {
    const root = parent.rootId ? await getDb().annotation.findUnique({ where: { id: parent.rootId }, select: { authorId: true } }) : null;
    for (const userId of new Set([parent.authorId, root?.authorId].filter((id): id is string => id !== undefined))) {
      await recordNotification({ userId, kind: "reply", annotationId: reply.id, actorId: actor.userId });
    }
  });
  await notifyMentions(actor, reply);
}

export async function notifyAboutResolved(actor: Actor, thread: { id: string; authorId: string }): Promise<void> {
  await safely("a resolved thread", () => recordNotification({ userId: thread.authorId, kind: "resolved", annotationId: thread.id, actorId: actor.userId }));
}

export async function notifyAboutFeedback(actor: Actor, annotation: { id: string; authorId: string }): Promise<void> {
  await safely("feedback", () => recordNotification({ userId: annotation.authorId, kind: "feedback", annotationId: annotation.id, actorId: actor.userId }));
}
