// Moderation: any member flags an annotation with a reason; owners and instructors
// hide or unhide it. Every action is logged for the group's moderators.
import type { AnnotationDto } from "@/lib/api/annotations";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/server/auth/actor";
import { getDb } from "@/server/db/client";
import { requireGroupRole } from "@/server/groups/require-group-role";
import { appendChange, publishChanges } from "@/server/realtime/change-log";
import { annotationSelect, toAnnotationDto } from "./annotation-record";
import { loadAnnotationFor } from "./load-annotation";

export async function flagAnnotation({ actor, annotationId, reason }: { actor: Actor; annotationId: string; reason: string }) {
  const { record } = await loadAnnotationFor(actor, annotationId, "annotation:flag");
  const db = getDb();
  await db.annotationFlag.upsert({
    where: { annotationId_userId: { annotationId: record.id, userId: actor.userId } },
    create: { annotationId: record.id, userId: actor.userId, reason },
    update: { reason },
  });
  await db.moderationLogEntry.create({
    data: { groupId: record.groupId!, actorId: actor.userId, action: "flag", annotationId: record.id, detail: reason },
  });
  return { flagged: true };
}

export async function setHidden(input: { actor: Actor; annotationId: string; hidden: boolean; reason?: string }): Promise<AnnotationDto> {
  const { actor, annotationId, hidden, reason } = input;
  const { record } = await loadAnnotationFor(actor, annotationId, "annotation:moderate");
  if (record.deletedAt) throw new AppError("CONFLICT", "This annotation was deleted.");
  // Already in the asked state: nothing to do, and nothing to log twice.
  if ((record.hiddenAt !== null) === hidden) return toAnnotationDto(record, actor);
  const db = getDb();
  const { updated, change } = await db.$transaction(async (tx) => {
    const row = await tx.annotation.update({
      where: { id: record.id },
      data: hidden ? { hiddenAt: new Date(), hiddenById: actor.userId } : { hiddenAt: null, hiddenById: null },
      select: annotationSelect,
    });
    await tx.moderationLogEntry.create({
      data: { groupId: record.groupId!, actorId: actor.userId, action: hidden ? "hide" : "unhide", annotationId: record.id, detail: reason },
    });
    return { updated: row, change: await appendChange(tx, { type: "annotation.upserted", actor, record: row }) };
  });
  publishChanges(change);
  return toAnnotationDto(updated, actor);
}

export async function listModerationLog({ actor, groupId }: { actor: Actor; groupId: string }) {
  await requireGroupRole(actor, groupId, "group:moderate");
  const entries = await getDb().moderationLogEntry.findMany({
    where: { groupId },
    orderBy: { createdAt: "desc" },
    take: 200,
    select: { id: true, action: true, annotationId: true, targetUserId: true, detail: true, createdAt: true, actorId: true },
  });
  return entries.map((entry) => ({ ...entry, createdAt: entry.createdAt.toISOString() }));
}
