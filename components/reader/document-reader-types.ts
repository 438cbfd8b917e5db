// Types shared by the reader shell and its lazily loaded interactive part.
import type { HighlightSpan } from "@/lib/annotations/annotation-store";

export type TextSelection = { start: number; end: number; rect: { top: number; left: number; bottom: number; right: number } };
export type ReaderShortcut = "highlight" | "comment" | "note";

export type DocumentReaderHandle = {
  /** Paints now, outside React's render cycle (used when data arrives and on a new highlight). */
  paint: (spans: readonly HighlightSpan[]) => void;
  scrollToSpan: (span: { start: number; end: number }) => void;
  clearSelection: () => void;
};
