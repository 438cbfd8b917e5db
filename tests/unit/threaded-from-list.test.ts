// Threading the server's list a few threads at a time, as it arrives, must give exactly
// what threading the whole list at once gives (threadAnnotations): checked on random
// forests cut into random batches, and on lists a thread-at-a-time build cannot trust.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { AnnotationDto } from "@/lib/api/annotations";
import { flattenThreads, threadsFrom, type AnnotationThread, type FlatAnnotation } from "@/lib/annotations/annotation-store";
import { threadedFromList } from "@/lib/annotations/threaded-from-list";
import { threadAnnotations } from "@/lib/annotations/update-threads";
import { arbitraryAnnotation, flatAnnotation, span } from "./fixtures/random-annotations";

/** What the server sends: the same threading (lib/annotations/build-threads), as nested DTOs. */
function listed(annotations: Iterable<FlatAnnotation>): AnnotationDto[] {
  const toDto = ({ selectors, replies, orphaned: _orphaned, target: _span, pending: _pending, ...fields }: AnnotationThread): AnnotationDto => ({
    ...fields,
    target: selectors,
    replies: replies.map(toDto),
  });
  return threadsFrom(annotations).map(toDto);
}

/** The old way: the whole list flattened into one map, threaded at once. */
function threadedAtOnce(items: AnnotationDto[]) {
  return threadAnnotations(new Map(flattenThreads(items).map((item) => [item.id, item])));
}

function threadedInBatches(items: AnnotationDto[], sizes: number[]) {
  const threading = threadedFromList();
  let next = 0;
  for (const size of sizes) {
    threading.add(items.slice(next, next + size));
    next += size;
  }
  threading.add(items.slice(next));
  return threading.finish();
}

const ids = Array.from({ length: 14 }, (_, index) => `id-${String(index).padStart(2, "0")}`);
const randomAnnotation = arbitraryAnnotation(ids);

describe("threadedFromList", () => {
  it("gives what threading the whole list at once gives, however the list is cut", () => {
    fc.assert(
      fc.property(fc.array(randomAnnotation, { maxLength: 14 }), fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 6 }), (generated, sizes) => {
        const map = new Map(generated.map((item) => [item.id, item]));
        const items = listed(map.values());
        const expected = threadedAtOnce(items);
        const actual = threadedInBatches(items, sizes);
        expect(actual.threads).toEqual(expected.threads);
        expect(actual.annotations).toEqual(expected.annotations);
        expect(actual.repliesTo).toEqual(expected.repliesTo);
      }),
      { numRuns: 500 },
    );
  });

  it("keeps incremental updates working on what it built", () => {
    const items = listed([flatAnnotation("a", { target: span(0, 2) }), flatAnnotation("b", { target: span(3, 4) })]);
    const built = threadedInBatches(items, [1]);
    const next = new Map(built.annotations).set("c", flatAnnotation("c", { parentId: "a" }));
    expect(threadAnnotations(next, built, ["c"]).threads).toEqual(threadsFrom(next.values()));
  });

  it("falls back to one full build for a list it cannot trust", () => {
    const a = flatAnnotation("a", { target: span(4, 6) });
    const b = flatAnnotation("b", { target: span(0, 2) });
    const reply = flatAnnotation("r", { parentId: "a", createdAt: "2026-01-01T00:01:00.000Z" });
    const toDto = (item: FlatAnnotation, replies: AnnotationDto[] = []): AnnotationDto => ({ ...item, replies });
    const untrusted: AnnotationDto[][] = [
      // Out of document order.
      [toDto(a), toDto(b)],
      // A reply listed as a thread of its own although its parent is listed too.
      [toDto(a), toDto(reply)],
      // The same annotation twice.
      [toDto(b), toDto(a, [toDto(reply)]), toDto(reply)],
    ];
    for (const items of untrusted) expect(threadedInBatches(items, [1]).threads).toEqual(threadedAtOnce(items).threads);
  });
});
