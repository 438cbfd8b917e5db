// The export link for a document under the reader's current filters, shared by the
// export menu and its tests. The sidebar's text search has no export counterpart.
import type { ExportFormat } from "@/lib/api/exports";

export type ExportFilter = {
  /** "private" or a group id, as the sidebar's "Visible to" filter holds it. */
  visibility?: string;
  authorId?: string;
  tag?: string;
  kind?: "highlight" | "comment" | "note";
  resolved?: boolean;
};

export function exportUrl(documentId: string, format: ExportFormat, filter: ExportFilter = {}): string {
  const query = new URLSearchParams({ format });
  if (filter.visibility) query.set("groupId", filter.visibility);
  if (filter.authorId) query.set("authorId", filter.authorId);
  if (filter.tag) query.set("tag", filter.tag);
  if (filter.kind) query.set("kind", filter.kind);
  if (filter.resolved !== undefined) query.set("resolved", String(filter.resolved));
  return `/api/documents/${encodeURIComponent(documentId)}/export?${query.toString()}`;
}
