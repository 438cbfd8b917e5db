// Re-threading only what a change touches must give exactly the threads a full rebuild
// gives: checked on random forests under random sequences of changes (adds, replies,
// deletes, tombstones, edits, parents arriving late), plus the cases that fall back.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { threadsFrom, type FlatAnnotation } from "@/lib/annotations/annotation-store";
import { threadAnnotations } from "@/lib/annotations/update-threads";
import { arbitraryAnnotation, flatAnnotation, span } from "./fixtures/random-annotations";

const ids = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"];
const randomAnnotation = arbitraryAnnotation(ids);

// A change: put (add or replace) one annotation, or remove one.
const arbitraryChange = fc.oneof(
  randomAnnotation.map((put) => ({ put })),
  fc.constantFrom(...ids).map((id) => ({ remove: id })),
);

function apply(map: ReadonlyMap<string, FlatAnnotation>, change: { put: FlatAnnotation } | { remove: string }) {
  const next = new Map(map);
  if ("put" in change) next.set(change.put.id, change.put);
  else next.delete(change.remove);
  return next;
}

describe("threadAnnotations", () => {
  it("gives the same threads as a full rebuild after every change, told what changed or not", () => {
    fc.assert(
      fc.property(fc.array(randomAnnotation, { maxLength: 10 }), fc.array(arbitraryChange, { maxLength: 12 }), (initial, changes) => {
        let map = new Map(initial.map((item) => [item.id, item] as const));
        let state = threadAnnotations(map);
        for (const [step, change] of changes.entries()) {
          map = apply(map, change);
          // Half the time the caller names the changed id, half the time the maps are compared.
          state = threadAnnotations(map, state, step % 2 === 0 ? ["put" in change ? change.put.id : change.remove] : undefined);
          expect(state.threads).toEqual(threadsFrom(map.values()));
        }
      }),
      { numRuns: 500 },
    );
  });

  it("keeps the objects of threads a change did not touch", () => {
    const map = new Map([
      ["a", flatAnnotation("a", { target: span(0, 2) })],
      ["b", flatAnnotation("b", { target: span(5, 8) })],
    ]);
    const before = threadAnnotations(map);
    const after = threadAnnotations(new Map(map).set("c", flatAnnotation("c", { parentId: "b" })), before);
    expect(after.threads[0]).toBe(before.threads[0]);
    expect(after.threads[1]!.replies.map((reply) => reply.id)).toEqual(["c"]);
  });

  it("returns the same state for the same map, and rebuilds on parent cycles", () => {
    const map = new Map([["a", flatAnnotation("a")]]);
    const state = threadAnnotations(map);
    expect(threadAnnotations(map, state)).toBe(state);
    const cyclic = new Map([
      ["x", flatAnnotation("x", { parentId: "y" })],
      ["y", flatAnnotation("y", { parentId: "x", createdAt: "2026-01-01T00:01:00.000Z" })],
    ]);
    expect(threadAnnotations(cyclic, state).threads).toEqual(threadsFrom(cyclic.values()));
  });
});
