"use client";
// The export and import controls shown under a document's title.
import type { GroupSummaryDto } from "@/lib/api/groups";
import type { ExportFilter } from "@/lib/export/export-url";
import { ExportMenu } from "./export-menu";
import { ImportDialog } from "./import-dialog";

type Props = { documentId: string; groups: GroupSummaryDto[]; filter: ExportFilter; onImported: () => void };

export function DocumentTools({ documentId, groups, filter, onImported }: Props) {
  // Only the filters the export understands (the sidebar's text search has no counterpart).
  const { visibility, authorId, tag, kind, resolved } = filter;
  const exportFilter: ExportFilter = { visibility, authorId, tag, kind, resolved };
  const filtered = Object.values(exportFilter).some((value) => value !== undefined && value !== "");
  return (
    <div className="document-tools" role="group" aria-label="Export and import">
      <ExportMenu documentId={documentId} filter={exportFilter} filtered={filtered} />
      <ImportDialog documentId={documentId} groups={groups} onImported={onImported} />
    </div>
  );
}
