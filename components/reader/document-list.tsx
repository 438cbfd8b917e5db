// The list of readable documents, with an empty state.
import Link from "next/link";
import type { DocumentSummaryDto } from "@/lib/api/documents";

export function DocumentList({ documents }: { documents: DocumentSummaryDto[] }) {
  if (documents.length === 0) {
    return <p className="empty">No documents yet. Run the seed (npm run db:seed) to add the first text.</p>;
  }
  return (
    <ul className="document-list" aria-label="Documents">
      {documents.map((document) => (
        <li key={document.id}>
          <Link href={`/documents/${document.slug}`}>
            <span className="doc-title">{document.title}</span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
