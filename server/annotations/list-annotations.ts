// Lists the threads on a document the actor can read, in document order (page notes
// first), each root with all its replies, filtered by group, tag, author, kind,
// resolved state and a text search over bodies and quotes.
import type { AnnotationDto, ListAnnotationsFilter } from "@/lib/api/annotations";
import { buildThreads, type Thread } from "@/lib/annotations/build-threads";
import type { Actor } from "@/server/auth/actor";
import { getDb } from "@/server/db/client";
import type { Prisma } from "@/server/db/generated/client";
import { readableAnnotationsWhere, visibilityWhere } from "@/server/db/scopes/annotation-scope";
import { findMembershipRole } from "@/server/groups/find-membership-role";
import { readStreamHeads } from "@/server/realtime/list-changes";
import { recordSecurityEvent } from "@/server/security/record-security-event";
import { annotationSelect, toAnnotationDto, type AnnotationRecord } from "./annotation-record";

export async function listAnnotations({ actor, filter }: { actor: Actor; filter: ListAnnotationsFilter }) {
  const db = getDb();
  // Read before the rows: every change numbered up to these heads is in what follows.
  const streams = await readStreamHeads(actor, filter.documentId);
  const readable = await readableAnnotationsWhere(actor);
  if (filter.groupId && filter.groupId !== "private" && (await findMembershipRole(actor, filter.groupId)) === null) {
    // Nothing will be listed (the scope sees to that), but asking is worth a line in the security log.
    await recordSecurityEvent({ actor, kind: "group_not_visible", resource: `group:${filter.groupId}` });
  }
  const threadsWithMatchingReplies = filter.q
    ? await db.annotation.findMany({
        where: {
          AND: [readable, { documentId: filter.documentId, rootId: { not: null }, deletedAt: null, bodyText: containsLiterally(filter.q) }],
        },
        select: { rootId: true },
        distinct: ["rootId"],
      })
    : [];
  const roots = await db.annotation.findMany({
    where: {
      AND: [
        readable,
        visibilityWhere(actor, filter.groupId),
        rootFilter(filter, threadsWithMatchingReplies.map((reply) => reply.rootId!)),
      ],
    },
    select: annotationSelect,
  });
  const replies =
    roots.length === 0
      ? []
      : await db.annotation.findMany({
          where: { AND: [readable, { rootId: { in: roots.map((root) => root.id) } }] },
          select: annotationSelect,
        });
  return { items: threadsToDtos([...roots, ...replies], actor), streams };
}

/** ILIKE %q% with the % _ and backslash in q taken literally. */
function containsLiterally(q: string) {
  return { contains: q.replace(/[\\%_]/g, (c) => `\\${c}`), mode: "insensitive" as const };
}

function rootFilter(filter: ListAnnotationsFilter, rootIdsWithMatchingReplies: string[]): Prisma.AnnotationWhereInput {
  const where: Prisma.AnnotationWhereInput = { documentId: filter.documentId, parentId: null };
  if (filter.tag) where.tags = { has: filter.tag };
  if (filter.author) where.authorId = filter.author;
  if (filter.kind) where.kind = filter.kind;
  if (filter.resolved !== undefined) where.resolvedAt = filter.resolved ? { not: null } : null;
  if (filter.q) {
    const contains = containsLiterally(filter.q);
    where.OR = [{ bodyText: contains }, { quoteExact: contains }, { tags: { has: filter.q.toLowerCase() } }, { id: { in: rootIdsWithMatchingReplies } }];
  }
  return where;
}

type Threadable = {
  id: string;
  parentId: string | null;
  createdAt: string;
  target: { start: number; end: number } | null;
  deleted: boolean;
  record: AnnotationRecord;
};

export function threadsToDtos(records: AnnotationRecord[], actor: Actor): AnnotationDto[] {
  const threadable: Threadable[] = records.map((record) => ({
    id: record.id,
    parentId: record.parentId,
    createdAt: record.createdAt.toISOString(),
    target: record.targetStart !== null && record.targetEnd !== null ? { start: record.targetStart, end: record.targetEnd } : null,
    deleted: record.deletedAt !== null,
    record,
  }));
  const toDto = (thread: Thread<Threadable>): AnnotationDto =>
    toAnnotationDto(thread.record, actor, thread.replies.map(toDto));
  return buildThreads(threadable).map(toDto);
}
