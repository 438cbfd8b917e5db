// Live delivery by rooms agrees with the per-recipient rule. `viewOfChange` states who
// sees a change and in what form (full, redacted, tick, nothing); live delivery instead
// emits `deliveryPlan` steps to socket.io rooms, and a socket is in the rooms
// `roomsForViewer` gives it. Here every viewer (author, owner, instructor, member who sees
// peers, post-first-locked member, non-member, someone else for a private annotation)
// meets every subject (private, group visible, group hidden), and the simulated delivery
// (the steps whose `to` rooms a socket is in and whose `except` rooms it is not in; at most
// one may match) must yield exactly the rule's form. The named table pins the rule itself;
// fast-check then covers every combination of facts, and sockets following another
// stream (other group, other document, another user's private stream) get nothing.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ChangeEvent } from "@/lib/api/realtime";
import {
  deliveryPlan,
  redactedChange,
  roomsForViewer,
  viewOfChange,
  type ChangeForm,
  type ChangeSubject,
  type StreamViewer,
} from "@/lib/realtime/delivery";
import type { GroupRole } from "@/lib/permissions/permission-table";

const DOC = "11111111-1111-4111-8111-111111111111";
const OTHER_DOC = "22222222-2222-4222-8222-222222222222";
const GROUP = "33333333-3333-4333-8333-333333333333";
const OTHER_GROUP = "44444444-4444-4444-8444-444444444444";
const AUTHOR = "55555555-5555-4555-8555-555555555555";
const SOMEONE = "66666666-6666-4666-8666-666666666666";
const ANNOTATION = "77777777-7777-4777-8777-777777777777";

/** What a socket following (documentId, stream) receives of one change, by the room plan. */
function delivered(subject: ChangeSubject, viewer: StreamViewer, follows = { documentId: subject.documentId, groupId: subject.groupId }) {
  const socketRooms = new Set(roomsForViewer(follows.documentId, follows.groupId, viewer));
  const matching = deliveryPlan(subject).filter(
    (step) => step.to.some((room) => socketRooms.has(room)) && !step.except.some((room) => socketRooms.has(room)),
  );
  // socket.io delivers every emit whose rooms match: the plan must put a socket in at most one step.
  expect(matching.length, JSON.stringify({ subject, viewer, matching })).toBeLessThanOrEqual(1);
  return matching[0]?.form ?? null;
}

function subject(kind: "private" | "visible" | "hidden"): ChangeSubject {
  return { documentId: DOC, groupId: kind === "private" ? null : GROUP, annotationId: ANNOTATION, authorId: AUTHOR, hidden: kind === "hidden" };
}

/** The viewer of the subject's stream: for a private subject, their own private stream (no role). */
function viewerFor(kind: "private" | "visible" | "hidden", viewer: StreamViewer): StreamViewer {
  return kind === "private" ? { ...viewer, role: null, seesPeers: false } : viewer;
}

const viewers: Record<string, StreamViewer> = {
  author: { userId: AUTHOR, role: "member", seesPeers: true },
  "author in a post-first group": { userId: AUTHOR, role: "member", seesPeers: false },
  "moderator (owner)": { userId: SOMEONE, role: "owner", seesPeers: true },
  "moderator (instructor)": { userId: SOMEONE, role: "instructor", seesPeers: true },
  "member who sees peers": { userId: SOMEONE, role: "member", seesPeers: true },
  "post-first-locked member": { userId: SOMEONE, role: "member", seesPeers: false },
  "non-member": { userId: SOMEONE, role: null, seesPeers: false },
  "someone else (private annotation)": { userId: SOMEONE, role: "member", seesPeers: true },
};

// private, group visible, group hidden
const expected: Record<string, Array<ChangeForm | null>> = {
  author: ["full", "full", "full"],
  "author in a post-first group": ["full", "full", "full"],
  "moderator (owner)": [null, "full", "full"],
  "moderator (instructor)": [null, "full", "full"],
  "member who sees peers": [null, "full", "redacted"],
  "post-first-locked member": [null, "tick", "tick"],
  "non-member": [null, null, null],
  "someone else (private annotation)": [null, "full", "redacted"],
};

const kinds = ["private", "visible", "hidden"] as const;

describe("the delivery rule and the room plan", () => {
  for (const [name, viewer] of Object.entries(viewers)) {
    kinds.forEach((kind, index) => {
      it(`${name} × ${kind} annotation → ${expected[name]![index] ?? "nothing"}`, () => {
        const forSubject = viewerFor(kind, viewer);
        expect(viewOfChange(forSubject, subject(kind))).toBe(expected[name]![index]);
        expect(delivered(subject(kind), forSubject)).toBe(expected[name]![index]);
      });
    });
  }

  const roles: Array<GroupRole | null> = [null, "member", "instructor", "owner"];
  const facts = fc.record({
    isAuthor: fc.boolean(),
    role: fc.constantFrom(...roles),
    seesPeers: fc.boolean(),
    isPrivate: fc.boolean(),
    hidden: fc.boolean(),
  });

  it("agree on every combination of viewer and subject facts", () => {
    fc.assert(
      fc.property(facts, ({ isAuthor, role, seesPeers, isPrivate, hidden }) => {
        const change: ChangeSubject = { documentId: DOC, groupId: isPrivate ? null : GROUP, annotationId: ANNOTATION, authorId: AUTHOR, hidden };
        const viewer: StreamViewer = { userId: isAuthor ? AUTHOR : SOMEONE, role: isPrivate ? null : role, seesPeers };
        expect(delivered(change, viewer)).toBe(viewOfChange(viewer, change));
      }),
      { numRuns: 200 },
    );
  });

  it("delivers nothing to sockets following another group, another document or another user's private stream", () => {
    fc.assert(
      fc.property(facts, fc.constantFrom("other group", "other document", "private stream"), (f, elsewhere) => {
        const change: ChangeSubject = { documentId: DOC, groupId: f.isPrivate ? null : GROUP, annotationId: ANNOTATION, authorId: AUTHOR, hidden: f.hidden };
        const viewer: StreamViewer = { userId: f.isAuthor ? AUTHOR : SOMEONE, role: f.role, seesPeers: f.seesPeers };
        const follows =
          elsewhere === "other group"
            ? { documentId: DOC, groupId: OTHER_GROUP }
            : elsewhere === "other document"
              ? { documentId: OTHER_DOC, groupId: change.groupId }
              : { documentId: DOC, groupId: null };
        const form = delivered(change, viewer, follows);
        // Only the author's own private stream on this document may carry a private change.
        const allowed = elsewhere === "private stream" && change.groupId === null && f.isAuthor ? "full" : null;
        expect(form).toBe(allowed);
      }),
      { numRuns: 300 },
    );
  });

  it("a redacted change says only that the annotation is gone", () => {
    const event: ChangeEvent = {
      documentId: DOC,
      groupId: GROUP,
      seq: 7,
      type: "annotation.upserted",
      annotationId: ANNOTATION,
      annotation: {
        id: ANNOTATION,
        documentId: DOC,
        revisionId: DOC,
        groupId: GROUP,
        author: { id: AUTHOR, name: "Ana" },
        kind: "comment",
        target: null,
        body: { format: "tiptap", doc: {}, html: "<p>secret</p>", text: "secret" },
        tags: ["question"],
        color: null,
        parentId: null,
        resolved: false,
        hidden: true,
        deleted: false,
        reactions: { counts: { helpful: 1, same_question: 0 }, mine: [] },
        createdAt: "2026-01-01T00:00:00.000Z",
        updatedAt: "2026-01-01T00:00:00.000Z",
        replies: [],
      },
      reaction: { userId: SOMEONE, type: "helpful", on: true },
      actorId: SOMEONE,
      createdAt: "2026-01-01T00:00:00.000Z",
    };
    const redacted = redactedChange(event);
    expect(redacted).toEqual({
      documentId: DOC,
      groupId: GROUP,
      seq: 7,
      type: "annotation.removed",
      annotationId: ANNOTATION,
      removedIds: [ANNOTATION],
      actorId: SOMEONE,
      createdAt: "2026-01-01T00:00:00.000Z",
    });
    expect(JSON.stringify(redacted)).not.toContain("secret");
  });
});
