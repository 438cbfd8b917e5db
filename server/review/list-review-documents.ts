// The documents a reviewer can pick on the review page, busiest in the group first, so the
// page opens on the discussion that needs the most attention.
import type { Actor } from "@/server/auth/actor";
import { getDb } from "@/server/db/client";
import { Prisma } from "@/server/db/generated/client";
import { requireGroupRole } from "@/server/groups/require-group-role";

export type ReviewDocument = { id: string; slug: string; title: string; annotations: number };

export async function listReviewDocuments({ actor, groupId }: { actor: Actor; groupId: string }): Promise<ReviewDocument[]> {
  await requireGroupRole(actor, groupId, "group:review");
  return getDb().$queryRaw<ReviewDocument[]>(Prisma.sql`
    SELECT d.id, d.slug, d.title, count(a.id)::int AS annotations
    FROM documents d
    LEFT JOIN annotations a ON a.document_id = d.id AND a.group_id = ${groupId}::uuid AND a.deleted_at IS NULL AND a.hidden_at IS NULL
    GROUP BY d.id, d.slug, d.title
    ORDER BY count(a.id) DESC, d.title
  `);
}
