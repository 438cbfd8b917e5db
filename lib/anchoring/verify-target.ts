// Server-side check that an annotation target really describes the revision it is stored
// against: offsets inside the text, the quote equal to the text there, truthful context.
import { splitsSurrogatePair } from "./describe-range";
import type { AnnotationTarget, TextRange } from "./selectors";

export type VerifyTargetErrorCode = "OUT_OF_RANGE" | "QUOTE_MISMATCH" | "WHITESPACE_ONLY" | "EMPTY_SELECTION";

export type VerifiedTarget =
  | { ok: true; range: TextRange }
  | { ok: false; code: VerifyTargetErrorCode; message: string };

type Refusal = Extract<VerifiedTarget, { ok: false }>;

// Long enough to recognise the passage in an error message, short enough to keep it readable.
const EXCERPT_LENGTH = 40;

/*
 * How strict the context check is, and why. A revision never changes, so the position plus
 * `exact` already pin the range; prefix and suffix only help re-anchor the annotation on other
 * revisions or in other tools. We therefore require them to be true but not complete: the
 * prefix must be a suffix of the text before the range (any length, including ""), and the
 * suffix a prefix of the text after it. Demanding exactly QUOTE_CONTEXT_LENGTH units would
 * refuse honest targets: describeTextRange itself writes 31 units when the 32nd would split a
 * surrogate pair, and other Web Annotation clients record different amounts of context. A
 * server that wants uniform context can store describeTextRange(text, start, end) instead of
 * the client's quote once this check passes.
 *
 * Leading or trailing whitespace inside `exact` is accepted (it is not wrong, only untidy);
 * a range made only of whitespace is refused, as is one that splits a surrogate pair, because
 * its quote would contain a lone surrogate that cannot be stored as UTF-8.
 */
export function verifyTarget(text: string, target: AnnotationTarget): VerifiedTarget {
  const [position, quote] = target.selector;
  const { start, end } = position;
  const invalid = checkBounds(text, start, end);
  if (invalid) return invalid;

  const actual = text.slice(start, end);
  if (quote.exact !== actual) {
    return refuse(
      "QUOTE_MISMATCH",
      `The quote “${excerpt(quote.exact)}” does not match the text at ${start}–${end}, which reads “${excerpt(actual)}”.`,
    );
  }
  if (actual.trim() === "") {
    return refuse("WHITESPACE_ONLY", "The selection contains only whitespace; select some text to annotate.");
  }
  return checkContext(text, { start, end }, quote.prefix, quote.suffix) ?? { ok: true, range: { start, end } };
}

function checkBounds(text: string, start: number, end: number): Refusal | undefined {
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > text.length) {
    return refuse(
      "OUT_OF_RANGE",
      `The range ${start}–${end} lies outside the text, which is ${text.length} characters long.`,
    );
  }
  if (start > end) return refuse("OUT_OF_RANGE", `The range starts (${start}) after it ends (${end}).`);
  if (start === end) return refuse("EMPTY_SELECTION", `The range ${start}–${end} selects nothing.`);
  if (splitsSurrogatePair(text, start) || splitsSurrogatePair(text, end)) {
    return refuse("OUT_OF_RANGE", `The range ${start}–${end} cuts a character (such as an emoji) in half.`);
  }
  return undefined;
}

function checkContext(
  text: string,
  range: TextRange,
  prefix: string | undefined,
  suffix: string | undefined,
): Refusal | undefined {
  if (prefix !== undefined && !text.slice(0, range.start).endsWith(prefix)) {
    const actual = text.slice(Math.max(0, range.start - prefix.length), range.start);
    return refuse(
      "QUOTE_MISMATCH",
      `The text before the quote should read “${excerpt(prefix, "end")}” but reads “${excerpt(actual, "end")}”.`,
    );
  }
  if (suffix !== undefined && !text.startsWith(suffix, range.end)) {
    const actual = text.slice(range.end, range.end + suffix.length);
    return refuse(
      "QUOTE_MISMATCH",
      `The text after the quote should read “${excerpt(suffix)}” but reads “${excerpt(actual)}”.`,
    );
  }
  return undefined;
}

function refuse(code: VerifyTargetErrorCode, message: string): Refusal {
  return { ok: false, code, message };
}

/** Shortens a passage for a message, keeping the side next to the quote when it is context. */
function excerpt(passage: string, keep: "start" | "end" = "start"): string {
  // Cut by code points so an emoji at the cut never becomes half a surrogate pair.
  const characters = Array.from(passage.replace(/\s+/g, " "));
  if (characters.length <= EXCERPT_LENGTH) return characters.join("");
  return keep === "start"
    ? `${characters.slice(0, EXCERPT_LENGTH).join("")}…`
    : `…${characters.slice(-EXCERPT_LENGTH).join("")}`;
}
