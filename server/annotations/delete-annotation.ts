// Authors delete their own annotations. One with replies stays as a "deleted"
// tombstone so the thread survives; one without is removed, and so is a tombstone
// whose last reply just went. Either way the change is logged and broadcast.
import type { Actor } from "@/server/auth/actor";
import { getDb } from "@/server/db/client";
import { Prisma } from "@/server/db/generated/client";
import { appendChange, publishChanges } from "@/server/realtime/change-log";
import { annotationSelect } from "./annotation-record";
import { loadAnnotationFor } from "./load-annotation";

export async function deleteAnnotation({ actor, annotationId }: { actor: Actor; annotationId: string }) {
  const { record } = await loadAnnotationFor(actor, annotationId, "annotation:delete");
  const change = await getDb().$transaction(async (tx) => {
    const replyCount = await tx.annotation.count({ where: { parentId: record.id } });
    if (replyCount > 0) {
      const tombstone = await tx.annotation.update({
        where: { id: record.id },
        data: { deletedAt: new Date(), body: Prisma.DbNull, bodyHtml: null, bodyText: null, tags: [] },
        select: annotationSelect,
      });
      return appendChange(tx, { type: "annotation.upserted", actor, record: tombstone });
    }
    await tx.annotation.delete({ where: { id: record.id } });
    const emptiedTombstones = await removeEmptyTombstones(tx, record.parentId);
    return appendChange(tx, { type: "annotation.removed", actor, record, removedIds: [record.id, ...emptiedTombstones] });
  });
  publishChanges(change);
  return { id: record.id };
}

async function removeEmptyTombstones(tx: Prisma.TransactionClient, parentId: string | null): Promise<string[]> {
  const removed: string[] = [];
  let current = parentId;
  while (current) {
    // Lock the parent before counting its replies: two replies deleted at once must not
    // each still see the other and both leave the emptied tombstone behind.
    await tx.$queryRaw`SELECT id FROM annotations WHERE id = ${current}::uuid FOR UPDATE`;
    const parent = await tx.annotation.findUnique({
      where: { id: current },
      select: { id: true, parentId: true, deletedAt: true, _count: { select: { replies: true } } },
    });
    if (!parent || !parent.deletedAt || parent._count.replies > 0) return removed;
    await tx.annotation.delete({ where: { id: parent.id } });
    removed.push(parent.id);
    current = parent.parentId;
  }
  return removed;
}
