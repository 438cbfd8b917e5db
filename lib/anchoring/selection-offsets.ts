// Converts between the reader's ProseMirror selection positions and text offsets, using the
// flat-document rule of lib/document/canonical-text (position = offset + 1).
import { offsetFromProseMirrorPosition, proseMirrorPositionFromOffset } from "@/lib/document/canonical-text";
import type { TextRange } from "./selectors";

export type ProseMirrorRange = { from: number; to: number };

/**
 * The text range under a ProseMirror selection. Positions outside any text (before the first
 * block's opening token, after the last block's closing token) are clamped into the text, and a
 * backwards selection (anchor after head) is put in order, so the result is always a valid range
 * for describeTextRange.
 */
export function textRangeFromProseMirrorSelection(from: number, to: number, textLength: number): TextRange {
  const a = clamp(offsetFromProseMirrorPosition(from), 0, textLength);
  const b = clamp(offsetFromProseMirrorPosition(to), 0, textLength);
  return { start: Math.min(a, b), end: Math.max(a, b) };
}

/** The ProseMirror positions that select a stored text range, e.g. to paint its highlight. */
export function proseMirrorRangeFromText(start: number, end: number): ProseMirrorRange {
  return { from: proseMirrorPositionFromOffset(start), to: proseMirrorPositionFromOffset(end) };
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
