// Resync: the changes after `since` on one stream that this reader may see, in order,
// or a signal to reload when they are too far behind. The read path of the change
// log, so it applies the same per-recipient rule as live delivery.
import type { ChangeEvent, StreamGroup, SyncResult } from "@/lib/api/realtime";
import { MAX_SYNC_EVENTS } from "@/lib/api/realtime";
import { redactedChange, viewOfChange } from "@/lib/realtime/delivery";
import type { Actor } from "@/server/auth/actor";
import { getDb } from "@/server/db/client";
import { streamKeyOf } from "./change-log";
import { resolveStreamViewer } from "./stream-viewer";

type StoredPayload = Pick<ChangeEvent, "annotation" | "removedIds" | "reaction">;

export async function streamHead(documentId: string, streamKey: string): Promise<number> {
  const stream = await getDb().changeStream.findUnique({
    where: { documentId_streamKey: { documentId, streamKey } },
    select: { lastSeq: true },
  });
  return Number(stream?.lastSeq ?? 0);
}

export async function listChangesSince({
  actor,
  input,
}: {
  actor: Actor;
  input: { documentId: string; groupId: StreamGroup; since: number };
}): Promise<SyncResult> {
  const { documentId, groupId, since } = input;
  const viewer = await resolveStreamViewer(actor, documentId, groupId);
  const streamKey = streamKeyOf({ groupId: groupId === "private" ? null : groupId, authorId: actor.userId });
  const head = await streamHead(documentId, streamKey);
  if (since > head || head - since > MAX_SYNC_EVENTS) return { groupId, head, events: [], reload: since !== head };

  const rows = await getDb().changeEvent.findMany({
    where: { documentId, streamKey, seq: { gt: since, lte: head } },
    orderBy: { seq: "asc" },
  });
  const events: ChangeEvent[] = [];
  for (const row of rows) {
    const subject = {
      documentId,
      groupId: groupId === "private" ? null : groupId,
      annotationId: row.annotationId,
      authorId: row.subjectAuthorId,
      hidden: row.subjectHidden,
    };
    const form = viewOfChange(viewer, subject);
    if (form === null || form === "tick") continue;
    const event: ChangeEvent = {
      documentId,
      groupId,
      seq: Number(row.seq),
      type: row.type as ChangeEvent["type"],
      annotationId: row.annotationId,
      ...(row.payload as StoredPayload),
      actorId: row.actorId,
      createdAt: row.createdAt.toISOString(),
    };
    events.push(form === "full" ? event : redactedChange(event));
  }
  return { groupId, head, events, reload: false };
}
