// GET /api/annotations: threads in document order (page notes first, then by where they
// start and end), each with its nested replies, and the filters: groupId (a group or
// "private"), tag, author, kind, resolved and q (body, quote, tags, or any reply's text).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AnnotationDto } from "@/lib/api/annotations";
import {
  createAnnotationOk,
  createOrderedIds,
  createTestGroup,
  importOtherDocument,
  importTestArticle,
  listAnnotationsRaw,
  listNdjsonOk,
  listOk,
  replyOk,
  resolveAnnotation,
  targetFor,
  textBody,
  threadIds,
  type Auth,
  type TestDocument,
} from "./support/annotations";
import { closeDatabase, freshDatabase } from "./support/db";
import { useGenerousRateLimits } from "./support/env";
import { createUserWithToken, type TestUserWithToken } from "./support/users";

let doc: TestDocument;
let other: TestDocument;
let ana: TestUserWithToken;
let ben: TestUserWithToken;
let chen: TestUserWithToken;
let as: Record<"ana" | "ben" | "chen", Auth>;
let seminar: string;
let tutorial: string;
const nextId = createOrderedIds();

/** The annotations of the scenario, by name. */
const a: Record<string, AnnotationDto> = {};
let nestedReply: AnnotationDto;

beforeAll(async () => {
  useGenerousRateLimits();
  await freshDatabase();
  [doc, other] = await Promise.all([importTestArticle(), importOtherDocument()]);
  [ana, ben, chen] = await Promise.all([
    createUserWithToken({ name: "Ana" }),
    createUserWithToken({ name: "Ben" }),
    createUserWithToken({ name: "Chen" }),
  ]);
  as = { ana: { token: ana.token }, ben: { token: ben.token }, chen: { token: chen.token } };
  seminar = (
    await createTestGroup("Seminar", [
      { userId: chen.id, role: "instructor" },
      { userId: ana.id, role: "member" },
      { userId: ben.id, role: "member" },
    ])
  ).id;
  tutorial = (await createTestGroup("Tutorial", [{ userId: ana.id, role: "owner" }])).id;

  const create = (who: Auth, input: Record<string, unknown>) =>
    createAnnotationOk(who, { id: nextId(), documentId: doc.documentId, revisionId: doc.revisionId, groupId: seminar, ...input });
  const on = (quote: string) => targetFor(doc.text, quote);

  // Created out of document order on purpose.
  a.zonulin = await create(as.ana, {
    kind: "note",
    target: on("zonulin and occludin"),
    tags: ["mechanism", "evidence"],
    body: textBody("Zonulin regulates the junctions"),
  });
  a.pageByBen = await create(as.ben, { kind: "comment", body: textBody("General remark about the methodology") });
  a.tract = await create(as.ana, { kind: "highlight", target: on("gastrointestinal tract") });
  a.junctions = await create(as.chen, { kind: "comment", target: on("tight junctions"), body: textBody("Check the claudin family") });
  a.opening = await create(as.ben, { kind: "comment", target: on("Intestinal permeability"), body: textBody("The definition comes early") });
  a.pageNote = await create(as.ana, { kind: "note", tags: ["question"] });
  a.longer = await create(as.ben, { kind: "highlight", target: on("chronic low-grade systemic inflammation"), color: "pink" });
  a.shorter = await create(as.ben, { kind: "highlight", target: on("chronic low-grade") });
  a.privateNote = await create(as.ana, { groupId: null, kind: "highlight", target: on("lamina propria") });
  a.inTutorial = await create(as.ana, { groupId: tutorial, kind: "comment", target: on("systemic circulation"), body: textBody("For the tutorial") });
  a.otherDocument = await createAnnotationOk(as.ana, {
    documentId: other.documentId,
    revisionId: other.revisionId,
    groupId: seminar,
    kind: "comment",
    target: targetFor(other.text, "something else"),
    body: textBody("Elsewhere: the methodology"),
  });

  const reply = await replyOk(as.ana, a.junctions.id, "What about occludin turnover?", nextId());
  nestedReply = await replyOk(as.ben, reply.id, "There is a parallel pathway via MLCK", nextId());
  expect((await resolveAnnotation(as.chen, a.junctions.id)).status).toBe(200);
});

afterAll(async () => {
  await closeDatabase();
});

const ids = (...names: string[]) => names.map((name) => a[name]!.id);
const roots = (threads: AnnotationDto[]) => threads.map((thread) => thread.id);

function list(who: Auth, filter: Record<string, string> = {}) {
  return listOk(who, { documentId: doc.documentId, ...filter });
}

describe("document order", () => {
  it("puts page notes first (oldest first), then threads by start, then by end", async () => {
    const starts = ["opening", "junctions", "tract", "inTutorial", "shorter", "longer", "zonulin", "privateNote"].map(
      (name) => a[name]!.target!.selector[0],
    );
    // The scenario really is in this order in the text (and "shorter" and "longer" start together).
    expect(starts.map((position) => position.start)).toEqual([...starts.map((position) => position.start)].sort((x, y) => x - y));
    expect(a.shorter!.target!.selector[0].start).toBe(a.longer!.target!.selector[0].start);

    const threads = await list(as.ana);
    expect(roots(threads)).toEqual(
      ids("pageByBen", "pageNote", "opening", "junctions", "tract", "inTutorial", "shorter", "longer", "zonulin", "privateNote"),
    );
  });

  it("nests each thread's replies, so only roots are listed at the top level", async () => {
    const threads = await list(as.ben);
    const junctions = threads.find((thread) => thread.id === a.junctions!.id);
    expect(junctions?.replies.map((reply) => reply.body?.text)).toEqual(["What about occludin turnover?"]);
    expect(junctions?.replies[0]?.replies.map((reply) => reply.id)).toEqual([nestedReply.id]);
    expect(roots(threads)).not.toContain(nestedReply.id);
    expect(threads.every((thread) => thread.parentId === null)).toBe(true);
  });

  it("lists only the requested document", async () => {
    expect(roots(await listOk(as.ana, { documentId: other.documentId }))).toEqual([a.otherDocument!.id]);
    expect(threadIds(await list(as.ana))).not.toContain(a.otherDocument!.id);
  });

  it("shows each reader only their groups and their own private annotations", async () => {
    expect(roots(await list(as.ben))).toEqual(ids("pageByBen", "pageNote", "opening", "junctions", "tract", "shorter", "longer", "zonulin"));
    expect(roots(await list(as.chen))).toEqual(roots(await list(as.ben)));
  });
});

describe("filters", () => {
  it("groupId: one group's threads, or only my private ones", async () => {
    expect(roots(await list(as.ana, { groupId: tutorial }))).toEqual(ids("inTutorial"));
    expect(roots(await list(as.ana, { groupId: "private" }))).toEqual(ids("privateNote"));
    expect(roots(await list(as.ben, { groupId: "private" }))).toEqual([]);
    expect(roots(await list(as.ben, { groupId: tutorial }))).toEqual([]);
    expect(roots(await list(as.ana, { groupId: seminar }))).toEqual(
      ids("pageByBen", "pageNote", "opening", "junctions", "tract", "shorter", "longer", "zonulin"),
    );
  });

  it("tag: exact tag, case-insensitively", async () => {
    expect(roots(await list(as.ben, { tag: "mechanism" }))).toEqual(ids("zonulin"));
    expect(roots(await list(as.ben, { tag: "Evidence" }))).toEqual(ids("zonulin"));
    expect(roots(await list(as.ben, { tag: "question" }))).toEqual(ids("pageNote"));
    expect(roots(await list(as.ben, { tag: "mech" }))).toEqual([]);
  });

  it("author: the thread's first author (a reply by them does not count)", async () => {
    expect(roots(await list(as.ana, { author: ben.id }))).toEqual(ids("pageByBen", "opening", "shorter", "longer"));
    expect(roots(await list(as.ana, { author: chen.id }))).toEqual(ids("junctions"));
    expect(roots(await list(as.ben, { author: ana.id }))).toEqual(ids("pageNote", "tract", "zonulin"));
  });

  it("kind", async () => {
    expect(roots(await list(as.ana, { kind: "highlight" }))).toEqual(ids("tract", "shorter", "longer", "privateNote"));
    expect(roots(await list(as.ana, { kind: "note" }))).toEqual(ids("pageNote", "zonulin"));
    expect(roots(await list(as.ana, { kind: "comment" }))).toEqual(ids("pageByBen", "opening", "junctions", "inTutorial"));
  });

  it("resolved", async () => {
    expect(roots(await list(as.ana, { resolved: "true" }))).toEqual(ids("junctions"));
    const open = roots(await list(as.ana, { resolved: "false" }));
    expect(open).not.toContain(a.junctions!.id);
    expect(open).toHaveLength(9);
  });

  it("q: a comment's text, case-insensitively", async () => {
    expect(roots(await list(as.ana, { q: "METHODOLOGY" }))).toEqual(ids("pageByBen"));
    expect(roots(await list(as.ana, { q: "claudin" }))).toEqual(ids("junctions"));
  });

  it("q: the quoted passage", async () => {
    expect(roots(await list(as.ana, { q: "intestinal PERMEABILITY" }))).toEqual(ids("opening"));
    expect(roots(await list(as.ana, { q: "low-grade" }))).toEqual(ids("shorter", "longer"));
    expect(roots(await list(as.ana, { q: "lamina" }))).toEqual(ids("privateNote"));
    expect(roots(await list(as.ben, { q: "lamina" }))).toEqual([]);
  });

  it("q: a tag", async () => {
    expect(roots(await list(as.ana, { q: "evidence" }))).toEqual(ids("zonulin"));
  });

  it("q: a direct reply's text finds its thread, returned whole", async () => {
    const threads = await list(as.ben, { q: "occludin turnover" });
    expect(roots(threads)).toEqual(ids("junctions"));
    expect(threadIds(threads)).toContain(nestedReply.id);
  });

  it("q: a nested reply's text (a reply to a reply) finds its thread too", async () => {
    // The contract: q matches a reply's text, and a reply to a reply is a reply.
    expect(roots(await list(as.ben, { q: "MLCK" }))).toEqual(ids("junctions"));
  });

  it("q: nothing matches", async () => {
    expect(await list(as.ana, { q: "no such words anywhere" })).toEqual([]);
  });

  it("q: % and _ are literal characters, not LIKE wildcards", async () => {
    // No body, quote, tag or reply in the scenario contains "%" or "_".
    expect(roots(await list(as.ana, { q: "%" }))).toEqual([]);
    expect(roots(await list(as.ana, { q: "_" }))).toEqual([]);
    expect(roots(await list(as.ana, { q: "tight_junctions" }))).toEqual([]);
  });

  it("combines filters (AND)", async () => {
    expect(roots(await list(as.ana, { kind: "comment", author: chen.id, resolved: "true" }))).toEqual(ids("junctions"));
    expect(roots(await list(as.ana, { kind: "comment", author: chen.id, resolved: "false" }))).toEqual([]);
    expect(roots(await list(as.ana, { kind: "highlight", groupId: seminar, author: ben.id }))).toEqual(ids("shorter", "longer"));
    expect(roots(await list(as.ana, { q: "tutorial", groupId: seminar }))).toEqual([]);
  });

  it("format=ndjson: the same threads and stream heads, a head line then one thread per line", async () => {
    const filters: Record<string, string>[] = [{}, { q: "MLCK" }, { kind: "highlight", groupId: seminar }];
    for (const filter of filters) {
      const query = { documentId: doc.documentId, ...filter };
      const whole = (await listAnnotationsRaw(as.ben, query)).body as { items: AnnotationDto[]; streams: unknown };
      const lines = await listNdjsonOk(as.ben, query);
      expect(lines.head).toEqual({ streams: whole.streams });
      expect(lines.items).toEqual(whole.items);
    }
  });
});
