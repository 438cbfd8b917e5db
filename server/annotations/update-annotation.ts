// Authors edit their own annotation's body, tags and color; the target never moves.
import type { AnnotationDto, UpdateAnnotationInput } from "@/lib/api/annotations";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/server/auth/actor";
import { getDb } from "@/server/db/client";
import { admitTags } from "@/server/groups/admit-tags";
import { appendChange, publishChanges } from "@/server/realtime/change-log";
import { notifyMentions } from "@/server/notifications/notify-annotation-activity";
import { annotationSelect, toAnnotationDto } from "./annotation-record";
import { loadAnnotationFor } from "./load-annotation";
import { prepareBody } from "./prepare-body";

export async function updateAnnotation({
  actor,
  annotationId,
  input,
}: {
  actor: Actor;
  annotationId: string;
  input: UpdateAnnotationInput;
}): Promise<AnnotationDto> {
  const { record, facts } = await loadAnnotationFor(actor, annotationId, "annotation:edit");
  if (record.deletedAt) throw new AppError("CONFLICT", "This annotation was deleted.");
  if (record.kind === "note" && input.tags?.length === 0) {
    throw new AppError("VALIDATION_FAILED", "A tagged note needs at least one tag.");
  }
  if (record.kind === "comment" && record.parentId === null && input.body === undefined && record.body === null) {
    throw new AppError("VALIDATION_FAILED", "A comment needs a body.");
  }
  if (input.tags && record.groupId && facts.role) await admitTags(record.groupId, facts.role, input.tags);
  const { updated, change } = await getDb().$transaction(async (tx) => {
    const updated = await tx.annotation.update({
      where: { id: record.id },
      data: {
        ...(input.body ? prepareBody(input.body) : {}),
        ...(input.tags ? { tags: input.tags } : {}),
        ...(input.color !== undefined ? { color: input.color } : {}),
      },
      select: annotationSelect,
    });
    return { updated, change: await appendChange(tx, { type: "annotation.upserted", actor, record: updated }) };
  });
  publishChanges(change);
  if (input.body) await notifyMentions(actor, updated);
  return toAnnotationDto(updated, actor);
}
