// Unit tests for the interval index (against a brute-force oracle on random data) and for
// mergeRanges, which paints one highlight per color.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type IdentifiedRange, IntervalIndex, mergeRanges } from "@/lib/anchoring/interval-index";
import type { TextRange } from "@/lib/anchoring/selectors";

type NumberedRange = IdentifiedRange<number>;

/** The oracle: a linear scan, in the index's documented order (start, end, input order). */
function bruteForceOverlapping(ranges: readonly NumberedRange[], start: number, end: number): number[] {
  // An empty query shares no character with anything.
  if (start >= end) return [];
  return ranges
    .filter((range) => range.start < end && start < range.end && range.start < range.end)
    .sort((a, b) => a.start - b.start || a.end - b.end || a.id - b.id)
    .map((range) => range.id);
}

function numbered(spans: readonly (readonly [number, number])[]): NumberedRange[] {
  return spans.map(([start, end], id) => ({ id, start, end }));
}

/** A small deterministic PRNG (mulberry32) for data too large to generate with fast-check. */
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

const spanArbitrary = (maxOffset: number) =>
  fc.tuple(fc.nat(maxOffset), fc.nat(maxOffset)).map(([a, b]) => [Math.min(a, b), Math.max(a, b)] as const);

describe("IntervalIndex", () => {
  it("finds every range covering a character, start inclusive and end exclusive", () => {
    const index = new IntervalIndex([
      { id: "a", start: 0, end: 10 },
      { id: "b", start: 5, end: 6 },
      { id: "c", start: 10, end: 12 },
      { id: "empty", start: 7, end: 7 },
    ]);
    expect(index.size).toBe(3);
    expect(index.at(0)).toEqual(["a"]);
    expect(index.at(5)).toEqual(["a", "b"]);
    expect(index.at(6)).toEqual(["a"]);
    expect(index.at(7)).toEqual(["a"]);
    expect(index.at(10)).toEqual(["c"]);
    expect(index.at(12)).toEqual([]);
    expect(index.overlapping(9, 11)).toEqual(["a", "c"]);
    expect(index.overlapping(10, 10)).toEqual([]);
    expect(index.overlapping(12, 20)).toEqual([]);
  });

  it("answers nothing when empty", () => {
    const index = new IntervalIndex<string>([]);
    expect(index.size).toBe(0);
    expect(index.at(0)).toEqual([]);
    expect(index.overlapping(0, 100)).toEqual([]);
  });

  it("reports identical ranges once each, in input order", () => {
    const index = new IntervalIndex([
      { id: "second", start: 3, end: 8 },
      { id: "first", start: 1, end: 8 },
      { id: "third", start: 3, end: 8 },
    ]);
    expect(index.at(4)).toEqual(["first", "second", "third"]);
  });

  it("does not change when the input array changes afterwards", () => {
    const ranges = [{ id: "a", start: 0, end: 4 }];
    const index = new IntervalIndex(ranges);
    ranges.push({ id: "b", start: 0, end: 4 });
    (ranges[0] as { end: number }).end = 1;
    expect(index.at(2)).toEqual(["a"]);
  });

  it("agrees with a brute-force scan on random ranges and queries", () => {
    fc.assert(
      fc.property(
        fc.array(spanArbitrary(200), { maxLength: 120 }),
        fc.array(spanArbitrary(220), { minLength: 1, maxLength: 30 }),
        (spans, queries) => {
          const ranges = numbered(spans);
          const index = new IntervalIndex(ranges);
          for (const [start, end] of queries) {
            expect(index.overlapping(start, end)).toEqual(bruteForceOverlapping(ranges, start, end));
            expect(index.at(start)).toEqual(bruteForceOverlapping(ranges, start, start + 1));
          }
        },
      ),
      { seed: 424242, numRuns: 300 },
    );
  });

  // Speed is measured in bench/, never asserted here (shared, noisy machines).
  it("answers correctly over 20,000 ranges, including deep nesting", () => {
    const count = 20_000;
    const nested = Array.from({ length: count }, (_, id) => ({ id, start: id, end: 2 * count - id }));
    const random = seededRandom(7);
    const scattered = Array.from({ length: count }, (_, i) => {
      const start = Math.floor(random() * 1_000_000);
      return { id: count + i, start, end: start + 1 + Math.floor(random() * 2000) };
    });
    const ranges = [...nested, ...scattered];

    const index = new IntervalIndex(ranges);
    let reported = 0;
    for (let offset = 0; offset < 2000; offset++) reported += index.at(offset * 500).length;

    expect(index.at(count - 1)).toHaveLength(count + bruteForceOverlapping(scattered, count - 1, count).length);
    expect(index.at(count * 3)).toEqual(bruteForceOverlapping(ranges, count * 3, count * 3 + 1));
    expect(reported).toBeGreaterThan(0);
  });
});

describe("mergeRanges", () => {
  it("merges nested, identical, overlapping and touching ranges", () => {
    const ranges: TextRange[] = [
      { start: 20, end: 30 },
      { start: 0, end: 10 },
      { start: 2, end: 4 },
      { start: 0, end: 10 },
      { start: 10, end: 12 },
      { start: 25, end: 35 },
      { start: 40, end: 41 },
    ];
    expect(mergeRanges(ranges)).toEqual([
      { start: 0, end: 12 },
      { start: 20, end: 35 },
      { start: 40, end: 41 },
    ]);
  });

  it("drops empty ranges and leaves its input untouched", () => {
    const ranges: TextRange[] = [
      { start: 5, end: 5 },
      { start: 3, end: 4 },
      { start: 1, end: 2 },
    ];
    const snapshot = structuredClone(ranges);
    expect(mergeRanges(ranges)).toEqual([
      { start: 1, end: 2 },
      { start: 3, end: 4 },
    ]);
    expect(ranges).toEqual(snapshot);
    expect(mergeRanges([])).toEqual([]);
  });

  it("covers exactly the characters the ranges cover, with disjoint sorted pieces", () => {
    fc.assert(
      fc.property(fc.array(spanArbitrary(100), { maxLength: 40 }), (spans) => {
        const ranges = spans.map(([start, end]) => ({ start, end }));
        const merged = mergeRanges(ranges);
        for (let offset = 0; offset <= 100; offset++) {
          const covered = ranges.some((range) => range.start <= offset && offset < range.end);
          expect(merged.some((range) => range.start <= offset && offset < range.end)).toBe(covered);
        }
        merged.forEach((range, i) => {
          expect(range.end).toBeGreaterThan(range.start);
          const next = merged[i + 1];
          if (next) expect(next.start).toBeGreaterThan(range.end);
        });
      }),
      { seed: 1337, numRuns: 300 },
    );
  });
});
