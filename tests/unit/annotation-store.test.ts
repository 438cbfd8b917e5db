// The reader's client-side views: flattening server threads, rebuilding them, the
// painted highlight spans and the sidebar filters.
import { describe, expect, it } from "vitest";
import type { AnnotationDto } from "@/lib/api/annotations";
import { flattenThreads, highlightSpans, threadsFrom } from "@/lib/annotations/annotation-store";
import { filterThreads, isFilterActive } from "@/lib/annotations/filter-threads";
import { annotationDto } from "./fixtures/random-annotations";

let clock = 0;
function annotation(partial: Partial<AnnotationDto> & { id: string }): AnnotationDto {
  clock += 1;
  const at = new Date(Date.UTC(2026, 0, 1, 0, 0, clock)).toISOString();
  return annotationDto(partial.id, { createdAt: at, updatedAt: at, ...partial });
}

function target(start: number, end: number, exact = "x".repeat(end - start)): AnnotationDto["target"] {
  return { selector: [{ type: "TextPositionSelector", start, end }, { type: "TextQuoteSelector", exact, prefix: "", suffix: "" }] };
}

const body = (text: string) => ({ format: "tiptap" as const, doc: {}, html: `<p>${text}</p>`, text });

const server: AnnotationDto[] = [
  annotation({ id: "page", body: body("About the whole text") }),
  annotation({
    id: "a",
    kind: "note",
    target: target(10, 20, "tight junc"),
    color: "blue",
    tags: ["mechanism"],
    body: body("zonulin"),
    replies: [annotation({ id: "a1", parentId: "a", author: { id: "ben", name: "Ben" }, body: body("occludin too") })],
  }),
  annotation({ id: "b", kind: "highlight", target: target(5, 12), color: "pink", groupId: null, resolved: true }),
];

describe("annotation store", () => {
  it("flattens and rebuilds the same threads in document order", () => {
    const flat = flattenThreads(server);
    expect(flat.map((item) => item.id).sort()).toEqual(["a", "a1", "b", "page"]);
    const threads = threadsFrom(flat);
    expect(threads.map((thread) => thread.id)).toEqual(["page", "b", "a"]);
    expect(threads[2]!.replies.map((reply) => reply.id)).toEqual(["a1"]);
  });

  it("paints every live root that has a passage, with its color", () => {
    const threads = threadsFrom(flattenThreads(server));
    expect(highlightSpans(threads)).toEqual([
      { id: "b", start: 5, end: 12, color: "pink" },
      { id: "a", start: 10, end: 20, color: "blue" },
    ]);
  });

  it("does not paint a deleted root kept for its replies", () => {
    const flat = flattenThreads(server).map((item) => (item.id === "a" ? { ...item, deleted: true } : item));
    expect(highlightSpans(threadsFrom(flat)).map((span) => span.id)).toEqual(["b"]);
  });
});

describe("thread filters", () => {
  const threads = threadsFrom(flattenThreads(server));
  const ids = (filter: Parameters<typeof filterThreads>[1]) => filterThreads(threads, filter).map((thread) => thread.id);

  it("filters by tag, author, kind, resolved state and visibility", () => {
    expect(ids({ tag: "mechanism" })).toEqual(["a"]);
    expect(ids({ kind: "highlight" })).toEqual(["b"]);
    expect(ids({ resolved: true })).toEqual(["b"]);
    expect(ids({ resolved: false })).toEqual(["page", "a"]);
    expect(ids({ visibility: "private" })).toEqual(["b"]);
    expect(ids({ visibility: "g" })).toEqual(["page", "a"]);
    expect(ids({ authorId: "ben" })).toEqual([]);
  });

  it("searches bodies, quotes and replies, case-insensitively", () => {
    expect(ids({ query: "OCCLUDIN" })).toEqual(["a"]);
    expect(ids({ query: "tight junc" })).toEqual(["a"]);
    expect(ids({ query: "whole text" })).toEqual(["page"]);
    expect(ids({ query: "  " })).toEqual(["page", "b", "a"]);
  });

  it("knows when any filter is on", () => {
    expect(isFilterActive({})).toBe(false);
    expect(isFilterActive({ query: "" })).toBe(false);
    expect(isFilterActive({ tag: "mechanism" })).toBe(true);
  });
});
