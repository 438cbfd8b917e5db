// GET /api/search: Postgres full-text search over bodies, quotes and tags in every group I
// can read. Ranking, stemming, filters, snippets (plain text pieces, never HTML), paging,
// and above all visibility: another group's rows, hidden annotations, replies under hidden
// threads and locked post-first discussions never appear. The SQL visibility predicate is
// also compared row by row with the Prisma where-builder it mirrors.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as searchRoute } from "@/app/api/search/route";
import { SearchResponse, type SearchResponseDto } from "@/lib/api/search";
import { getDb } from "@/server/db/client";
import { Prisma } from "@/server/db/generated/client";
import { readableAnnotationsWhere } from "@/server/db/scopes/annotation-scope";
import { readableAnnotationSql } from "@/server/db/scopes/readable-annotations-sql";
import {
  createAnnotationOk,
  createTestGroup,
  importTestArticle,
  replyOk,
  resolveAnnotation,
  targetFor,
  textBody,
  type Auth,
  type TestDocument,
} from "./support/annotations";
import { closeDatabase, freshDatabase } from "./support/db";
import { useGenerousRateLimits } from "./support/env";
import { hideAnnotation } from "./support/groups";
import { callRoute, expectApiError, jsonRequest } from "./support/http";
import { createUserWithToken, type TestUserWithToken } from "./support/users";

type Name = "ana" | "ben" | "chen" | "dan";
let doc: TestDocument;
const users = {} as Record<Name, TestUserWithToken>;
const as = {} as Record<Name, Auth>;
let seminar: string;
let locked: string;
let elsewhere: string;
const id: Record<string, string> = {};

function search(auth: Auth, query: Record<string, string>) {
  return callRoute(searchRoute, jsonRequest(`/api/search?${new URLSearchParams(query).toString()}`, { token: auth.token }));
}

async function searchOk(auth: Auth, query: Record<string, string>): Promise<SearchResponseDto> {
  const response = await search(auth, query);
  expect(response.status, response.text).toBe(200);
  const parsed = SearchResponse.safeParse(response.body);
  expect(parsed.success, parsed.success ? "" : JSON.stringify(parsed.error.issues)).toBe(true);
  return response.body as SearchResponseDto;
}

const idsOf = (result: SearchResponseDto) => result.items.map((item) => item.id);
const named = (...names: string[]) => names.map((name) => id[name]);

beforeAll(async () => {
  useGenerousRateLimits();
  await freshDatabase();
  doc = await importTestArticle();
  for (const name of ["ana", "ben", "chen", "dan"] as const) {
    users[name] = await createUserWithToken({ name: name[0]!.toUpperCase() + name.slice(1) });
    as[name] = { token: users[name].token };
  }
  const roles = [
    { userId: users.chen.id, role: "instructor" as const },
    { userId: users.ana.id, role: "member" as const },
    { userId: users.ben.id, role: "member" as const },
  ];
  seminar = (await createTestGroup("Seminar", roles)).id;
  locked = (await createTestGroup("Locked", roles)).id;
  await getDb().group.update({ where: { id: locked }, data: { postFirst: true } });
  elsewhere = (await createTestGroup("Elsewhere", [{ userId: users.dan.id, role: "owner" }])).id;

  const create = async (name: string, who: Name, input: Record<string, unknown>) => {
    const created = await createAnnotationOk(as[who], { documentId: doc.documentId, revisionId: doc.revisionId, groupId: seminar, ...input });
    id[name] = created.id;
  };
  await create("question", "ana", { kind: "note", tags: ["question"], target: targetFor(doc.text, "zonulin and occludin"), body: textBody("Why does zonulin loosen the junctions?") });
  await create("often", "ben", { kind: "comment", body: textBody("Zonulin, zonulin, zonulin: the review cites zonulin studies.") });
  await create("quoteOnly", "ben", { kind: "comment", target: targetFor(doc.text, "zonulin and occludin"), body: textBody("An unrelated remark about methods.") });
  await create("hidden", "ben", { kind: "comment", body: textBody("A zonulin remark the instructor hid.") });
  await create("private", "ana", { groupId: null, kind: "comment", body: textBody("My private zonulin thought.") });
  await create("elsewhere", "dan", { groupId: elsewhere, kind: "comment", body: textBody("Zonulin secrets of another group.") });
  await create("lockedByBen", "ben", { groupId: locked, kind: "comment", body: textBody("Zonulin in the locked group.") });
  await create("markup", "ana", { kind: "comment", body: textBody("permeability, 2 < 3 & \"quoted\" \uE000forged\uE001 marker") });
  await create("stopwordTag", "ben", { kind: "note", tags: ["the"], body: textBody("Tagged with a stop word.") });
  id.reply = (await replyOk(as.chen, id.question!, "Zonulin opens the tight junctions.")).id;
  expect((await hideAnnotation(as.chen, id.hidden!, { reason: "Off topic" })).status).toBe(200);
  id.replyUnderHidden = (await replyOk(as.chen, id.hidden!, "A zonulin reply under a hidden thread.")).id;
});

afterAll(closeDatabase);

describe("ranking and matching", () => {
  it("ranks many body matches above one, and a body match above a quote-only match", async () => {
    const result = await searchOk(as.ben, { q: "zonulin", groupId: seminar, kind: "comment", author: users.ben.id });
    expect(idsOf(result)).toEqual(named("often", "hidden", "quoteOnly"));
    const ranks = result.items.map((item) => item.rank);
    expect(ranks[0]).toBeGreaterThan(ranks[2]!);
  });

  it("stems English words and finds tags, including a tag made of a stop word", async () => {
    expect(idsOf(await searchOk(as.ana, { q: "junction" }))).toEqual(expect.arrayContaining(named("question", "reply")));
    expect(idsOf(await searchOk(as.ana, { q: "questions" }))).toEqual(named("question"));
    expect(idsOf(await searchOk(as.ana, { q: "the", tag: "the" }))).toEqual(named("stopwordTag"));
  });

  it("returns highlighted snippets as plain text pieces, with forged markers removed", async () => {
    const [hit] = (await searchOk(as.ana, { q: "permeability" })).items;
    expect(hit?.id).toBe(id.markup);
    expect(hit?.body.filter((part) => part.match).map((part) => part.text)).toEqual(["permeability"]);
    // Raw characters, not entities: the client renders the pieces as text.
    expect(hit?.body.map((part) => part.text).join("")).toBe('permeability, 2 < 3 & "quoted" forged marker');
    const [question] = (await searchOk(as.ana, { q: "occludin", groupId: seminar, author: users.ana.id })).items;
    expect(question?.quote.find((part) => part.match)?.text).toBe("occludin");
  });

  it("links each result to its thread in the reader, with document and group", async () => {
    const [reply] = (await searchOk(as.ana, { q: "opens tight" })).items;
    expect(reply).toMatchObject({
      id: id.reply,
      threadId: id.question,
      isReply: true,
      href: `/documents/annotations-test-article#annotation-${id.question}`,
      document: { slug: "annotations-test-article" },
      group: { id: seminar, name: "Seminar" },
      author: { name: "Chen" },
    });
  });
});

describe("filters", () => {
  it("filters by the thread's tag and resolved state, by author and kind", async () => {
    expect(idsOf(await searchOk(as.ana, { q: "zonulin", tag: "question" })).sort()).toEqual(named("question", "reply").sort());
    expect(idsOf(await searchOk(as.ana, { q: "zonulin", resolved: "true" }))).toEqual([]);
    expect((await resolveAnnotation(as.ana, id.question!)).status).toBe(200);
    expect(idsOf(await searchOk(as.ana, { q: "zonulin", resolved: "true" })).sort()).toEqual(named("question", "reply").sort());
    expect(idsOf(await searchOk(as.ana, { q: "zonulin", resolved: "false" }))).not.toContain(id.question);
    expect(idsOf(await searchOk(as.ana, { q: "zonulin", author: users.chen.id }))).toEqual(named("reply"));
    expect(idsOf(await searchOk(as.ana, { q: "zonulin", kind: "note" }))).toEqual(named("question"));
  });

  it("filters by group, private, and by days (UTC, both ends included)", async () => {
    expect(idsOf(await searchOk(as.ana, { q: "zonulin", groupId: "private" }))).toEqual(named("private"));
    await getDb().annotation.update({ where: { id: id.often! }, data: { createdAt: new Date("2026-03-15T23:30:00Z") } });
    expect(idsOf(await searchOk(as.ana, { q: "zonulin", from: "2026-03-15", to: "2026-03-15" }))).toEqual(named("often"));
    expect(idsOf(await searchOk(as.ana, { q: "zonulin", to: "2026-03-14" }))).toEqual([]);
    expect(idsOf(await searchOk(as.ana, { q: "zonulin", from: "2026-03-16" }))).not.toContain(id.often);
  });

  it("pages through results with an opaque cursor", async () => {
    const all = idsOf(await searchOk(as.chen, { q: "zonulin" }));
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: SearchResponseDto = await searchOk(as.chen, { q: "zonulin", limit: "2", ...(cursor ? { cursor } : {}) });
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...idsOf(page));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all);
  });

  it("refuses bad input with 400 and anonymous callers with 401", async () => {
    expectApiError(await search(as.ana, { q: "  " }), 400, "VALIDATION_FAILED");
    expectApiError(await search(as.ana, { q: "x", cursor: "abc" }), 400, "VALIDATION_FAILED");
    expectApiError(await search(as.ana, { q: "x", from: "2026-02-01", to: "2026-01-01" }), 400, "VALIDATION_FAILED");
    expectApiError(await search(as.ana, { q: "x", limit: "500" }), 400, "VALIDATION_FAILED");
    expectApiError(await search(as.ana, { q: "x", extra: "1" }), 400, "VALIDATION_FAILED");
    expectApiError(await callRoute(searchRoute, jsonRequest("/api/search?q=zonulin")), 401, "UNAUTHENTICATED");
  });
});

describe("visibility", () => {
  it("never shows another group's rows, even when that group is asked for", async () => {
    for (const name of ["ana", "ben", "chen"] as const) {
      expect(idsOf(await searchOk(as[name], { q: "zonulin secrets group" }))).toEqual([]);
      expect(idsOf(await searchOk(as[name], { q: "zonulin", groupId: elsewhere }))).toEqual([]);
    }
    expect(idsOf(await searchOk(as.dan, { q: "zonulin" }))).toEqual(named("elsewhere"));
  });

  it("hides hidden annotations and replies under hidden threads from members, not from their author or the instructor", async () => {
    expect(idsOf(await searchOk(as.ana, { q: "zonulin" }))).not.toEqual(expect.arrayContaining([id.hidden]));
    expect(idsOf(await searchOk(as.ana, { q: "hidden thread" }))).toEqual([]);
    expect(idsOf(await searchOk(as.ben, { q: "instructor hid" }))).toEqual(named("hidden"));
    expect(idsOf(await searchOk(as.chen, { q: "hidden thread" }))).toEqual(named("replyUnderHidden"));
  });

  it("keeps a post-first discussion locked until the member posts there", async () => {
    expect(idsOf(await searchOk(as.ana, { q: "locked group" }))).toEqual([]);
    expect(idsOf(await searchOk(as.chen, { q: "locked group" }))).toEqual(named("lockedByBen"));
    await createAnnotationOk(as.ana, { documentId: doc.documentId, revisionId: doc.revisionId, groupId: locked, kind: "highlight", target: targetFor(doc.text, "tight junctions") });
    expect(idsOf(await searchOk(as.ana, { q: "locked group" }))).toEqual(named("lockedByBen"));
  });

  it("lets only its author find a private annotation", async () => {
    for (const name of ["ben", "chen", "dan"] as const) expect(idsOf(await searchOk(as[name], { q: "private thought" }))).toEqual([]);
    expect(idsOf(await searchOk(as.ana, { q: "private thought" }))).toEqual(named("private"));
  });

  it("agrees row for row with readableAnnotationsWhere for every user", async () => {
    for (const name of ["ana", "ben", "chen", "dan"] as const) {
      const actor = { userId: users[name].id, via: "token" as const, credentialId: users[name].tokenId };
      const viaPrisma = await getDb().annotation.findMany({ where: await readableAnnotationsWhere(actor), select: { id: true } });
      const viaSql = await getDb().$queryRaw<Array<{ id: string }>>(
        Prisma.sql`SELECT a.id FROM annotations a WHERE ${readableAnnotationSql(actor.userId, "a")}`,
      );
      expect(viaSql.map((row) => row.id).sort(), name).toEqual(viaPrisma.map((row) => row.id).sort());
    }
  });
});
