// Resync: the changes after `since` on one stream that this reader may see, in order,
// or a signal to reload when they are too far behind. The read path of the change
// log, so it applies the same per-recipient rule as live delivery.
import type { StreamHead } from "@/lib/api/annotations";
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

/** The heads of every stream the actor follows on a document: each of their groups, and their private one. */
export async function readStreamHeads(actor: Actor, documentId: string): Promise<StreamHead[]> {
  const db = getDb();
  const memberships = await db.groupMembership.findMany({ where: { userId: actor.userId }, select: { groupId: true } });
  const privateKey = streamKeyOf({ groupId: null, authorId: actor.userId });
  const keys = [privateKey, ...memberships.map((membership) => membership.groupId)];
  const rows = await db.changeStream.findMany({
    where: { documentId, streamKey: { in: keys } },
    select: { streamKey: true, lastSeq: true },
  });
  const heads = new Map(rows.map((row) => [row.streamKey, Number(row.lastSeq)]));
  return keys.map((key) => ({ groupId: key === privateKey ? "private" : key, head: heads.get(key) ?? 0 }));
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
  // An annotation hidden by its latest change is hidden in every earlier change too: a
  // reader who was away while it was written and then hidden must not learn its content
  // from the log (the range runs to the head, so the last row per annotation is its latest).
  const hiddenAtHead = new Map<string, boolean>();
  for (const row of rows) hiddenAtHead.set(row.annotationId, row.subjectHidden);
  const events: ChangeEvent[] = [];
  for (const row of rows) {
    const subject = {
      documentId,
      groupId: groupId === "private" ? null : groupId,
      annotationId: row.annotationId,
      authorId: row.subjectAuthorId,
      hidden: row.subjectHidden || hiddenAtHead.get(row.annotationId) === true,
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
