// Unit tests for annotation anchoring: describing a selection as selectors, verifying a target
// against the revision text, the zod schemas, and ProseMirror selection offsets.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { describeTextRange } from "@/lib/anchoring/describe-range";
import {
  AnnotationTargetSchema,
  type AnnotationTarget,
  MAX_QUOTE_LENGTH,
  QUOTE_CONTEXT_LENGTH,
  TextQuoteSelectorSchema,
} from "@/lib/anchoring/selectors";
import { proseMirrorRangeFromText, textRangeFromProseMirrorSelection } from "@/lib/anchoring/selection-offsets";
import { verifyTarget } from "@/lib/anchoring/verify-target";
import { BLOCK_SEPARATOR, blockText } from "@/lib/document/canonical-text";
import { importPlainText } from "@/lib/document/import-text";

const seed = importPlainText(readFileSync(join(process.cwd(), "content", "intestinal-permeability.txt"), "utf8"));
const seedText = seed.text;

function describeOrFail(text: string, start: number, end: number) {
  const described = describeTextRange(text, start, end);
  if (!described.ok) throw new Error(`expected a description, got ${described.code}: ${described.message}`);
  return described;
}

function targetFor(text: string, start: number, end: number): AnnotationTarget {
  return { selector: describeOrFail(text, start, end).selectors };
}

function withQuote(target: AnnotationTarget, quote: Partial<AnnotationTarget["selector"][1]>): AnnotationTarget {
  const [position, original] = target.selector;
  return { selector: [position, { ...original, ...quote }] };
}

function withPosition(target: AnnotationTarget, start: number, end: number): AnnotationTarget {
  const [position, quote] = target.selector;
  return { selector: [{ ...position, start, end }, quote] };
}

/** A small deterministic PRNG (mulberry32) so the property loops are reproducible. */
function seededRandom(seedValue: number): () => number {
  let state = seedValue >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("describeTextRange on the seed article", () => {
  const [firstParagraph, origin, secondParagraph] = seed.blocks;

  it("describes a selection that crosses a heading into the next paragraph", () => {
    if (!firstParagraph || !origin || !secondParagraph) throw new Error("the seed should have three blocks");
    expect(blockText(seedText, origin)).toBe("Origin");
    const start = seedText.indexOf("endocrine dysregulation.");
    const end = secondParagraph.start + "The scientific".length;

    const { range, selectors } = describeOrFail(seedText, start, end);
    const [position, quote] = selectors;

    expect(range).toEqual({ start, end });
    expect(position).toEqual({ type: "TextPositionSelector", start, end });
    expect(quote.exact).toBe(`endocrine dysregulation.${BLOCK_SEPARATOR}Origin${BLOCK_SEPARATOR}The scientific`);
    expect(quote.exact).toContain("\n\n");
    expect(quote.prefix).toBe(seedText.slice(start - QUOTE_CONTEXT_LENGTH, start));
    expect(quote.prefix).toHaveLength(QUOTE_CONTEXT_LENGTH);
    expect(quote.suffix).toBe(" concept has its roots in gastro");
    expect(verifyTarget(seedText, { selector: selectors })).toEqual({ ok: true, range });
  });

  it("trims the block separator a drag selection picks up at either end", () => {
    if (!firstParagraph || !origin) throw new Error("the seed should have blocks");
    // From just after the first paragraph's last character, over "\n\n", "Origin" and "\n\n".
    const described = describeOrFail(seedText, firstParagraph.end, origin.end + BLOCK_SEPARATOR.length);
    expect(described.range).toEqual({ start: origin.start, end: origin.end });
    expect(described.selectors[1].exact).toBe("Origin");
    expect(described.selectors[1].prefix?.endsWith(`dysregulation.${BLOCK_SEPARATOR}`)).toBe(true);
    expect(described.selectors[1].suffix?.startsWith(`${BLOCK_SEPARATOR}The scientific`)).toBe(true);
  });

  it("refuses a selection of only the separator between two blocks", () => {
    if (!firstParagraph || !origin) throw new Error("the seed should have blocks");
    const described = describeTextRange(seedText, firstParagraph.end, origin.start);
    expect(described).toMatchObject({ ok: false, code: "WHITESPACE_ONLY" });
    if (!described.ok) expect(described.message).toMatch(/whitespace/i);
  });

  it("keeps curly quotes and counts them as single UTF-16 units", () => {
    const phrase = "“leaky gut,”";
    const start = seedText.indexOf(phrase);
    expect(start).toBeGreaterThan(0);
    const described = describeOrFail(seedText, start, start + phrase.length);
    expect(described.selectors[1]).toEqual({
      type: "TextQuoteSelector",
      exact: "“leaky gut,”",
      prefix: "Intestinal permeability, often colloquially termed ".slice(-QUOTE_CONTEXT_LENGTH),
      suffix: " is a physiological measure of t",
    });
    expect(verifyTarget(seedText, { selector: described.selectors })).toMatchObject({ ok: true });
  });

  it("round-trips describe → verify for many random ranges", () => {
    const random = seededRandom(20240601);
    let described = 0;
    for (let attempt = 0; attempt < 2000; attempt++) {
      const a = Math.floor(random() * (seedText.length + 1));
      const b = Math.floor(random() * (seedText.length + 1));
      const result = describeTextRange(seedText, Math.min(a, b), Math.max(a, b));
      if (!result.ok) {
        expect(["EMPTY_SELECTION", "WHITESPACE_ONLY"]).toContain(result.code);
        continue;
      }
      described++;
      const target = { selector: result.selectors };
      expect(AnnotationTargetSchema.safeParse(target).success).toBe(true);
      expect(verifyTarget(seedText, target)).toEqual({ ok: true, range: result.range });
      const [position, quote] = result.selectors;
      expect(quote.exact).toBe(seedText.slice(position.start, position.end));
      expect(quote.exact).toBe(quote.exact.trim());
    }
    expect(described).toBeGreaterThan(1900);
  });
});

describe("describeTextRange normalization", () => {
  it("trims leading and trailing whitespace, including non-breaking spaces", () => {
    const text = "alpha  beta\u00A0 \ngamma";
    const described = describeOrFail(text, 5, 14);
    expect(described.range).toEqual({ start: 7, end: 11 });
    expect(described.selectors[1]).toMatchObject({ exact: "beta", prefix: "alpha  ", suffix: "\u00A0 \ngamma" });
  });

  it("refuses a whitespace-only selection", () => {
    expect(describeTextRange("one   two", 3, 6)).toMatchObject({ ok: false, code: "WHITESPACE_ONLY" });
    expect(describeTextRange("one \u00A0\t two", 3, 7)).toMatchObject({ ok: false, code: "WHITESPACE_ONLY" });
  });

  it("refuses an empty selection", () => {
    expect(describeTextRange("text", 2, 2)).toMatchObject({ ok: false, code: "EMPTY_SELECTION" });
  });

  it("refuses offsets outside the text instead of clamping them", () => {
    expect(describeTextRange("text", -1, 2)).toMatchObject({ ok: false, code: "OUT_OF_RANGE" });
    expect(describeTextRange("text", 1, 5)).toMatchObject({ ok: false, code: "OUT_OF_RANGE" });
    expect(describeTextRange("text", 3, 1)).toMatchObject({ ok: false, code: "OUT_OF_RANGE" });
    expect(describeTextRange("text", 0.5, 2)).toMatchObject({ ok: false, code: "OUT_OF_RANGE" });
    expect(describeTextRange("text", Number.NaN, 2)).toMatchObject({ ok: false, code: "OUT_OF_RANGE" });
  });

  it("refuses a quote longer than the limit, after trimming", () => {
    const text = `  ${"a".repeat(MAX_QUOTE_LENGTH)}  `;
    expect(describeOrFail(text, 0, text.length).selectors[1].exact).toHaveLength(MAX_QUOTE_LENGTH);
    const longer = "a".repeat(MAX_QUOTE_LENGTH + 1);
    const refused = describeTextRange(longer, 0, longer.length);
    expect(refused).toMatchObject({ ok: false, code: "QUOTE_TOO_LONG" });
    if (!refused.ok) expect(refused.message).toContain(String(MAX_QUOTE_LENGTH));
  });

  it("uses shorter context at the edges of the text", () => {
    const text = "Short text here";
    const whole = describeOrFail(text, 0, text.length).selectors[1];
    expect(whole).toMatchObject({ exact: text, prefix: "", suffix: "" });
    const first = describeOrFail(text, 0, 5).selectors[1];
    expect(first).toMatchObject({ exact: "Short", prefix: "", suffix: " text here" });
    const last = describeOrFail(text, 11, 15).selectors[1];
    expect(last).toMatchObject({ exact: "here", prefix: "Short text ", suffix: "" });
  });

  it("takes exactly QUOTE_CONTEXT_LENGTH units of context when there is more", () => {
    const text = `${"p".repeat(100)}QUOTE${"s".repeat(100)}`;
    const quote = describeOrFail(text, 100, 105).selectors[1];
    expect(quote.prefix).toBe("p".repeat(QUOTE_CONTEXT_LENGTH));
    expect(quote.suffix).toBe("s".repeat(QUOTE_CONTEXT_LENGTH));
  });
});

describe("non-BMP characters", () => {
  const text = "Gut 🦠 flora 𝔘 text";

  it("counts UTF-16 code units, two per astral character", () => {
    expect(text.indexOf("🦠")).toBe(4);
    expect(text.indexOf("flora")).toBe(7);
    expect(text.indexOf("𝔘")).toBe(13);
    expect(text.indexOf("text")).toBe(16);
    expect(text).toHaveLength(20);
  });

  it("extends a range that ends inside 🦠 instead of splitting it", () => {
    const described = describeOrFail(text, 0, 5);
    expect(described.range).toEqual({ start: 0, end: 6 });
    expect(described.selectors[1]).toMatchObject({ exact: "Gut 🦠", prefix: "", suffix: " flora 𝔘 text" });
  });

  it("moves a start inside 𝔘 back to its first half", () => {
    const described = describeOrFail(text, 14, 20);
    expect(described.range).toEqual({ start: 13, end: 20 });
    expect(described.selectors[1].exact).toBe("𝔘 text");
  });

  it("selects a lone emoji whichever half the selection touches", () => {
    expect(describeOrFail(text, 5, 6).selectors[1].exact).toBe("🦠");
    expect(describeOrFail(text, 4, 5).selectors[1].exact).toBe("🦠");
  });

  it("shortens context by one unit rather than cut a pair at its edge", () => {
    // 31 units of "a", then 🦠: 32 units back from the quote would land inside the emoji.
    const edged = `🦠${"a".repeat(QUOTE_CONTEXT_LENGTH - 1)}QUOTE${"b".repeat(QUOTE_CONTEXT_LENGTH - 1)}🦠`;
    const start = edged.indexOf("QUOTE");
    const quote = describeOrFail(edged, start, start + 5).selectors[1];
    expect(quote.prefix).toBe("a".repeat(QUOTE_CONTEXT_LENGTH - 1));
    expect(quote.suffix).toBe("b".repeat(QUOTE_CONTEXT_LENGTH - 1));
    expect(verifyTarget(edged, targetFor(edged, start, start + 5))).toMatchObject({ ok: true });
  });

  it("never produces lone surrogates, for every possible range", () => {
    const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
    for (let start = 0; start <= text.length; start++) {
      for (let end = start; end <= text.length; end++) {
        const described = describeTextRange(text, start, end);
        if (!described.ok) continue;
        const quote = described.selectors[1];
        for (const part of [quote.exact, quote.prefix ?? "", quote.suffix ?? ""]) {
          expect(part).not.toMatch(loneSurrogate);
        }
        expect(verifyTarget(text, { selector: described.selectors })).toMatchObject({ ok: true });
      }
    }
  });
});

describe("verifyTarget", () => {
  const start = seedText.indexOf("tight junctions");
  const end = start + "tight junctions".length;
  const target = targetFor(seedText, start, end);

  it("accepts a target describeTextRange produced", () => {
    expect(verifyTarget(seedText, target)).toEqual({ ok: true, range: { start, end } });
  });

  it("refuses a quote that is not the text at the position", () => {
    const result = verifyTarget(seedText, withQuote(target, { exact: "tight junction" }));
    expect(result).toMatchObject({ ok: false, code: "QUOTE_MISMATCH" });
    if (!result.ok) expect(result.message).toContain("tight junctions");
  });

  it("refuses a position moved away from its quote", () => {
    expect(verifyTarget(seedText, withPosition(target, start + 1, end + 1))).toMatchObject({
      ok: false,
      code: "QUOTE_MISMATCH",
    });
  });

  it("refuses offsets outside the text and a start after the end", () => {
    const past = verifyTarget(seedText, withPosition(target, seedText.length - 2, seedText.length + 3));
    expect(past).toMatchObject({ ok: false, code: "OUT_OF_RANGE" });
    if (!past.ok) expect(past.message).toContain(String(seedText.length));
    expect(verifyTarget(seedText, withPosition(target, end, start))).toMatchObject({ ok: false, code: "OUT_OF_RANGE" });
    expect(verifyTarget(seedText, withPosition(target, -1, end))).toMatchObject({ ok: false, code: "OUT_OF_RANGE" });
  });

  it("refuses an empty range", () => {
    expect(verifyTarget(seedText, withPosition(target, start, start))).toMatchObject({
      ok: false,
      code: "EMPTY_SELECTION",
    });
  });

  it("refuses a whitespace-only range even when the quote matches", () => {
    const gap = seedText.indexOf(BLOCK_SEPARATOR);
    const whitespace: AnnotationTarget = {
      selector: [
        { type: "TextPositionSelector", start: gap, end: gap + 2 },
        { type: "TextQuoteSelector", exact: BLOCK_SEPARATOR },
      ],
    };
    expect(verifyTarget(seedText, whitespace)).toMatchObject({ ok: false, code: "WHITESPACE_ONLY" });
  });

  it("refuses a prefix or suffix that does not match the surrounding text", () => {
    const wrongPrefix = verifyTarget(seedText, withQuote(target, { prefix: "something else entirely " }));
    expect(wrongPrefix).toMatchObject({ ok: false, code: "QUOTE_MISMATCH" });
    if (!wrongPrefix.ok) expect(wrongPrefix.message).toMatch(/before the quote/);
    const wrongSuffix = verifyTarget(seedText, withQuote(target, { suffix: " among the cells" }));
    expect(wrongSuffix).toMatchObject({ ok: false, code: "QUOTE_MISMATCH" });
    if (!wrongSuffix.ok) expect(wrongSuffix.message).toMatch(/after the quote/);
  });

  it("accepts shorter but truthful context, or none", () => {
    const [, quote] = target.selector;
    expect(verifyTarget(seedText, withQuote(target, { prefix: quote.prefix?.slice(-5), suffix: "" }))).toMatchObject({
      ok: true,
    });
    expect(verifyTarget(seedText, withQuote(target, { prefix: undefined, suffix: undefined }))).toMatchObject({
      ok: true,
    });
  });

  it("refuses context longer than the text before the quote", () => {
    const atStart = targetFor(seedText, 0, "Intestinal".length);
    expect(verifyTarget(seedText, withQuote(atStart, { prefix: "x" }))).toMatchObject({
      ok: false,
      code: "QUOTE_MISMATCH",
    });
  });

  it("refuses a range that cuts a surrogate pair, whose quote would hold half an emoji", () => {
    const text = "Gut 🦠 flora";
    const halves: AnnotationTarget = {
      selector: [
        { type: "TextPositionSelector", start: 0, end: 5 },
        { type: "TextQuoteSelector", exact: text.slice(0, 5) },
      ],
    };
    expect(verifyTarget(text, halves)).toMatchObject({ ok: false, code: "OUT_OF_RANGE" });
  });
});

describe("the selector schemas", () => {
  it("accept a described target and reject extra or malformed fields", () => {
    const target = targetFor(seedText, 0, 10);
    expect(AnnotationTargetSchema.parse(target)).toEqual(target);
    const [position, quote] = target.selector;
    const withExtra = { selector: [{ ...position, extra: 1 }, quote] };
    expect(AnnotationTargetSchema.safeParse(withExtra).success).toBe(false);
    const swapped = { selector: [quote, position] };
    expect(AnnotationTargetSchema.safeParse(swapped).success).toBe(false);
    const fractional = { selector: [{ ...position, start: 1.5 }, quote] };
    expect(AnnotationTargetSchema.safeParse(fractional).success).toBe(false);
    const negative = { selector: [{ ...position, start: -1 }, quote] };
    expect(AnnotationTargetSchema.safeParse(negative).success).toBe(false);
    const huge = { selector: [{ ...position, end: 10_000_001 }, quote] };
    expect(AnnotationTargetSchema.safeParse(huge).success).toBe(false);
  });

  it("bound the quote and its context", () => {
    const quote = { type: "TextQuoteSelector", exact: "x" };
    expect(TextQuoteSelectorSchema.safeParse(quote).success).toBe(true);
    expect(TextQuoteSelectorSchema.safeParse({ ...quote, exact: "" }).success).toBe(false);
    expect(TextQuoteSelectorSchema.safeParse({ ...quote, exact: "x".repeat(MAX_QUOTE_LENGTH + 1) }).success).toBe(false);
    expect(TextQuoteSelectorSchema.safeParse({ ...quote, prefix: "p".repeat(64) }).success).toBe(true);
    expect(TextQuoteSelectorSchema.safeParse({ ...quote, prefix: "p".repeat(65) }).success).toBe(false);
    expect(TextQuoteSelectorSchema.safeParse({ ...quote, suffix: "s".repeat(65) }).success).toBe(false);
  });
});

describe("ProseMirror selection offsets", () => {
  it("maps positions to offsets one lower, clamped and ordered", () => {
    expect(textRangeFromProseMirrorSelection(1, 5, 100)).toEqual({ start: 0, end: 4 });
    expect(textRangeFromProseMirrorSelection(9, 3, 100)).toEqual({ start: 2, end: 8 });
    expect(textRangeFromProseMirrorSelection(0, 500, 100)).toEqual({ start: 0, end: 100 });
    expect(proseMirrorRangeFromText(0, 4)).toEqual({ from: 1, to: 5 });
  });

  it("round-trips a selection from the end of one block to the start of the next", () => {
    const [firstParagraph, origin] = seed.blocks;
    if (!firstParagraph || !origin) throw new Error("the seed should have blocks");
    const { from, to } = proseMirrorRangeFromText(firstParagraph.end - 5, origin.end);
    const range = textRangeFromProseMirrorSelection(from, to, seedText.length);
    expect(seedText.slice(range.start, range.end)).toBe(`tion.${BLOCK_SEPARATOR}Origin`);
  });
});
