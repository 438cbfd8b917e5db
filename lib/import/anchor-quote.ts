// Finds where an imported annotation's passage is in a revision's text: at its stated
// position when the quote is there, else by exact search (the occurrence nearest the
// stated position), else by approximate match scored on quote, prefix, suffix and
// position as Hypothesis's client does, refusing matches below a minimum score.
import search from "approx-string-match";

export type QuoteToAnchor = { exact: string; prefix?: string; suffix?: string };
export type Anchoring =
  | { method: "position" | "exact"; start: number; end: number; score: 1 }
  | { method: "fuzzy"; start: number; end: number; score: number }
  | { method: "orphaned"; reason: string; score: number | null };

/** At most this share of the quote's characters may differ for a fuzzy match. */
export const MAX_FUZZY_ERROR_RATE = 0.25;
/** Normalized score (0–1) below which a fuzzy match is not attached. */
export const MIN_FUZZY_SCORE = 0.75;
// Quotes this short match almost anywhere once an error is allowed.
const MIN_FUZZY_QUOTE_LENGTH = 8;
/*
 * The matcher's work grows with text length × quote length / 32; beyond this a file of
 * 5,000 long quotes could keep the server busy for minutes. Longer quotes still anchor by
 * position or exact search.
 */
export const MAX_FUZZY_QUOTE_LENGTH = 1000;

// Hypothesis's weights (client/src/annotator/anchoring/match-quote.ts): the quote counts
// most, then its context, and the position only breaks near-ties.
const WEIGHTS = { quote: 50, prefix: 20, suffix: 20, position: 2 };

export function anchorQuote(text: string, quote: QuoteToAnchor | null, position: { start: number; end: number } | null): Anchoring {
  if (!quote) {
    if (position && position.start < position.end && position.end <= text.length && text.slice(position.start, position.end).trim() !== "") {
      return { method: "position", start: position.start, end: position.end, score: 1 };
    }
    return { method: "orphaned", reason: "The annotation has neither a quote nor a usable position.", score: null };
  }
  const { exact } = quote;
  if (position && text.slice(position.start, position.end) === exact) {
    return { method: "position", start: position.start, end: position.end, score: 1 };
  }
  const exactStart = nearestExactOccurrence(text, quote, position?.start);
  if (exactStart !== null) return { method: "exact", start: exactStart, end: exactStart + exact.length, score: 1 };
  return fuzzyMatch(text, quote, position?.start);
}

function nearestExactOccurrence(text: string, quote: QuoteToAnchor, hint: number | undefined): number | null {
  const starts: number[] = [];
  for (let at = text.indexOf(quote.exact); at >= 0; at = text.indexOf(quote.exact, at + 1)) starts.push(at);
  if (starts.length <= 1) return starts[0] ?? null;
  const rank = (start: number) =>
    hint !== undefined ? -Math.abs(start - hint) : contextScore(text, start, start + quote.exact.length, quote);
  return starts.reduce((best, start) => (rank(start) > rank(best) ? start : best));
}

function fuzzyMatch(text: string, quote: QuoteToAnchor, hint: number | undefined): Anchoring {
  const maxErrors = Math.floor(quote.exact.length * MAX_FUZZY_ERROR_RATE);
  if (quote.exact.length < MIN_FUZZY_QUOTE_LENGTH || maxErrors < 1) {
    return { method: "orphaned", reason: "The quote is not in the text.", score: null };
  }
  if (quote.exact.length > MAX_FUZZY_QUOTE_LENGTH) {
    return { method: "orphaned", reason: `The quote is not in the text exactly, and at over ${MAX_FUZZY_QUOTE_LENGTH} characters it is too long to look for approximately.`, score: null };
  }
  const candidates = search(text, quote.exact, Math.min(256, maxErrors));
  let best: { start: number; end: number; score: number } | null = null;
  for (const match of candidates) {
    const quoteScore = 1 - match.errors / quote.exact.length;
    const context = contextScores(text, match.start, match.end, quote);
    const positionScore = hint === undefined || text.length === 0 ? 1 : 1 - Math.abs(match.start - hint) / text.length;
    const score =
      (WEIGHTS.quote * quoteScore + WEIGHTS.prefix * context.prefix + WEIGHTS.suffix * context.suffix + WEIGHTS.position * positionScore) /
      (WEIGHTS.quote + WEIGHTS.prefix + WEIGHTS.suffix + WEIGHTS.position);
    if (!best || score > best.score) best = { start: match.start, end: match.end, score };
  }
  if (!best) return { method: "orphaned", reason: "The quote is not in the text, not even approximately.", score: null };
  const score = Math.round(best.score * 1000) / 1000;
  if (best.score < MIN_FUZZY_SCORE) {
    return { method: "orphaned", reason: `The closest passage scored ${score}, below the minimum of ${MIN_FUZZY_SCORE}.`, score };
  }
  return { method: "fuzzy", start: best.start, end: best.end, score };
}

function contextScore(text: string, start: number, end: number, quote: QuoteToAnchor): number {
  const scores = contextScores(text, start, end, quote);
  return scores.prefix + scores.suffix;
}

/** How well the text around a match agrees with the recorded prefix and suffix (1 = exactly; no context = 1, as in Hypothesis). */
function contextScores(text: string, start: number, end: number, quote: QuoteToAnchor): { prefix: number; suffix: number } {
  return {
    prefix: quote.prefix ? similarity(text.slice(Math.max(0, start - quote.prefix.length), start), quote.prefix) : 1,
    suffix: quote.suffix ? similarity(text.slice(end, end + quote.suffix.length), quote.suffix) : 1,
  };
}

function similarity(actual: string, expected: string): number {
  if (actual.length === 0) return 0;
  const matches = search(actual, expected, expected.length);
  if (matches.length === 0) return 0;
  return 1 - Math.min(...matches.map((match) => match.errors)) / expected.length;
}
