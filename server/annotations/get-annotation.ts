// One annotation with its whole thread below it.
import type { AnnotationDto } from "@/lib/api/annotations";
import type { Actor } from "@/server/auth/actor";
import { getDb } from "@/server/db/client";
import { readableAnnotationsWhere } from "@/server/db/scopes/annotation-scope";
import { annotationSelect, toAnnotationDto } from "./annotation-record";
import { threadsToDtos } from "./list-annotations";
import { loadAnnotationFor } from "./load-annotation";

export async function getAnnotation({ actor, annotationId }: { actor: Actor; annotationId: string }): Promise<AnnotationDto> {
  const { record } = await loadAnnotationFor(actor, annotationId, "annotation:read");
  const threadRootId = record.rootId ?? record.id;
  const thread = await getDb().annotation.findMany({
    where: { AND: [await readableAnnotationsWhere(actor), { OR: [{ id: threadRootId }, { rootId: threadRootId }] }] },
    select: annotationSelect,
  });
  return findInThreads(threadsToDtos(thread, actor), annotationId) ?? toAnnotationDto(record, actor);
}

function findInThreads(threads: AnnotationDto[], id: string): AnnotationDto | undefined {
  const pending = [...threads];
  for (let node = pending.pop(); node; node = pending.pop()) {
    if (node.id === id) return node;
    pending.push(...node.replies);
  }
  return undefined;
}
