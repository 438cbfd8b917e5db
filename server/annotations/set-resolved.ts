// The author of a thread, or an instructor of its group, marks it resolved (or reopens it).
import type { AnnotationDto } from "@/lib/api/annotations";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/server/auth/actor";
import { getDb } from "@/server/db/client";
import { appendChange, publishChanges } from "@/server/realtime/change-log";
import { notifyAboutResolved } from "@/server/notifications/notify-annotation-activity";
import { annotationSelect, toAnnotationDto } from "./annotation-record";
import { loadAnnotationFor } from "./load-annotation";

export async function setResolved({
  actor,
  annotationId,
  resolved,
}: {
  actor: Actor;
  annotationId: string;
  resolved: boolean;
}): Promise<AnnotationDto> {
  const { record } = await loadAnnotationFor(actor, annotationId, "annotation:resolve");
  if (record.parentId !== null) {
    throw new AppError("UNPROCESSABLE", "Resolve the thread from its first annotation, not from a reply.");
  }
  const { updated, change } = await getDb().$transaction(async (tx) => {
    const updated = await tx.annotation.update({
      where: { id: record.id },
      data: resolved ? { resolvedAt: new Date(), resolvedById: actor.userId } : { resolvedAt: null, resolvedById: null },
      select: annotationSelect,
    });
    return { updated, change: await appendChange(tx, { type: "annotation.upserted", actor, record: updated }) };
  });
  publishChanges(change);
  if (resolved && record.resolvedAt === null) await notifyAboutResolved(actor, record);
  return toAnnotationDto(updated, actor);
}
