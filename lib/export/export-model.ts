// What every export format is rendered from: the document, its revision, and the
// threads the reader may read, in document order. Plain data, so the renderers are
// pure functions the browser and tests can run too.
import type { DocumentBlock } from "@/lib/document/canonical-text";
import type { TiptapDoc } from "@/lib/rich-text/tiptap-schema";

export type ExportedAnnotation = {
  id: string;
  parentId: string | null;
  kind: "highlight" | "comment" | "note";
  /** The passage in the revision the annotation was made on; null for page notes and replies. */
  target: { start: number; end: number; exact: string; prefix: string; suffix: string } | null;
  /** The comment; null for plain highlights and notes without one. */
  body: { doc: TiptapDoc; html: string; text: string } | null;
  tags: string[];
  author: { id: string; name: string };
  createdAt: string;
  updatedAt: string;
  resolved: boolean;
  /** Deleted, kept only because live replies hang below it. */
  deleted: boolean;
  revisionNumber: number;
  replies: ExportedAnnotation[];
};

export type ExportContext = {
  document: {
    id: string;
    slug: string;
    title: string;
    revision: { id: string; number: number; text: string; blocks: DocumentBlock[] };
  };
  /** Origin the IRIs in JSON-LD are built on, e.g. "https://marginalia.example". */
  baseUrl: string;
  /** When the export was made (ISO 8601); a parameter so golden files stay stable. */
  exportedAt: string;
  /** Number of annotations and replies in the export, known before the first byte is written. */
  total: number;
};

/** A streaming renderer: the opening, any number of batches of threads, the closing. */
export type ExportWriter = {
  begin(): string;
  threads(batch: readonly ExportedAnnotation[]): string;
  end(): string;
};

export function revisionUrl(context: ExportContext, revisionNumber: number): string {
  return `${context.baseUrl}/documents/${encodeURIComponent(context.document.slug)}?revision=${revisionNumber}`;
}

export function annotationIri(context: ExportContext, id: string): string {
  return `${context.baseUrl}/api/annotations/${id}`;
}

export function kindLabel(kind: ExportedAnnotation["kind"]): string {
  return kind === "highlight" ? "Highlight" : kind === "comment" ? "Comment" : "Note";
}

/** Every annotation of a thread, root first, then replies depth first in order. */
export function* walkThread(root: ExportedAnnotation, depth = 0): Generator<{ annotation: ExportedAnnotation; depth: number }> {
  const pending: Array<{ annotation: ExportedAnnotation; depth: number }> = [{ annotation: root, depth }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    yield next;
    for (const reply of [...next.annotation.replies].reverse()) pending.push({ annotation: reply, depth: next.depth + 1 });
  }
}
