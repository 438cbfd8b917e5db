// Paints highlights with the CSS Custom Highlight API: one merged set of ranges per
// color, so overlapping and nested highlights never split or wrap the text's DOM
// (which would corrupt offsets) and painting 5,000 of them stays cheap.
import { mergeRanges } from "@/lib/anchoring/interval-index";
import type { HighlightSpan } from "@/lib/annotations/annotation-store";
import { HIGHLIGHT_COLORS } from "@/lib/annotations/palette";
import type { RevisionBlock } from "@/lib/document/revision-content";
import { domRangeFor } from "./text-dom";

const ACTIVE = "mg-active";
const PENDING = "mg-selection";

export function supportsCustomHighlights(): boolean {
  return typeof CSS !== "undefined" && "highlights" in CSS && typeof Highlight !== "undefined";
}

export function paintHighlights(root: HTMLElement, blocks: readonly RevisionBlock[], spans: readonly HighlightSpan[]) {
  if (!supportsCustomHighlights()) return;
  for (const color of HIGHLIGHT_COLORS) {
    const merged = mergeRanges(spans.filter((span) => span.color === color));
    const ranges = merged.flatMap((range) => domRangeFor(root, blocks, range.start, range.end) ?? []);
    CSS.highlights.set(`mg-${color}`, new Highlight(...ranges));
  }
}

/** Marks the annotation being looked at (underlined), or clears the mark. */
export function paintActive(root: HTMLElement, blocks: readonly RevisionBlock[], span: { start: number; end: number } | null) {
  paintSingle(ACTIVE, root, blocks, span);
}

/** Keeps the passage being annotated visible while focus is in the composer. */
export function paintPendingSelection(root: HTMLElement, blocks: readonly RevisionBlock[], span: { start: number; end: number } | null) {
  paintSingle(PENDING, root, blocks, span);
}

function paintSingle(name: string, root: HTMLElement, blocks: readonly RevisionBlock[], span: { start: number; end: number } | null) {
  if (!supportsCustomHighlights()) return;
  const range = span ? domRangeFor(root, blocks, span.start, span.end) : null;
  if (range) CSS.highlights.set(name, new Highlight(range));
  else CSS.highlights.delete(name);
}

export function clearAllHighlights() {
  if (!supportsCustomHighlights()) return;
  for (const color of HIGHLIGHT_COLORS) CSS.highlights.delete(`mg-${color}`);
  CSS.highlights.delete(ACTIVE);
  CSS.highlights.delete(PENDING);
}
