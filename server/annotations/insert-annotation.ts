// Creating an annotation is the write every reader makes most, so it is one SQL statement
// doing the permission check (the author is a member of the group with a role that may
// annotate, from the permission table), the insert (a client id already taken inserts
// nothing), the stream's next sequence number and the change-log event. Being one
// statement it is also one transaction. When it inserts nothing, the caller asks the
// slower, step-by-step checks why (create-annotation.ts), so errors stay exact.
//
// Creates that arrive while a statement runs are sent together in the next one (group
// commit, lib/batching/in-flight-batcher.ts): each is acknowledged only after the
// statement holding it has committed. It goes straight to the pool under Prisma: through
// Prisma the same statement costs about three times the CPU, and this is the hot path of
// the write benchmark (BENCHMARKS.md, "Sustained persisted writes").
import type { CreateAnnotationInput } from "@/lib/api/annotations";
import { createInFlightBatcher } from "@/lib/batching/in-flight-batcher";
import { GROUP_PERMISSIONS } from "@/lib/permissions/permission-table";
import type { Actor } from "@/server/auth/actor";
import { getPool } from "@/server/db/client";
import { namedStatement } from "@/server/db/named-statement";
import { changePayload, recordedChange, streamKeyOf, type ChangeDraft, type ChangeDraftPayload, type RecordedChange } from "@/server/realtime/change-log";
import type { AnnotationRecord } from "./annotation-record";
import type { StoredBody } from "./prepare-body";

export type NewAnnotation = {
  id: string;
  documentId: string;
  revisionId: string;
  groupId: string | null;
  kind: CreateAnnotationInput["kind"];
  target: { targetStart: number; targetEnd: number; quoteExact: string; quotePrefix: string; quoteSuffix: string } | null;
  body: StoredBody | null;
  tags: string[];
  color: string | null;
};

export type InsertedAnnotation = { record: AnnotationRecord; change: RecordedChange; postFirst: boolean };

const ANNOTATING_ROLES: readonly string[] = GROUP_PERMISSIONS["group:annotate"];

// Rows are handed over as one JSON array (one parameter however many creates). Streams
// are counted up in key order so that two statements never wait for each other's rows
// in opposite orders; within a stream, creates are numbered in the order they arrived.
// The change_streams and change_events writes mirror appendChange (server/realtime/change-log.ts)
// for many rows at once: a change to either table's columns must be made in both.
const INSERT_WITH_CHANGES = `
  WITH input AS (
    SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(
      ord int, id uuid, document_id uuid, revision_id uuid, group_id uuid, author_id uuid, kind annotation_kind,
      target_start int, target_end int, quote_exact text, quote_prefix text, quote_suffix text,
      body jsonb, body_html text, body_text text, tags text[], color text, created_at timestamptz,
      stream_key text, client_id text, payload jsonb, token_id uuid, session_id text)
  ),
  permitted AS (
    SELECT i.*, u.name AS author_name, coalesce(g.post_first, false) AS post_first
    FROM input i
    JOIN users u ON u.id = i.author_id
    LEFT JOIN groups g ON g.id = i.group_id
    WHERE (i.group_id IS NULL OR EXISTS (
        SELECT 1 FROM group_memberships m
        WHERE m.group_id = i.group_id AND m.user_id = i.author_id AND m.role::text = ANY($2::text[])))
      -- The credential of a long-lived connection, when asked: the rules of credential-liveness.ts.
      AND (i.token_id IS NULL OR EXISTS (
        SELECT 1 FROM api_tokens t WHERE t.id = i.token_id AND t.user_id = i.author_id AND t.revoked_at IS NULL))
      AND (i.session_id IS NULL OR EXISTS (
        SELECT 1 FROM sessions s WHERE s.id = i.session_id AND s.user_id = i.author_id AND s.expires_at > now()))
  ),
  inserted AS (
    INSERT INTO annotations (id, document_id, revision_id, group_id, author_id, kind, target_start, target_end,
      quote_exact, quote_prefix, quote_suffix, body, body_html, body_text, tags, color, created_at, updated_at)
    SELECT id, document_id, revision_id, group_id, author_id, kind, target_start, target_end,
      quote_exact, quote_prefix, quote_suffix, body, body_html, body_text, coalesce(tags, '{}'), color, created_at, created_at
    FROM permitted ORDER BY ord
    ON CONFLICT (id) DO NOTHING
    RETURNING id
  ),
  fresh AS (SELECT p.* FROM permitted p JOIN inserted USING (id)),
  next AS (
    INSERT INTO change_streams (document_id, stream_key, last_seq)
    SELECT document_id, stream_key, count(*) FROM fresh
    GROUP BY document_id, stream_key ORDER BY document_id, stream_key
    ON CONFLICT (document_id, stream_key) DO UPDATE SET last_seq = change_streams.last_seq + EXCLUDED.last_seq
    RETURNING document_id, stream_key, last_seq
  ),
  numbered AS (
    SELECT f.*, next.last_seq - count(*) OVER stream + row_number() OVER (stream ORDER BY f.ord) AS seq
    FROM fresh f JOIN next USING (document_id, stream_key)
    WINDOW stream AS (PARTITION BY f.document_id, f.stream_key)
  ),
  logged AS (
    INSERT INTO change_events
      (document_id, stream_key, seq, type, annotation_id, subject_author_id, subject_hidden, actor_id, client_id, payload)
    SELECT document_id, stream_key, seq, 'annotation.upserted', id, author_id, false, author_id, client_id,
      jsonb_set(payload, '{annotation,author,name}', to_jsonb(author_name))
    FROM numbered
    RETURNING annotation_id, seq, created_at
  )
  SELECT n.ord, l.seq, l.created_at, n.author_name, n.post_first
  FROM logged l JOIN numbered n ON n.id = l.annotation_id`;

type Prepared = {
  actor: Actor;
  draft: Extract<ChangeDraft, { type: "annotation.upserted" }>;
  payload: ChangeDraftPayload;
  recheckCredential: boolean;
};
const insertWithChanges = namedStatement("insert-annotations", INSERT_WITH_CHANGES);

type InsertedRow = { ord: number; seq: string; created_at: Date; author_name: string; post_first: boolean };

async function insertBatch(batch: readonly Prepared[]): Promise<Array<InsertedAnnotation | null>> {
  const rows = batch.map(({ actor, draft: { record }, payload, recheckCredential }, ord) => ({
    ord,
    id: record.id,
    document_id: record.documentId,
    revision_id: record.revisionId,
    group_id: record.groupId,
    author_id: record.authorId,
    kind: record.kind,
    target_start: record.targetStart,
    target_end: record.targetEnd,
    quote_exact: record.quoteExact,
    quote_prefix: record.quotePrefix,
    quote_suffix: record.quoteSuffix,
    body: record.body,
    body_html: record.bodyHtml,
    body_text: record.bodyText,
    tags: record.tags,
    color: record.color,
    created_at: record.createdAt.toISOString(),
    stream_key: streamKeyOf(record),
    client_id: actor.clientId ?? null,
    payload,
    token_id: recheckCredential && actor.via === "token" ? actor.credentialId : null,
    session_id: recheckCredential && actor.via === "session" ? actor.credentialId : null,
  }));
  const { rows: inserted } = await getPool().query<InsertedRow>(insertWithChanges([JSON.stringify(rows), ANNOTATING_ROLES]));
  const results: Array<InsertedAnnotation | null> = batch.map(() => null);
  for (const row of inserted) {
    const { draft, payload } = batch[row.ord]!;
    const author = { id: draft.record.authorId, name: row.author_name };
    const record = { ...draft.record, author };
    const named = "annotation" in payload ? { ...payload, annotation: { ...payload.annotation, author } } : payload;
    const change = recordedChange({ ...draft, record }, named, { seq: Number(row.seq), createdAt: row.created_at });
    results[row.ord] = { record, change, postFirst: row.post_first };
  }
  return results;
}

const submitInsert = createInFlightBatcher<Prepared, InsertedAnnotation | null>({
  run: insertBatch,
  maxBatch: 64,
  // One statement at a time makes the largest batches: measured with 8 concurrent writers,
  // 1,611 creates/s at 0.38 ms of Postgres CPU each, against 1,450/s at 0.63 ms with two
  // at a time and 786/s at 1.57 ms with eight (each statement pays its own commit).
  maxInFlight: 1,
  // Two creates with one id in one statement would log two events for one row.
  keyOf: (prepared) => prepared.draft.record.id,
});

/**
 * Inserts the annotation and logs its change, or returns null when nothing was inserted.
 * With `recheckCredential`, also only while the actor's session or token is still live
 * (for sockets, whose credential was checked at connection time).
 */
export async function insertAnnotationWithChange(
  actor: Actor,
  annotation: NewAnnotation,
  { recheckCredential = false }: { recheckCredential?: boolean } = {},
): Promise<InsertedAnnotation | null> {
  const now = new Date();
  const target = annotation.target;
  const body = annotation.body;
  const record: AnnotationRecord = {
    id: annotation.id,
    documentId: annotation.documentId,
    revisionId: annotation.revisionId,
    groupId: annotation.groupId,
    kind: annotation.kind,
    parentId: null,
    rootId: null,
    targetStart: target?.targetStart ?? null,
    targetEnd: target?.targetEnd ?? null,
    quoteExact: target?.quoteExact ?? null,
    quotePrefix: target?.quotePrefix ?? null,
    quoteSuffix: target?.quoteSuffix ?? null,
    body: (body?.body ?? null) as AnnotationRecord["body"],
    bodyHtml: body?.bodyHtml ?? null,
    bodyText: body?.bodyText ?? null,
    tags: annotation.tags,
    color: annotation.color,
    resolvedAt: null,
    hiddenAt: null,
    deletedAt: null,
    createdAt: now,
    updatedAt: now,
    authorId: actor.userId,
    // The name is read by the statement itself (and set into the logged payload there).
    author: { id: actor.userId, name: "" },
    reactions: [],
  };
  const draft = { type: "annotation.upserted" as const, actor, record };
  return submitInsert({ actor, draft, payload: changePayload(draft), recheckCredential });
}
