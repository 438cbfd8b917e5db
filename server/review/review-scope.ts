// What the review counts: a group's annotations (on one document, or all) that are neither
// deleted nor hidden by a moderator, i.e. the discussion as its members see it. Every
// review query starts from this predicate so the numbers on the page agree with each other.
import { Prisma } from "@/server/db/generated/client";

export type ReviewScope = { groupId: string; documentId?: string };

/** A predicate over the annotations row aliased `alias` (a trusted identifier). */
export function liveInScopeSql(scope: ReviewScope, alias = "a"): Prisma.Sql {
  const a = Prisma.raw(alias);
  const document = scope.documentId ? Prisma.sql`AND ${a}.document_id = ${scope.documentId}::uuid` : Prisma.empty;
  return Prisma.sql`${a}.group_id = ${scope.groupId}::uuid ${document} AND ${a}.deleted_at IS NULL AND ${a}.hidden_at IS NULL`;
}
