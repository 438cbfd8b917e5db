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
const PEERS = "mg-peer";

export function supportsCustomHighlights(): boolean {
  return typeof CSS !== "undefined" && "highlights" in CSS && typeof Highlight !== "undefined";
}

// What each color currently shows, per document element, so a repaint touches only
// the colors that changed: Chromium revalidates every registered highlight on each
// change, so re-registering unchanged ones would cost time for nothing.
const paintedByRoot = new WeakMap<HTMLElement, Map<string, string>>();
// What the page shows, whichever element it is painted on: the static copy of the text
// and the editor that replaces it show the same highlights, so moving them across is
// not a new paint (bench/ reads the mark as "the highlights on screen changed").
let lastMarkedSignature = "";

/** Paints the spans; returns whether anything changed. Marks "marginalia:highlights-painted" for bench/. */
export function paintHighlights(root: HTMLElement, blocks: readonly RevisionBlock[], spans: readonly HighlightSpan[]): boolean {
  if (!supportsCustomHighlights()) return false;
  const painted = paintedByRoot.get(root) ?? new Map<string, string>();
  paintedByRoot.set(root, painted);
  const byColor = new Map<string, HighlightSpan[]>(HIGHLIGHT_COLORS.map((color) => [color, []]));
  for (const span of spans) byColor.get(span.color)?.push(span);

  let changed = false;
  const signatures: string[] = [];
  for (const [color, colorSpans] of byColor) {
    const merged = mergeRanges(colorSpans);
    const signature = merged.map((range) => `${range.start}:${range.end}`).join(",");
    signatures.push(signature);
    if (painted.get(color) === signature && CSS.highlights.has(`mg-${color}`)) continue;
    const ranges = merged.flatMap((range) => domRangeFor(root, blocks, range.start, range.end) ?? []);
    CSS.highlights.set(`mg-${color}`, new Highlight(...ranges));
    painted.set(color, signature);
    changed = true;
  }
  const pageSignature = signatures.join("|");
  if (changed && pageSignature !== lastMarkedSignature) {
    lastMarkedSignature = pageSignature;
    performance.mark("marginalia:highlights-painted", { detail: { count: spans.length } });
  }
  return changed;
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
