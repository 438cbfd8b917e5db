// The heat map's segments: hand-picked cases (boundaries, nesting, identical ranges,
// adjacency) and properties checked against a per-character oracle on random ranges.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeHeatSegments, heatRunsInBlock, maxHeat, segmentsForTag, type HeatRange } from "@/lib/review/heat-map";

const range = (start: number, end: number, ...tags: string[]): HeatRange => ({ start, end, tags });

describe("computeHeatSegments", () => {
  it("gives nothing for no ranges, and ignores empty and inverted ranges", () => {
    expect(computeHeatSegments([])).toEqual([]);
    expect(computeHeatSegments([range(5, 5), range(9, 3)])).toEqual([]);
  });

  it("gives one segment for one range", () => {
    expect(computeHeatSegments([range(2, 7, "question")])).toEqual([{ start: 2, end: 7, count: 1, byTag: { question: 1 } }]);
  });

  it("splits partly overlapping ranges at every boundary", () => {
    expect(computeHeatSegments([range(0, 10, "a"), range(5, 15, "b")])).toEqual([
      { start: 0, end: 5, count: 1, byTag: { a: 1 } },
      { start: 5, end: 10, count: 2, byTag: { a: 1, b: 1 } },
      { start: 10, end: 15, count: 1, byTag: { b: 1 } },
    ]);
  });

  it("handles nesting, including a range sharing its outer range's start or end", () => {
    expect(computeHeatSegments([range(0, 20, "a"), range(5, 10), range(0, 3, "a"), range(15, 20, "b")])).toEqual([
      { start: 0, end: 3, count: 2, byTag: { a: 2 } },
      { start: 3, end: 5, count: 1, byTag: { a: 1 } },
      { start: 5, end: 10, count: 2, byTag: { a: 1 } },
      { start: 10, end: 15, count: 1, byTag: { a: 1 } },
      { start: 15, end: 20, count: 2, byTag: { a: 1, b: 1 } },
    ]);
  });

  it("adds up identical ranges, and grouped weights count the same as repeats", () => {
    const repeated = computeHeatSegments([range(4, 8, "q"), range(4, 8, "q"), range(4, 8)]);
    expect(repeated).toEqual([{ start: 4, end: 8, count: 3, byTag: { q: 2 } }]);
    expect(computeHeatSegments([{ start: 4, end: 8, tags: ["q"], weight: 2 }, range(4, 8)])).toEqual(repeated);
  });

  it("leaves gaps uncovered and keeps touching ranges with different tags apart", () => {
    expect(computeHeatSegments([range(0, 3, "a"), range(3, 6, "b"), range(10, 12)])).toEqual([
      { start: 0, end: 3, count: 1, byTag: { a: 1 } },
      { start: 3, end: 6, count: 1, byTag: { b: 1 } },
      { start: 10, end: 12, count: 1, byTag: {} },
    ]);
  });

  it("merges touching ranges that look the same", () => {
    expect(computeHeatSegments([range(0, 3, "a"), range(3, 6, "a")])).toEqual([{ start: 0, end: 6, count: 1, byTag: { a: 1 } }]);
  });

  it("counts a tag listed twice on one annotation once", () => {
    expect(computeHeatSegments([range(0, 2, "a", "a")])).toEqual([{ start: 0, end: 2, count: 1, byTag: { a: 1 } }]);
  });
});

describe("segmentsForTag and maxHeat", () => {
  it("keeps only where the tag is present, with its own count", () => {
    const segments = computeHeatSegments([range(0, 10, "a"), range(5, 15, "b"), range(8, 12, "b")]);
    expect(segmentsForTag(segments, "b")).toEqual([
      { start: 5, end: 8, count: 1, byTag: { b: 1 } },
      { start: 8, end: 12, count: 2, byTag: { b: 2 } },
      { start: 12, end: 15, count: 1, byTag: { b: 1 } },
    ]);
    expect(segmentsForTag(segments, "missing")).toEqual([]);
    expect(maxHeat(segments)).toBe(3);
    expect(maxHeat([])).toBe(0);
  });
});

// ---- Properties against a per-character oracle -------------------------------------------

const TAGS = ["a", "b", "c"];
const arbitraryRange = fc
  .record({ start: fc.nat(40), length: fc.integer({ min: -2, max: 15 }), tags: fc.subarray(TAGS) })
  .map(({ start, length, tags }) => range(start, start + length, ...tags));

function coverageAt(ranges: readonly HeatRange[], at: number) {
  const covering = ranges.filter((r) => r.start <= at && at < r.end);
  const byTag: Record<string, number> = {};
  for (const r of covering) for (const tag of r.tags) byTag[tag] = (byTag[tag] ?? 0) + 1;
  return { count: covering.length, byTag };
}

describe("computeHeatSegments properties", () => {
  it("agrees with counting the ranges over every character", () => {
    fc.assert(
      fc.property(fc.array(arbitraryRange, { maxLength: 12 }), (ranges) => {
        const segments = computeHeatSegments(ranges);
        for (let at = 0; at < 60; at++) {
          const expected = coverageAt(ranges, at);
          const segment = segments.find((s) => s.start <= at && at < s.end);
          if (expected.count === 0) expect(segment).toBeUndefined();
          else expect({ count: segment?.count, byTag: segment?.byTag }).toEqual(expected);
        }
      }),
    );
  });

  it("gives sorted, non-empty, non-overlapping segments with no identical neighbours", () => {
    fc.assert(
      fc.property(fc.array(arbitraryRange, { maxLength: 12 }), (ranges) => {
        const segments = computeHeatSegments(ranges);
        segments.forEach((segment, index) => {
          expect(segment.end).toBeGreaterThan(segment.start);
          expect(segment.count).toBeGreaterThan(0);
          const previous = segments[index - 1];
          if (!previous) return;
          expect(segment.start).toBeGreaterThanOrEqual(previous.end);
          const identical = previous.end === segment.start && previous.count === segment.count && JSON.stringify(previous.byTag) === JSON.stringify(segment.byTag);
          expect(identical).toBe(false);
        });
      }),
    );
  });
});

describe("heatRunsInBlock", () => {
  const segments = computeHeatSegments([range(2, 6, "a"), range(4, 12), range(20, 30)]);

  it("cuts a block into plain and shaded runs, clipping segments at the block's edges", () => {
    expect(heatRunsInBlock(0, 10, segments).map((run) => [run.start, run.end, run.segment?.count ?? 0])).toEqual([
      [0, 2, 0],
      [2, 4, 1],
      [4, 6, 2],
      [6, 10, 1],
    ]);
    expect(heatRunsInBlock(10, 25, segments).map((run) => [run.start, run.end, run.segment?.count ?? 0])).toEqual([
      [10, 12, 1],
      [12, 20, 0],
      [20, 25, 1],
    ]);
  });

  it("gives one plain run for a block no segment touches", () => {
    expect(heatRunsInBlock(12, 20, segments)).toEqual([{ start: 12, end: 20, segment: null }]);
  });
});
