// The passages to paint on a document, and nothing else: a few bytes per highlight,
// so the text shows its highlights long before the full discussion has loaded.
import type { HighlightSpansDto } from "@/lib/api/annotations";
import type { HighlightColor } from "@/lib/annotations/palette";
import type { Actor } from "@/server/auth/actor";
import { getDb } from "@/server/db/client";
import { readableAnnotationsWhere } from "@/server/db/scopes/annotation-scope";

export async function listHighlightSpans({ actor, documentId }: { actor: Actor; documentId: string }): Promise<HighlightSpansDto> {
  const rows = await getDb().annotation.findMany({
    where: {
      AND: [await readableAnnotationsWhere(actor), { documentId, parentId: null, deletedAt: null, targetStart: { not: null } }],
    },
    select: { id: true, targetStart: true, targetEnd: true, color: true },
  });
  return {
    items: rows.map((row) => ({
      id: row.id,
      start: row.targetStart!,
      end: row.targetEnd!,
      color: (row.color as HighlightColor | null) ?? "yellow",
    })),
  };
}
