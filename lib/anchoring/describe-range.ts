// Turns a user's selection of a revision's text into the selectors an annotation stores:
// normalizes the range (whitespace, surrogate pairs), then records the quote and its context.
// The limits come from their zod-free module: this file is part of the reader's first
// load, and importing them from ./selectors would bring zod and every schema along.
import { MAX_QUOTE_LENGTH, QUOTE_CONTEXT_LENGTH } from "./selector-limits";
import type { AnnotationSelectors, TextQuoteSelector, TextRange } from "./selectors";

export type DescribeRangeErrorCode = "EMPTY_SELECTION" | "WHITESPACE_ONLY" | "OUT_OF_RANGE" | "QUOTE_TOO_LONG";

export type DescribedRange =
  | { ok: true; range: TextRange; selectors: AnnotationSelectors }
  | { ok: false; code: DescribeRangeErrorCode; message: string };

type Refusal = Extract<DescribedRange, { ok: false }>;

/**
 * Describes text.slice(start, end) as a position + quote selector pair. Offsets are UTF-16
 * code units, end exclusive. Out-of-range offsets are refused rather than clamped: a caller
 * that passes them has mapped its selection against a different text.
 */
export function describeTextRange(text: string, start: number, end: number): DescribedRange {
  const invalid = checkRangeBounds(text, start, end);
  if (invalid) return invalid;
  if (start === end) return refuse("EMPTY_SELECTION", "Nothing is selected.");

  const range = widenToWholeCharacters(text, trimWhitespace(text, { start, end }));
  if (range.start === range.end) {
    return refuse("WHITESPACE_ONLY", "The selection contains only whitespace; select some text to annotate.");
  }
  const length = range.end - range.start;
  if (length > MAX_QUOTE_LENGTH) {
    return refuse(
      "QUOTE_TOO_LONG",
      `The selection is ${length} characters long; an annotation can quote at most ${MAX_QUOTE_LENGTH}.`,
    );
  }
  const position = { type: "TextPositionSelector" as const, start: range.start, end: range.end };
  return { ok: true, range, selectors: [position, quoteAround(text, range)] };
}

function checkRangeBounds(text: string, start: number, end: number): Refusal | undefined {
  if (!Number.isInteger(start) || !Number.isInteger(end)) {
    return refuse("OUT_OF_RANGE", "The selection's offsets must be whole numbers.");
  }
  if (start < 0 || end > text.length) {
    return refuse(
      "OUT_OF_RANGE",
      `The selection ${start}–${end} lies outside the text, which is ${text.length} characters long.`,
    );
  }
  if (start > end) return refuse("OUT_OF_RANGE", `The selection starts (${start}) after it ends (${end}).`);
  return undefined;
}

function refuse(code: DescribeRangeErrorCode, message: string): Refusal {
  return { ok: false, code, message };
}

// Same set as String.prototype.trim: spaces, line breaks (the "\n\n" between blocks), NBSP, BOM.
const WHITESPACE = /\s/;

function isWhitespaceAt(text: string, index: number): boolean {
  return WHITESPACE.test(text.charAt(index));
}

/** Drags both ends inwards past whitespace; an all-whitespace range collapses to empty. */
export function trimWhitespace(text: string, range: TextRange): TextRange {
  let { start, end } = range;
  while (start < end && isWhitespaceAt(text, start)) start++;
  while (end > start && isWhitespaceAt(text, end - 1)) end--;
  return { start, end };
}

function isHighSurrogate(codeUnit: number): boolean {
  return codeUnit >= 0xd800 && codeUnit <= 0xdbff;
}

function isLowSurrogate(codeUnit: number): boolean {
  return codeUnit >= 0xdc00 && codeUnit <= 0xdfff;
}

/**
 * True when `offset` falls between the two halves of a surrogate pair (e.g. inside 🦠).
 * Slicing there would leave lone surrogates, which render as garbage and which PostgreSQL
 * and UTF-8 encoders reject or replace, so no stored offset may do it.
 */
export function splitsSurrogatePair(text: string, offset: number): boolean {
  return (
    offset > 0 &&
    offset < text.length &&
    isHighSurrogate(text.charCodeAt(offset - 1)) &&
    isLowSurrogate(text.charCodeAt(offset))
  );
}

/** Moves each end that splits a surrogate pair outwards, so the range holds whole characters. */
export function widenToWholeCharacters(text: string, range: TextRange): TextRange {
  return {
    start: splitsSurrogatePair(text, range.start) ? range.start - 1 : range.start,
    end: splitsSurrogatePair(text, range.end) ? range.end + 1 : range.end,
  };
}

/** The quote with up to QUOTE_CONTEXT_LENGTH units of context each side, shortened rather than split. */
function quoteAround(text: string, range: TextRange): TextQuoteSelector {
  let prefixStart = Math.max(0, range.start - QUOTE_CONTEXT_LENGTH);
  if (splitsSurrogatePair(text, prefixStart)) prefixStart++;
  let suffixEnd = Math.min(text.length, range.end + QUOTE_CONTEXT_LENGTH);
  if (splitsSurrogatePair(text, suffixEnd)) suffixEnd--;
  return {
    type: "TextQuoteSelector",
    exact: text.slice(range.start, range.end),
    prefix: text.slice(prefixStart, range.start),
    suffix: text.slice(range.end, suffixEnd),
  };
}
