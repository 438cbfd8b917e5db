// Participation per member, aggregated in Postgres: threads started, replies, threads per
// tag, words written, first and last activity. Every member gets a row, silent ones too.
import type { ParticipationRowDto } from "@/lib/api/review";
import type { GroupRole } from "@/lib/permissions/permission-table";
import { getDb } from "@/server/db/client";
import { Prisma } from "@/server/db/generated/client";
import { liveInScopeSql, type ReviewScope } from "./review-scope";

type ParticipationSqlRow = {
  user_id: string;
  name: string;
  role: GroupRole;
  annotations: number;
  replies: number;
  words: number;
  first_activity: Date | null;
  last_activity: Date | null;
};

type TagCountRow = { author_id: string; tag: string; count: number };

export async function participationOf(scope: ReviewScope, onlyUserId?: string): Promise<ParticipationRowDto[]> {
  const db = getDb();
  const onlyMember = onlyUserId ? Prisma.sql`AND m.user_id = ${onlyUserId}::uuid` : Prisma.empty;
  const onlyAuthor = onlyUserId ? Prisma.sql`AND a.author_id = ${onlyUserId}::uuid` : Prisma.empty;
  const [rows, tagCounts] = await Promise.all([
    db.$queryRaw<ParticipationSqlRow[]>(Prisma.sql`
      SELECT m.user_id, u.name, m.role::text AS role,
        (count(a.id) FILTER (WHERE a.parent_id IS NULL))::int AS annotations,
        (count(a.id) FILTER (WHERE a.parent_id IS NOT NULL))::int AS replies,
        coalesce(sum(a.body_words), 0)::int AS words,
        min(a.created_at) AS first_activity,
        max(a.created_at) AS last_activity
      FROM group_memberships m
      JOIN users u ON u.id = m.user_id
      LEFT JOIN annotations a ON a.author_id = m.user_id AND ${liveInScopeSql(scope)}
      WHERE m.group_id = ${scope.groupId}::uuid ${onlyMember}
      GROUP BY m.user_id, u.name, m.role
      ORDER BY lower(u.name), m.user_id
    `),
    db.$queryRaw<TagCountRow[]>(Prisma.sql`
      SELECT a.author_id, tag, count(*)::int AS count
      FROM annotations a CROSS JOIN LATERAL unnest(a.tags) AS tag
      WHERE ${liveInScopeSql(scope)} AND a.parent_id IS NULL ${onlyAuthor}
      GROUP BY a.author_id, tag
      ORDER BY tag
    `),
  ]);
  const tagsByAuthor = new Map<string, Record<string, number>>();
  for (const row of tagCounts) {
    const tags = tagsByAuthor.get(row.author_id) ?? {};
    tags[row.tag] = row.count;
    tagsByAuthor.set(row.author_id, tags);
  }
  return rows.map((row) => ({
    member: { id: row.user_id, name: row.name, role: row.role },
    annotations: row.annotations,
    replies: row.replies,
    notesByTag: tagsByAuthor.get(row.user_id) ?? {},
    words: row.words,
    firstActivity: row.first_activity?.toISOString() ?? null,
    lastActivity: row.last_activity?.toISOString() ?? null,
  }));
}
