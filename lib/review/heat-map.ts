// The review page's heat map: how many annotations cover each stretch of the text, and
// with which tags, as non-overlapping segments. Pure, so the server (from ranges grouped
// in Postgres) and the tests share one definition of a segment.

/** One annotated passage; `weight` counts identical passages grouped by the database (default 1). */
export type HeatRange = { start: number; end: number; tags: readonly string[]; weight?: number };

/** A stretch of text covered by the same annotations throughout: [start, end), count > 0. */
export type HeatSegment = { start: number; end: number; count: number; byTag: Record<string, number> };

type Boundary = { at: number; delta: number; tags: readonly string[] };

/*
 * A sweep over the range boundaries: +weight where a range starts, -weight where it ends,
 * with the running total per tag alongside. Between two consecutive boundary positions the
 * coverage cannot change, so each such gap with any coverage is one segment. Neighbouring
 * segments that end up identical (one range ends exactly where an equal one starts) are
 * merged: the shading is the same, and the client finds a passage's threads by position.
 * Empty and inverted ranges cover no character and are ignored.
 */
export function computeHeatSegments(ranges: readonly HeatRange[]): HeatSegment[] {
  const boundaries: Boundary[] = [];
  for (const range of ranges) {
    const weight = range.weight ?? 1;
    if (range.end <= range.start || weight <= 0) continue;
    const tags = [...new Set(range.tags)];
    boundaries.push({ at: range.start, delta: weight, tags }, { at: range.end, delta: -weight, tags });
  }
  boundaries.sort((a, b) => a.at - b.at);

  const segments: HeatSegment[] = [];
  const byTag = new Map<string, number>();
  let count = 0;
  for (let index = 0; index < boundaries.length; ) {
    const at = boundaries[index]!.at;
    while (index < boundaries.length && boundaries[index]!.at === at) {
      const boundary = boundaries[index]!;
      count += boundary.delta;
      for (const tag of boundary.tags) {
        const next = (byTag.get(tag) ?? 0) + boundary.delta;
        if (next === 0) byTag.delete(tag);
        else byTag.set(tag, next);
      }
      index += 1;
    }
    const nextAt = boundaries[index]?.at;
    if (nextAt === undefined || count === 0) continue;
    appendSegment(segments, { start: at, end: nextAt, count, byTag: Object.fromEntries([...byTag].sort(([a], [b]) => a.localeCompare(b))) });
  }
  return segments;
}

function appendSegment(segments: HeatSegment[], segment: HeatSegment) {
  const previous = segments.at(-1);
  if (previous && previous.end === segment.start && previous.count === segment.count && sameTagCounts(previous.byTag, segment.byTag)) {
    previous.end = segment.end;
    return;
  }
  segments.push(segment);
}

function sameTagCounts(left: Record<string, number>, right: Record<string, number>): boolean {
  const leftKeys = Object.keys(left);
  return leftKeys.length === Object.keys(right).length && leftKeys.every((tag) => left[tag] === right[tag]);
}

/** The segments as one tag sees them: only where that tag is present, its count as the heat. */
export function segmentsForTag(segments: readonly HeatSegment[], tag: string): HeatSegment[] {
  const filtered: HeatSegment[] = [];
  for (const segment of segments) {
    const count = segment.byTag[tag];
    if (count === undefined) continue;
    appendSegment(filtered, { start: segment.start, end: segment.end, count, byTag: { [tag]: count } });
  }
  return filtered;
}

/** The highest count among segments (0 for none), to scale the shading. */
export function maxHeat(segments: readonly HeatSegment[]): number {
  return segments.reduce((max, segment) => Math.max(max, segment.count), 0);
}

/** A stretch of one block of text: shaded (with its segment) or plain. */
export type HeatRun = { start: number; end: number; segment: HeatSegment | null };

/**
 * Cuts one block [blockStart, blockEnd) of the text into runs, shaded where segments
 * cover it, so the review page can render the text itself with its heat. Segments must
 * be sorted and non-overlapping, as computeHeatSegments returns them.
 */
export function heatRunsInBlock(blockStart: number, blockEnd: number, segments: readonly HeatSegment[]): HeatRun[] {
  const runs: HeatRun[] = [];
  let at = blockStart;
  for (const segment of segments) {
    if (segment.end <= blockStart || segment.start >= blockEnd) continue;
    const start = Math.max(segment.start, blockStart);
    const end = Math.min(segment.end, blockEnd);
    if (start > at) runs.push({ start: at, end: start, segment: null });
    runs.push({ start, end, segment });
    at = end;
  }
  if (at < blockEnd) runs.push({ start: at, end: blockEnd, segment: null });
  return runs;
}
