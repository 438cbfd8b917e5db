// Types shared by the reader shell and its lazily loaded interactive part.
import type { HighlightSpan } from "@/lib/annotations/annotation-store";
import type { RevisionBlock } from "@/lib/document/revision-content";

export type TextSelection = { start: number; end: number; rect: { top: number; left: number; bottom: number; right: number } };
export type ReaderShortcut = "highlight" | "comment" | "note";

export type DocumentReaderHandle = {
  /** Paints now, outside React's render cycle (used when data arrives and on a new highlight). */
  paint: (spans: readonly HighlightSpan[]) => void;
  /** Paints one more highlight now, in time independent of how many are painted (a new highlight). */
  addHighlight: (span: HighlightSpan) => void;
  scrollToSpan: (span: { start: number; end: number }) => void;
  /** Paints the other readers' current selections, faintly. */
  paintPeers: (spans: ReadonlyArray<{ start: number; end: number }>) => void;
  clearSelection: () => void;
};

/** What the page gives the reader: the revision, what to paint, and what to report back. */
export type ReaderProps = {
  text: string;
  blocks: RevisionBlock[];
  label: string;
  spans?: HighlightSpan[];
  activeSpan?: { start: number; end: number } | null;
  pendingSpan?: { start: number; end: number } | null;
  onSelectionChange?: (selection: TextSelection | null) => void;
  onHighlightActivate?: (annotationIds: string[]) => void;
  onShortcut?: (shortcut: ReaderShortcut) => void;
  /** False until the full discussion has loaded: until then `spans` is not the whole story. */
  spansReady?: boolean;
};
