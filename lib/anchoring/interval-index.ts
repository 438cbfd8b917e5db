// Finds which annotation ranges cover a character or overlap a span of the text (for hover,
// click and viewport queries), and merges ranges into a minimal union for painting highlights.
import type { TextRange } from "./selectors";

export type IdentifiedRange<Id = string> = { id: Id; start: number; end: number };

/*
 * How the queries stay O(log n + k). Ranges are sorted by start. Every range that overlaps
 * [qs, qe) starts before qe, so the candidates are a prefix of the sorted array (one binary
 * search); among them we need exactly those whose end exceeds qs. A sparse table answers
 * "which range in this slice of the array ends last?" in O(1). If that range ends after qs we
 * report it and search the two slices on either side of it; otherwise nothing in the slice can
 * match and we stop. Every probe either reports a range or ends a branch that a report opened,
 * so a query costs one binary search plus O(1) per result. Results come out in array order
 * (by start, then end, then input order) because the left slice is always searched first.
 *
 * The sparse table takes n·log2(n) 32-bit integers: about 1.2 MB for 20,000 ranges.
 */
export class IntervalIndex<Id = string> {
  private readonly ids: readonly Id[];
  private readonly starts: Float64Array;
  private readonly ends: Float64Array;
  // latestEndAt[level][i] = index of the range ending last among indices i .. i + 2^level - 1.
  private readonly latestEndAt: readonly Int32Array[];

  /** Ranges that cover no character (end <= start) are left out: nothing can hit them. */
  constructor(ranges: readonly IdentifiedRange<Id>[]) {
    const sorted = ranges
      .map((range, order) => ({ range, order }))
      .filter(({ range }) => range.end > range.start)
      .sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end || a.order - b.order)
      .map(({ range }) => range);
    this.ids = sorted.map((range) => range.id);
    this.starts = Float64Array.from(sorted, (range) => range.start);
    this.ends = Float64Array.from(sorted, (range) => range.end);
    this.latestEndAt = buildSparseTable(this.ends);
  }

  get size(): number {
    return this.ids.length;
  }

  /** Ids of every range covering the character at `offset` (start <= offset < end), in document order. */
  at(offset: number): Id[] {
    return this.overlapping(offset, offset + 1);
  }

  /** Ids of every range sharing at least one character with [start, end), in document order. */
  overlapping(start: number, end: number): Id[] {
    if (!(end > start)) return [];
    const candidates = firstIndexAtOrAfter(this.starts, end);
    return this.reportEndingAfter(start, candidates);
  }

  // In-order walk over slices with an explicit stack: deeply nested ranges would otherwise
  // recurse once per result and could overflow the call stack.
  private reportEndingAfter(threshold: number, count: number): Id[] {
    const found: Id[] = [];
    const EMIT = -1;
    const stack: number[] = [0, count];
    while (stack.length > 0) {
      const hi = stack.pop() as number;
      const lo = stack.pop() as number;
      if (hi === EMIT) {
        found.push(this.ids[lo] as Id);
        continue;
      }
      if (lo >= hi) continue;
      const latest = this.indexOfLatestEnd(lo, hi);
      if ((this.ends[latest] as number) <= threshold) continue;
      stack.push(latest + 1, hi, latest, EMIT, lo, latest);
    }
    return found;
  }

  private indexOfLatestEnd(lo: number, hi: number): number {
    const level = 31 - Math.clz32(hi - lo);
    const row = this.latestEndAt[level] as Int32Array;
    const left = row[lo] as number;
    const right = row[hi - (1 << level)] as number;
    return (this.ends[right] as number) > (this.ends[left] as number) ? right : left;
  }
}

function buildSparseTable(ends: Float64Array): Int32Array[] {
  const n = ends.length;
  const levels: Int32Array[] = [Int32Array.from({ length: n }, (_, index) => index)];
  for (let width = 2; width <= n; width *= 2) {
    const previous = levels[levels.length - 1] as Int32Array;
    const half = width / 2;
    const row = new Int32Array(n - width + 1);
    for (let i = 0; i < row.length; i++) {
      const left = previous[i] as number;
      const right = previous[i + half] as number;
      row[i] = (ends[right] as number) > (ends[left] as number) ? right : left;
    }
    levels.push(row);
  }
  return levels;
}

/** Binary search: the number of sorted values below `value`. */
function firstIndexAtOrAfter(sorted: Float64Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The union of [start, end) ranges as sorted, disjoint ranges. Overlapping, nested, identical
 * and touching ranges ([0,5) and [5,8) become [0,8)) merge, so each color paints one
 * continuous highlight; empty ranges vanish.
 */
export function mergeRanges(ranges: readonly TextRange[]): TextRange[] {
  let lastEnd = 0;
  let countable = true;
  for (const range of ranges) {
    if (!(range.end > range.start)) continue;
    if (range.start < 0 || !Number.isInteger(range.start) || !Number.isInteger(range.end)) countable = false;
    lastEnd = Math.max(lastEnd, range.end);
  }
  // Thousands of highlights on a text of a few thousand characters: counting coverage per
  // offset is linear and several times quicker than sorting. A few ranges on a long text:
  // sorting is.
  return countable && lastEnd <= ranges.length * 16 ? mergeByCoverage(ranges, lastEnd) : mergeBySorting(ranges);
}

function mergeByCoverage(ranges: readonly TextRange[], lastEnd: number): TextRange[] {
  const delta = new Int32Array(lastEnd + 1);
  for (const range of ranges) {
    if (!(range.end > range.start)) continue;
    delta[range.start]! += 1;
    delta[range.end]! -= 1;
  }
  const merged: TextRange[] = [];
  let depth = 0;
  let openedAt = -1;
  for (let offset = 0; offset <= lastEnd; offset++) {
    depth += delta[offset] as number;
    if (depth > 0 && openedAt < 0) openedAt = offset;
    else if (depth === 0 && openedAt >= 0) {
      merged.push({ start: openedAt, end: offset });
      openedAt = -1;
    }
  }
  return merged;
}

function mergeBySorting(ranges: readonly TextRange[]): TextRange[] {
  const sorted = ranges.filter((range) => range.end > range.start).sort((a, b) => a.start - b.start);
  const merged: TextRange[] = [];
  for (const range of sorted) {
    const last = merged[merged.length - 1];
    if (last !== undefined && range.start <= last.end) {
      last.end = Math.max(last.end, range.end);
    } else {
      merged.push({ start: range.start, end: range.end });
    }
  }
  return merged;
}
