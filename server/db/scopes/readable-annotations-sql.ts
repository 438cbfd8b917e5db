// The SQL twin of readableAnnotationsWhere, for raw queries (full-text search, recipient
// checks) that Prisma's where-builders cannot express. The same rules, in the same order:
// my private annotations; in my groups, my own; everything in groups I moderate; others'
// unhidden ones, except that a post-first group opens a document's discussion to a member
// only after they posted a thread there. Kept in step by an integration test that compares
// both on the same rows.
import { Prisma } from "@/server/db/generated/client";

/**
 * A predicate over the annotations row aliased `alias` (a trusted identifier, never user
 * input): true when the user may read that row.
 */
export function readableAnnotationSql(userId: string, alias: string): Prisma.Sql {
  const a = Prisma.raw(`"${alias.replaceAll('"', '""')}"`);
  return Prisma.sql`(
    (${a}.group_id IS NULL AND ${a}.author_id = ${userId}::uuid)
    OR EXISTS (
      SELECT 1 FROM group_memberships scope_m JOIN groups scope_g ON scope_g.id = scope_m.group_id
      WHERE scope_m.group_id = ${a}.group_id AND scope_m.user_id = ${userId}::uuid
        AND (
          ${a}.author_id = ${userId}::uuid
          OR scope_m.role IN ('owner', 'instructor')
          OR (${a}.hidden_at IS NULL AND (
            NOT scope_g.post_first
            OR EXISTS (
              SELECT 1 FROM annotations scope_p
              WHERE scope_p.author_id = ${userId}::uuid AND scope_p.parent_id IS NULL
                AND scope_p.group_id = ${a}.group_id AND scope_p.document_id = ${a}.document_id
            )
          ))
        )
    )
  )`;
}

/** Whether one user may read one annotation: the per-recipient check before telling them about it. */
export async function canUserReadAnnotation(
  db: { $queryRaw<T>(query: Prisma.Sql): Promise<T> },
  userId: string,
  annotationId: string,
): Promise<boolean> {
  const rows = await db.$queryRaw<Array<{ ok: number }>>(
    Prisma.sql`SELECT 1 AS ok FROM annotations a WHERE a.id = ${annotationId}::uuid AND ${readableAnnotationSql(userId, "a")}`,
  );
  return rows.length > 0;
}
