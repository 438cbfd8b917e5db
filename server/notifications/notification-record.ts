// The one way notifications are read (list, and the payload pushed over the socket):
// joined with their actor, annotation and document, and only while the recipient may
// still read the annotation (it may have been hidden, or they may have left the group).
import type { NotificationDto } from "@/lib/api/notifications";
import { annotationHref } from "@/lib/annotations/annotation-href";
import { getDb } from "@/server/db/client";
import { Prisma } from "@/server/db/generated/client";
import { readableAnnotationSql } from "@/server/db/scopes/readable-annotations-sql";

const EXCERPT_LENGTH = 140;

type NotificationRow = {
  id: string;
  kind: NotificationDto["kind"];
  read_at: Date | null;
  created_at: Date;
  actor_id: string;
  actor_name: string;
  annotation_id: string;
  root_id: string | null;
  excerpt: string | null;
  slug: string;
  title: string;
};

export async function readNotifications(userId: string, where: Prisma.Sql, limit: number): Promise<NotificationDto[]> {
  const rows = await getDb().$queryRaw<NotificationRow[]>(Prisma.sql`
    SELECT n.id, n.kind::text AS kind, n.read_at, n.created_at, actor.id AS actor_id, actor.name AS actor_name,
      a.id AS annotation_id, a.root_id, left(coalesce(a.body_text, a.quote_exact, ''), ${EXCERPT_LENGTH}) AS excerpt, d.slug, d.title
    FROM notifications n
    JOIN users actor ON actor.id = n.actor_id
    JOIN annotations a ON a.id = n.annotation_id
    JOIN documents d ON d.id = a.document_id
    WHERE n.user_id = ${userId}::uuid AND a.deleted_at IS NULL AND ${readableAnnotationSql(userId, "a")} AND ${where}
    ORDER BY n.created_at DESC, n.id DESC
    LIMIT ${limit}
  `);
  return rows.map((row) => {
    const threadId = row.root_id ?? row.annotation_id;
    return {
      id: row.id,
      kind: row.kind,
      read: row.read_at !== null,
      createdAt: row.created_at.toISOString(),
      actor: { id: row.actor_id, name: row.actor_name },
      annotation: { id: row.annotation_id, threadId, excerpt: row.excerpt ?? "" },
      document: { slug: row.slug, title: row.title },
      href: annotationHref(row.slug, threadId),
    };
  });
}

export async function countUnread(userId: string): Promise<number> {
  const [row] = await getDb().$queryRaw<Array<{ count: number }>>(Prisma.sql`
    SELECT count(*)::int AS count
    FROM notifications n JOIN annotations a ON a.id = n.annotation_id
    WHERE n.user_id = ${userId}::uuid AND n.read_at IS NULL AND a.deleted_at IS NULL AND ${readableAnnotationSql(userId, "a")}
  `);
  return row?.count ?? 0;
}
