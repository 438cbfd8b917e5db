// Reactions ("helpful", "same question"): one of each kind per reader, added or taken back.
import type { AnnotationDto } from "@/lib/api/annotations";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/server/auth/actor";
import { getDb } from "@/server/db/client";
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
  const db = getDb();
  if (on) {
    await db.annotationReaction.createMany({ data: [{ annotationId: record.id, userId: actor.userId, type }], skipDuplicates: true });
  } else {
    await db.annotationReaction.deleteMany({ where: { annotationId: record.id, userId: actor.userId, type } });
  }
  const updated = await db.annotation.findUniqueOrThrow({ where: { id: record.id }, select: annotationSelect });
  return toAnnotationDto(updated, actor);
}
