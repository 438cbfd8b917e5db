// The change log: every write to an annotation appends one event to its stream
// (document + group, or document + author for private annotations) inside the
// writing transaction, under the next sequence number. After commit the event is
// published live; a client that missed it reads it back with `sync`.
import type { AnnotationDto } from "@/lib/api/annotations";
import type { ChangeEvent } from "@/lib/api/realtime";
import type { ChangeSubject } from "@/lib/realtime/delivery";
import type { Actor } from "@/server/auth/actor";
import type { Prisma } from "@/server/db/generated/client";
import { toAnnotationDto, type AnnotationRecord } from "@/server/annotations/annotation-record";
import { realtimeBus } from "./realtime-bus";

export type RecordedChange = {
  event: ChangeEvent;
  subject: ChangeSubject;
  /** The tab that made the change: it already has the result, so it gets no echo. */
  clientId?: string;
  /** A first root annotation in a "post first" group: the author may now see peers. */
  unlocksPeers?: boolean;
};

export type ChangeDraft = {
  actor: Actor;
  record: AnnotationRecord;
} & (
  | { type: "annotation.upserted"; reaction?: ChangeEvent["reaction"] }
  | { type: "annotation.removed"; removedIds: string[] }
);

/** Stream keys: a group id, or `private:<author>` (one private stream per author and document). */
export function streamKeyOf(subject: Pick<ChangeSubject, "groupId" | "authorId">): string {
  return subject.groupId ?? `private:${subject.authorId}`;
}

export function subjectOf(record: AnnotationRecord): ChangeSubject {
  return {
    documentId: record.documentId,
    groupId: record.groupId,
    annotationId: record.id,
    authorId: record.authorId,
    hidden: record.hiddenAt !== null,
  };
}

/** The annotation as every recipient may see it: reactions counted, none marked "mine". */
export function sharedAnnotationDto(record: AnnotationRecord): AnnotationDto {
  return toAnnotationDto(record, { userId: "", via: "token", credentialId: "" });
}

export type ChangeDraftPayload = { annotation: AnnotationDto; reaction?: ChangeEvent["reaction"] } | { removedIds: string[] };

/** What the event carries besides its numbers: the annotation as everyone may see it, or the removed ids. */
export function changePayload(draft: ChangeDraft): ChangeDraftPayload {
  return draft.type === "annotation.upserted"
    ? { annotation: sharedAnnotationDto(draft.record), ...(draft.reaction ? { reaction: draft.reaction } : {}) }
    : { removedIds: draft.removedIds };
}

/** The change as published and synced, once the log has given it a number. */
export function recordedChange(
  draft: ChangeDraft,
  payload: ChangeDraftPayload,
  logged: { seq: number | bigint; createdAt: Date },
): RecordedChange {
  const subject = subjectOf(draft.record);
  return {
    subject,
    clientId: draft.actor.clientId,
    event: {
      documentId: subject.documentId,
      groupId: subject.groupId ?? "private",
      seq: Number(logged.seq),
      type: draft.type,
      annotationId: subject.annotationId,
      ...payload,
      actorId: draft.actor.userId,
      createdAt: logged.createdAt.toISOString(),
    },
  };
}

export async function appendChange(tx: Prisma.TransactionClient, draft: ChangeDraft): Promise<RecordedChange> {
  const subject = subjectOf(draft.record);
  const payload = changePayload(draft);
  const streamKey = streamKeyOf(subject);
  // One statement: take the stream's next number (the row lock orders concurrent
  // writers, and is held to commit, so numbers become visible in order) and log the event.
  // The batched create (server/annotations/insert-annotation.ts) writes both tables in its
  // own statement: a change to either table's columns must be made there too.
  const [row] = await tx.$queryRaw<Array<{ seq: bigint; created_at: Date }>>`
    WITH next AS (
      INSERT INTO change_streams (document_id, stream_key, last_seq)
      VALUES (${subject.documentId}::uuid, ${streamKey}, 1)
      ON CONFLICT (document_id, stream_key) DO UPDATE SET last_seq = change_streams.last_seq + 1
      RETURNING last_seq
    )
    INSERT INTO change_events
      (document_id, stream_key, seq, type, annotation_id, subject_author_id, subject_hidden, actor_id, client_id, payload)
    SELECT ${subject.documentId}::uuid, ${streamKey}, next.last_seq, ${draft.type}, ${subject.annotationId}::uuid,
      ${subject.authorId}::uuid, ${subject.hidden}, ${draft.actor.userId}::uuid, ${draft.actor.clientId ?? null},
      ${JSON.stringify(payload)}::jsonb
    FROM next
    RETURNING seq, created_at`;
  if (!row) throw new Error("The change log did not return a sequence number.");
  return recordedChange(draft, payload, { seq: row.seq, createdAt: row.created_at });
}

/** After commit: hand the changes to the socket server, if this process runs one. */
export function publishChanges(...changes: RecordedChange[]) {
  const bus = realtimeBus();
  if (!bus) return;
  for (const change of changes) bus.publishChange(change);
}
