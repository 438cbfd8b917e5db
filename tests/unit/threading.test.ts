// Unit tests for threading: nesting replies at any depth, document order of roots, page notes
// first, deleted parents kept as tombstones, orphaned replies and corrupt parent cycles.
import { describe, expect, it } from "vitest";
import { buildThreads, countReplies, type Thread } from "@/lib/annotations/build-threads";

type Note = {
  id: string;
  parentId: string | null;
  createdAt: string;
  target: { start: number; end: number } | null;
  deleted?: boolean;
  body: string;
};

let clock = 0;
/** Annotations created in call order, one minute apart, unless a time is given. */
function note(id: string, fields: Partial<Omit<Note, "id">> = {}): Note {
  clock++;
  return {
    id,
    parentId: null,
    createdAt: new Date(Date.UTC(2025, 0, 1, 0, clock)).toISOString(),
    target: null,
    body: `body of ${id}`,
    ...fields,
  };
}

const at = (start: number, end: number) => ({ target: { start, end } });
const replyTo = (parentId: string) => ({ parentId });

/** The shape of a forest as nested ids, for readable expectations. */
type Shape = string | [string, Shape[]];
function shape(threads: readonly Thread<Note>[]): Shape[] {
  return threads.map((thread) => (thread.replies.length === 0 ? thread.id : [thread.id, shape(thread.replies)]));
}

describe("buildThreads", () => {
  it("nests replies at any depth, oldest first, and keeps every field", () => {
    const root = note("root", at(10, 20));
    const first = note("first", replyTo("root"));
    const second = note("second", replyTo("root"));
    const deep = note("deep", replyTo("first"));
    const deeper = note("deeper", replyTo("deep"));
    // Given newest first, as a database query ordered by createdAt desc would.
    const threads = buildThreads([deeper, second, deep, first, root]);

    expect(shape(threads)).toEqual([["root", [["first", [["deep", ["deeper"]]]], "second"]]]);
    const [thread] = threads;
    expect(thread?.body).toBe("body of root");
    expect(thread?.orphaned).toBe(false);
    expect(thread && countReplies(thread)).toBe(4);
  });

  it("orders roots: page notes first by age, then by start, end, age and id", () => {
    const laterPageNote = note("page-late");
    const wide = note("wide", at(5, 50));
    const narrow = note("narrow", at(5, 9));
    const first = note("first", at(0, 3));
    const twinB = note("twin-b", { ...at(60, 70), createdAt: "2025-06-01T00:00:00Z" });
    const twinA = note("twin-a", { ...at(60, 70), createdAt: "2025-06-01T02:00:00.000+02:00" });
    const older = note("older", { ...at(60, 70), createdAt: "2024-06-01T00:00:00Z" });
    const earlyPageNote = note("page-early", { createdAt: "2020-01-01T00:00:00Z" });

    const threads = buildThreads([laterPageNote, wide, narrow, first, twinB, twinA, older, earlyPageNote]);
    expect(shape(threads)).toEqual([
      "page-early",
      "page-late",
      "first",
      "narrow",
      "wide",
      "older",
      // The same instant written two ways: a tie, settled by id.
      "twin-a",
      "twin-b",
    ]);
  });

  it("compares timestamps as instants, not strings", () => {
    const utc = note("utc", { ...at(0, 1), createdAt: "2025-01-01T10:00:00Z" });
    const offset = note("offset", { ...at(0, 1), createdAt: "2025-01-01T11:30:00+02:00" });
    expect(shape(buildThreads([utc, offset]))).toEqual(["offset", "utc"]);
  });

  it("keeps a deleted parent as a tombstone while it has live replies", () => {
    const root = note("root", { ...at(0, 5), deleted: true });
    const reply = note("reply", replyTo("root"));
    const deletedMiddle = note("middle", { ...replyTo("root"), deleted: true });
    const underMiddle = note("under-middle", replyTo("middle"));

    const threads = buildThreads([root, reply, deletedMiddle, underMiddle]);
    expect(shape(threads)).toEqual([["root", ["reply", ["middle", ["under-middle"]]]]]);
    expect(threads[0]?.deleted).toBe(true);
    // Tombstones are not replies anyone can read.
    expect(threads[0] && countReplies(threads[0])).toBe(2);
  });

  it("leaves out deleted annotations with no live replies below them", () => {
    const gone = note("gone", { ...at(0, 5), deleted: true });
    const root = note("root", at(1, 2));
    const deletedReply = note("deleted-reply", { ...replyTo("root"), deleted: true });
    const deletedChain = note("deleted-chain", { ...replyTo("root"), deleted: true });
    const deletedBelowChain = note("deleted-below", { ...replyTo("deleted-chain"), deleted: true });
    expect(shape(buildThreads([gone, root, deletedReply, deletedChain, deletedBelowChain]))).toEqual(["root"]);
  });

  it("shows a reply whose parent is missing as an orphaned root", () => {
    const orphan = note("orphan", { ...replyTo("vanished"), ...at(30, 40) });
    const childOfOrphan = note("child", replyTo("orphan"));
    const root = note("root", at(0, 10));
    const threads = buildThreads([orphan, childOfOrphan, root]);
    expect(shape(threads)).toEqual(["root", ["orphan", ["child"]]]);
    expect(threads.map((thread) => thread.orphaned)).toEqual([false, true]);
    expect(threads[1]?.replies[0]?.orphaned).toBe(false);
  });

  it("breaks a parent cycle at its oldest member so nothing disappears", () => {
    const a = note("a", replyTo("c"));
    const b = note("b", replyTo("a"));
    const c = note("c", replyTo("b"));
    const hanger = note("hanger", replyTo("b"));
    const self = note("self", { ...replyTo("self"), ...at(3, 4) });
    const threads = buildThreads([hanger, c, b, a, self]);
    expect(shape(threads)).toEqual([["a", [["b", ["c", "hanger"]]]], "self"]);
    expect(threads.every((thread) => thread.orphaned)).toBe(true);
  });

  it("keeps the first of duplicate ids", () => {
    const first = note("dup", { ...at(0, 1), body: "first" });
    const second = note("dup", { ...at(0, 1), body: "second" });
    const threads = buildThreads([first, second]);
    expect(threads).toHaveLength(1);
    expect(threads[0]?.body).toBe("first");
  });

  it("does not modify its input", () => {
    const input = [note("root", at(0, 1)), note("reply", replyTo("root"))];
    const snapshot = structuredClone(input);
    buildThreads(input);
    expect(input).toEqual(snapshot);
  });

  it("handles a reply chain far deeper than the call stack", () => {
    const depth = 50_000;
    const chain = [note("n0", at(0, 1))];
    for (let i = 1; i < depth; i++) chain.push(note(`n${i}`, replyTo(`n${i - 1}`)));
    const [root] = buildThreads(chain);
    if (!root) throw new Error("expected one thread");
    expect(countReplies(root)).toBe(depth - 1);
  });

  it("returns nothing for nothing", () => {
    expect(buildThreads([])).toEqual([]);
  });
});
