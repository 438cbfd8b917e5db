// The browser's real-time bookkeeping, pure: the stream cursor (in-order tracking and
// gaps), applying changes to the flat annotation map (late or repeated changes never
// win), the outbox's retry policy, and the "is replying" sentence.
import { describe, expect, it } from "vitest";
import type { AnnotationDto } from "@/lib/api/annotations";
import type { ChangeEvent } from "@/lib/api/realtime";
import type { FlatAnnotation } from "@/lib/annotations/annotation-store";
import { applyChange, type AppliedSeqs } from "@/lib/realtime/apply-change";
import { isRetryable, retryDelayMs } from "@/lib/realtime/outbox";
import { cursorAfterSync, hasGap, observeSeq, startCursor } from "@/lib/realtime/stream-cursor";
import { replyingSentence } from "@/components/realtime/live-hints";
import { annotationDto } from "./fixtures/random-annotations";

const DOC = "00000000-0000-4000-8000-000000000001";
const GROUP = "00000000-0000-4000-8000-000000000002";
const ME = "00000000-0000-4000-8000-00000000000a";
const OTHER = "00000000-0000-4000-8000-00000000000b";
const ID = "00000000-0000-4000-8000-0000000000f1";

function annotation(overrides: Partial<AnnotationDto> = {}): AnnotationDto {
  return annotationDto(ID, {
    documentId: DOC,
    revisionId: DOC,
    groupId: GROUP,
    author: { id: OTHER, name: "Ana" },
    body: { format: "tiptap", doc: { type: "doc" }, html: "<p>v1</p>", text: "v1" },
    createdAt: "2026-11-27T00:00:00.000Z",
    updatedAt: "2026-11-27T00:00:00.000Z",
    ...overrides,
  });
}

function upserted(seq: number, overrides: Partial<AnnotationDto> = {}, extra: Partial<ChangeEvent> = {}): ChangeEvent {
  return {
    documentId: DOC,
    groupId: GROUP,
    seq,
    type: "annotation.upserted",
    annotationId: overrides.id ?? ID,
    annotation: annotation(overrides),
    actorId: OTHER,
    createdAt: "2026-11-27T00:00:00.000Z",
    ...extra,
  };
}

describe("stream cursor", () => {
  it("advances through consecutive numbers and ignores repeats", () => {
    let cursor = startCursor(3);
    cursor = observeSeq(cursor, 4);
    cursor = observeSeq(cursor, 4);
    cursor = observeSeq(cursor, 2);
    expect(cursor).toEqual({ lastSeen: 4, ahead: [] });
    expect(hasGap(cursor)).toBe(false);
  });

  it("holds early arrivals as a gap until the missing numbers come, in any order", () => {
    let cursor = startCursor(0);
    cursor = observeSeq(cursor, 3);
    cursor = observeSeq(cursor, 5);
    expect(cursor).toEqual({ lastSeen: 0, ahead: [3, 5] });
    expect(hasGap(cursor)).toBe(true);
    cursor = observeSeq(cursor, 1);
    cursor = observeSeq(cursor, 2);
    expect(cursor).toEqual({ lastSeen: 3, ahead: [5] });
    cursor = observeSeq(cursor, 4);
    expect(cursor).toEqual({ lastSeen: 5, ahead: [] });
  });

  it("after a sync, everything up to the head is seen and later early arrivals still count", () => {
    const cursor = observeSeq(observeSeq(startCursor(1), 4), 7);
    expect(cursorAfterSync(cursor, 6)).toEqual({ lastSeen: 7, ahead: [] });
    expect(cursorAfterSync(cursor, 3)).toEqual({ lastSeen: 4, ahead: [7] });
    // A head behind what was already seen never moves the cursor back.
    expect(cursorAfterSync(startCursor(9), 5)).toEqual({ lastSeen: 9, ahead: [] });
  });
});

describe("applying changes", () => {
  const empty = () => new Map<string, FlatAnnotation>();

  it("adds, then updates, and a late older change never overwrites a newer one", () => {
    const applied: AppliedSeqs = new Map();
    let store = applyChange(empty(), applied, upserted(1), ME)!;
    store = applyChange(store, applied, upserted(3, { body: { format: "tiptap", doc: {}, html: "<p>v3</p>", text: "v3" } }), ME)!;
    expect(applyChange(store, applied, upserted(2, { body: { format: "tiptap", doc: {}, html: "<p>v2</p>", text: "v2" } }), ME)).toBeNull();
    expect(applyChange(store, applied, upserted(3), ME)).toBeNull();
    expect(store.get(ID)?.body?.text).toBe("v3");
    expect("replies" in store.get(ID)!).toBe(false);
  });

  it("removes every id of a removal and does not let an older upsert bring it back", () => {
    const applied: AppliedSeqs = new Map();
    const reply = "00000000-0000-4000-8000-0000000000f2";
    let store = applyChange(empty(), applied, upserted(1), ME)!;
    store = applyChange(store, applied, upserted(2, { id: reply, parentId: ID }), ME)!;
    const removal: ChangeEvent = { ...upserted(4), type: "annotation.removed", annotation: undefined, removedIds: [reply, ID] };
    store = applyChange(store, applied, removal, ME)!;
    expect(store.size).toBe(0);
    expect(applyChange(store, applied, upserted(3), ME)).toBeNull();
  });

  it("keeps my own reactions when others react, and updates them when one of my tabs did", () => {
    const applied: AppliedSeqs = new Map();
    const mine = new Map<string, FlatAnnotation>([[ID, { ...annotation({ reactions: { counts: { helpful: 1, same_question: 0 }, mine: ["helpful"] } }) }]]);
    const byOther = upserted(5, { reactions: { counts: { helpful: 2, same_question: 0 }, mine: [] } }, { reaction: { userId: OTHER, type: "helpful", on: true } });
    let store = applyChange(mine, applied, byOther, ME)!;
    expect(store.get(ID)?.reactions).toEqual({ counts: { helpful: 2, same_question: 0 }, mine: ["helpful"] });
    const byMe = upserted(6, { reactions: { counts: { helpful: 1, same_question: 0 }, mine: [] } }, { reaction: { userId: ME, type: "helpful", on: false } });
    store = applyChange(store, applied, byMe, ME)!;
    expect(store.get(ID)?.reactions).toEqual({ counts: { helpful: 1, same_question: 0 }, mine: [] });
  });

  it("replaces a pending local copy with the server's", () => {
    const applied: AppliedSeqs = new Map();
    const pending = new Map<string, FlatAnnotation>([[ID, { ...annotation(), pending: true }]]);
    const store = applyChange(pending, applied, upserted(1), ME)!;
    expect(store.get(ID)?.pending).toBeUndefined();
  });
});

describe("outbox retry policy", () => {
  it("backs off from about 1 s, doubling, to at most 8 s, with jitter", () => {
    const middle = () => 0.5;
    expect([1, 2, 3, 4, 5, 9].map((attempts) => retryDelayMs(attempts, middle))).toEqual([1000, 2000, 4000, 8000, 8000, 8000]);
    expect(retryDelayMs(1, () => 0)).toBe(750);
    expect(retryDelayMs(1, () => 1)).toBe(1250);
  });

  it("retries network failures, rate limits and server errors, never a refused request", () => {
    expect(isRetryable({ status: 0, code: "NETWORK" })).toBe(true);
    expect(isRetryable({ status: 429, code: "RATE_LIMITED" })).toBe(true);
    expect(isRetryable({ status: 503, code: "INTERNAL" })).toBe(true);
    expect(isRetryable({ status: 422, code: "INVALID_TARGET" })).toBe(false);
    expect(isRetryable({ status: 404, code: "NOT_FOUND" })).toBe(false);
    expect(isRetryable({ status: 400, code: "VALIDATION_FAILED" })).toBe(false);
  });
});

describe("who is replying", () => {
  it("says it in one short sentence", () => {
    expect(replyingSentence([])).toBe("");
    expect(replyingSentence(["Ana"])).toBe("Ana is replying…");
    expect(replyingSentence(["Ana", "Ben"])).toBe("Ana and Ben are replying…");
    expect(replyingSentence(["Ana", "Ben", "Mei"])).toBe("Ana and 2 others are replying…");
  });
});
