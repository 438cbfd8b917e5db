// Reactions ("helpful", "same question"): one of each kind per reader, added or taken back.
import type { AnnotationDto } from "@/lib/api/annotations";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/server/auth/actor";
import { getDb } from "@/server/db/client";
import { appendChange, publishChanges } from "@/server/realtime/change-log";
import { annotationSelect, toAnnotationDto } from "./annotation-record";
import { loadAnnotationFor } from "./load-annotation";

type ReactionType = "helpful" | "same_question";

export async function setReaction({
  actor,
  annotationId,
  type,
  on,
}: {
  actor: Actor;
  annotationId: string;
  type: ReactionType;
  on: boolean;
}): Promise<AnnotationDto> {
  const { record } = await loadAnnotationFor(actor, annotationId, "annotation:react");
  if (record.deletedAt) throw new AppError("CONFLICT", "This annotation was deleted.");
  const { updated, change } = await getDb().$transaction(async (tx) => {
    const changed = on
      ? await tx.annotationReaction.createMany({ data: [{ annotationId: record.id, userId: actor.userId, type }], skipDuplicates: true })
      : await tx.annotationReaction.deleteMany({ where: { annotationId: record.id, userId: actor.userId, type } });
    const updated = await tx.annotation.findUniqueOrThrow({ where: { id: record.id }, select: annotationSelect });
    // Reacting twice the same way changes nothing, and nothing is broadcast.
    if (changed.count === 0) return { updated, change: null };
    const reaction = { userId: actor.userId, type, on };
    return { updated, change: await appendChange(tx, { type: "annotation.upserted", actor, record: updated, reaction }) };
  });
  if (change) publishChanges(change);
  return toAnnotationDto(updated, actor);
}
