// Anchoring imported annotations: position, then exact search (nearest the stated position),
// then fuzzy match with a minimum score; a quote that is not in the text is orphaned.
import { describe, expect, it } from "vitest";
import { anchorQuote, MAX_FUZZY_QUOTE_LENGTH, MIN_FUZZY_SCORE } from "@/lib/import/anchor-quote";

const text = [
  "The epidermis renews itself about every four weeks.",
  "",
  "Keratinocytes born in the basal layer move upward, flatten, and die, forming the stratum corneum.",
  "",
  "The stratum corneum is the barrier: lipids between dead cells keep water in.",
].join("\n");

const context = (quote: string, occurrence = 0) => {
  let start = -1;
  for (let seen = 0; seen <= occurrence; seen++) start = text.indexOf(quote, start + 1);
  return { start, end: start + quote.length, prefix: text.slice(Math.max(0, start - 32), start), suffix: text.slice(start + quote.length, start + quote.length + 32) };
};

describe("anchorQuote", () => {
  it("keeps the stated position when the quote is there", () => {
    const { start, end, prefix, suffix } = context("basal layer");
    expect(anchorQuote(text, { exact: "basal layer", prefix, suffix }, { start, end })).toEqual({ method: "position", start, end, score: 1 });
  });

  it("finds the quote by exact search when the position is stale", () => {
    const { start, end } = context("basal layer");
    expect(anchorQuote(text, { exact: "basal layer" }, { start: start + 7, end: end + 7 })).toEqual({ method: "exact", start, end, score: 1 });
  });

  it("picks the exact occurrence nearest the stated position", () => {
    const second = context("stratum corneum", 1);
    const result = anchorQuote(text, { exact: "stratum corneum" }, { start: second.start - 3, end: second.end - 3 });
    expect(result).toMatchObject({ method: "exact", start: second.start });
  });

  it("without a position, prefers the occurrence whose context matches", () => {
    const second = context("stratum corneum", 1);
    const result = anchorQuote(text, { exact: "stratum corneum", prefix: second.prefix, suffix: second.suffix }, null);
    expect(result).toMatchObject({ method: "exact", start: second.start });
  });

  it("anchors a quote that differs by a few characters at the right place, with its score", () => {
    const target = context("lipids between dead cells keep water in");
    const result = anchorQuote(text, { exact: "lipids betwen dead cels keep watter in", prefix: target.prefix, suffix: target.suffix }, null);
    expect(result.method).toBe("fuzzy");
    if (result.method !== "fuzzy") return;
    expect(Math.abs(result.start - target.start)).toBeLessThanOrEqual(1);
    expect(Math.abs(result.end - target.end)).toBeLessThanOrEqual(1);
    expect(result.score).toBeGreaterThanOrEqual(MIN_FUZZY_SCORE);
    expect(result.score).toBeLessThan(1);
  });

  it("reports a quote absent from the text as orphaned instead of attaching it somewhere wrong", () => {
    const result = anchorQuote(text, { exact: "mitochondria are the powerhouse of the cell", prefix: "Everyone knows that ", suffix: ", said the teacher" }, { start: 10, end: 53 });
    expect(result.method).toBe("orphaned");
  });

  it("orphans a short quote that is not there rather than fuzzily matching it", () => {
    expect(anchorQuote(text, { exact: "dermis" + "x" }, null).method).toBe("orphaned");
  });

  it("does not look approximately for very long quotes, which would cost minutes over a whole file", () => {
    const long = `${text.slice(0, 60)}x`.repeat(Math.ceil(MAX_FUZZY_QUOTE_LENGTH / 61) + 1);
    expect(anchorQuote(text, { exact: long }, null)).toMatchObject({ method: "orphaned", reason: expect.stringContaining("too long") });
  });

  it("accepts a bare position only when it selects text", () => {
    expect(anchorQuote(text, null, { start: 4, end: 13 })).toMatchObject({ method: "position", start: 4, end: 13 });
    expect(anchorQuote(text, null, { start: 4, end: 99_999 }).method).toBe("orphaned");
  });
});
