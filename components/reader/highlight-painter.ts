// Paints highlights with the CSS Custom Highlight API: one merged set of ranges per
// color, so overlapping and nested highlights never split or wrap the text's DOM
// (which would corrupt offsets) and painting 5,000 of them stays cheap.
import { mergeRanges } from "@/lib/anchoring/interval-index";
import type { HighlightSpan } from "@/lib/annotations/annotation-store";
import { HIGHLIGHT_COLORS } from "@/lib/annotations/palette";
import type { TextRange } from "@/lib/anchoring/selectors";
import type { RevisionBlock } from "@/lib/document/revision-content";
import { domRangeFor } from "./text-dom";

const ACTIVE = "mg-active";
const PENDING = "mg-selection";
const PEERS = "mg-peer";

export function supportsCustomHighlights(): boolean {
  return typeof CSS !== "undefined" && "highlights" in CSS && typeof Highlight !== "undefined";
}

// What each color currently shows, per document element, so a repaint touches only
// the colors that changed: Chromium revalidates every registered highlight on each
// change, so re-registering unchanged ones would cost time for nothing.
type PaintedColor = { ranges: readonly TextRange[]; signature: string };
type PaintedRoot = { colors: Map<string, PaintedColor>; count: number };
const paintedByRoot = new WeakMap<HTMLElement, PaintedRoot>();
// What the page shows, whichever element it is painted on: the static copy of the text
// and the editor that replaces it show the same highlights, so moving them across is
// not a new paint (bench/ reads the mark as "the highlights on screen changed").
let lastMarkedSignature = "";

function paintedOn(root: HTMLElement): PaintedRoot {
  let painted = paintedByRoot.get(root);
  if (!painted) {
    painted = { colors: new Map(), count: 0 };
    paintedByRoot.set(root, painted);
  }
  return painted;
}

/** Paints the spans; returns whether anything changed. Marks "marginalia:highlights-painted" for bench/. */
export function paintHighlights(root: HTMLElement, blocks: readonly RevisionBlock[], spans: readonly HighlightSpan[]): boolean {
  if (!supportsCustomHighlights()) return false;
  const painted = paintedOn(root);
  const byColor = new Map<string, HighlightSpan[]>(HIGHLIGHT_COLORS.map((color) => [color, []]));
  for (const span of spans) byColor.get(span.color)?.push(span);

  let changed = false;
  for (const [color, colorSpans] of byColor) changed = paintColor(root, blocks, painted, color, mergeRanges(colorSpans)) || changed;
  painted.count = spans.length;
  if (changed) markPainted(painted);
  return changed;
}

/**
 * Adds one highlight to what `root` shows, re-registering only its color's few merged
 * ranges: the cost does not grow with the number of annotations, so a new highlight is
 * on screen within the click that made it. A later paintHighlights with the same spans
 * finds nothing to change.
 */
export function paintAddedHighlight(root: HTMLElement, blocks: readonly RevisionBlock[], span: HighlightSpan): boolean {
  if (!supportsCustomHighlights()) return false;
  const painted = paintedOn(root);
  const current = painted.colors.get(span.color)?.ranges ?? [];
  const changed = paintColor(root, blocks, painted, span.color, mergeRanges([...current, span]));
  painted.count += 1;
  if (changed) markPainted(painted);
  return changed;
}

function paintColor(root: HTMLElement, blocks: readonly RevisionBlock[], painted: PaintedRoot, color: string, merged: TextRange[]): boolean {
  const signature = merged.map((range) => `${range.start}:${range.end}`).join(",");
  if (painted.colors.get(color)?.signature === signature && CSS.highlights.has(`mg-${color}`)) return false;
  const ranges = merged.flatMap((range) => domRangeFor(root, blocks, range.start, range.end) ?? []);
  CSS.highlights.set(`mg-${color}`, new Highlight(...ranges));
  painted.colors.set(color, { ranges: merged, signature });
  return true;
}

function markPainted(painted: PaintedRoot) {
  const pageSignature = HIGHLIGHT_COLORS.map((color) => painted.colors.get(color)?.signature ?? "").join("|");
  if (pageSignature === lastMarkedSignature) return;
  lastMarkedSignature = pageSignature;
  performance.mark("marginalia:highlights-painted", { detail: { count: painted.count } });
}

/** Marks the annotation being looked at (underlined), or clears the mark. */
export function paintActive(root: HTMLElement, blocks: readonly RevisionBlock[], span: { start: number; end: number } | null) {
  paintSingle(ACTIVE, root, blocks, span);
}

/** Shows, faintly, what the other readers of the group have selected right now. */
export function paintPeerSelections(root: HTMLElement, blocks: readonly RevisionBlock[], spans: ReadonlyArray<{ start: number; end: number }>) {
  if (!supportsCustomHighlights()) return;
  const ranges = spans.flatMap((span) => domRangeFor(root, blocks, span.start, span.end) ?? []);
  if (ranges.length > 0) CSS.highlights.set(PEERS, new Highlight(...ranges));
  else CSS.highlights.delete(PEERS);
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
