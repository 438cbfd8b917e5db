// GET /api/documents and GET /api/documents/{idOrSlug}: readable by any signed-in
// reader (token or session cookie), always serving the latest revision.
import { createHash, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getDocument } from "@/app/api/documents/[idOrSlug]/route";
import { GET as listDocuments } from "@/app/api/documents/route";
import { GET as health } from "@/app/api/health/route";
import { getDb } from "@/server/db/client";
import { importDocumentFromText } from "@/server/documents/import-document";
import { SEED_DOCUMENT_SLUG, seedDemoData } from "@/server/seed/seed-demo-data";
import { closeDatabase, countRows, freshDatabase } from "./support/db";
import { useGenerousRateLimits } from "./support/env";
import { callRoute, expectApiError, jsonRequest } from "./support/http";
import { createUserWithToken, sessionCookieFor, type TestUserWithToken } from "./support/users";

type Summary = { id: string; slug: string; title: string; revisionId: string };
type Doc = {
  id: string;
  slug: string;
  title: string;
  revision: {
    id: string;
    number: number;
    text: string;
    contentHash: string;
    blocks: Array<{ type: "heading" | "paragraph"; start: number; end: number }>;
  };
};

const ALPHA_SOURCE = [
  "Alpha notes",
  "",
  "Background",
  "Alpha is the first letter of the Greek alphabet.",
  "",
  "It is used throughout mathematics and science.",
].join("\n");

let reader: TestUserWithToken;

beforeAll(async () => {
  useGenerousRateLimits();
  await freshDatabase();
  await seedDemoData();
  await importDocumentFromText({ slug: "alpha-notes", source: ALPHA_SOURCE });
  // A document row without any revision yet (e.g. an import interrupted half-way) is not readable.
  await getDb().document.create({ data: { slug: "no-revisions-yet", title: "Aardvark (empty)" } });
  reader = await createUserWithToken({ name: "Reader" });
});

afterAll(async () => {
  await closeDatabase();
});

function list(auth: { token?: string; cookie?: string; headers?: Record<string, string> }) {
  return callRoute(listDocuments, jsonRequest("/api/documents", auth));
}

function get(idOrSlug: string, auth: { token?: string; cookie?: string; headers?: Record<string, string> }) {
  return callRoute(getDocument, jsonRequest(`/api/documents/${encodeURIComponent(idOrSlug)}`, auth), { idOrSlug });
}

describe("GET /api/documents", () => {
  it("lists the documents that have a revision, by title, each with its latest revision id", async () => {
    const response = await list({ token: reader.token });
    expect(response.status).toBe(200);
    const items = response.body as Summary[];
    expect(items.map((item) => [item.slug, item.title])).toEqual([
      ["alpha-notes", "Alpha notes"],
      [SEED_DOCUMENT_SLUG, "Intestinal permeability"],
    ]);
    for (const item of items) {
      expect(Object.keys(item).sort()).toEqual(["id", "revisionId", "slug", "title"]);
      const latest = await getDb().documentRevision.findFirstOrThrow({
        where: { documentId: item.id },
        orderBy: { number: "desc" },
      });
      expect(item.revisionId).toBe(latest.id);
    }
  });

  it("works with a session cookie", async () => {
    const { cookie } = await sessionCookieFor(reader.id);
    const response = await list({ cookie });
    expect(response.status).toBe(200);
    expect((response.body as Summary[]).length).toBe(2);
  });

  it.each([
    ["no credentials", {}],
    ["an unknown token", { token: "mrg_00000000_unknownunknownunknownunknown" }],
    ["a malformed authorization header", { headers: { authorization: "Token abc" } }],
    ["a garbage session cookie", { cookie: "authjs.session-token=eyJhbGciOiJkaXIifQ.garbage" }],
  ])("401 UNAUTHENTICATED with %s", async (_label, auth) => {
    expectApiError(await list(auth), 401, "UNAUTHENTICATED");
  });
});

describe("GET /api/documents/{idOrSlug}", () => {
  it("returns the seeded document by slug with a consistent latest revision", async () => {
    const response = await get(SEED_DOCUMENT_SLUG, { token: reader.token });
    expect(response.status).toBe(200);
    const doc = response.body as Doc;
    expect(doc).toMatchObject({ slug: SEED_DOCUMENT_SLUG, title: "Intestinal permeability", revision: { number: 1 } });
    expect(Object.keys(doc.revision).sort()).toEqual(["blocks", "contentHash", "id", "number", "text"]);
    expect(doc.revision.contentHash).toBe(createHash("sha256").update(doc.revision.text).digest("hex"));

    // Blocks tile the text: in order, non-empty, separated by exactly one blank line.
    const { text, blocks } = doc.revision;
    expect(blocks.length).toBeGreaterThan(0);
    expect(blocks[0]?.start).toBe(0);
    expect(blocks.at(-1)?.end).toBe(text.length);
    for (const [index, block] of blocks.entries()) {
      expect(block.end).toBeGreaterThan(block.start);
      const next = blocks[index + 1];
      if (next) expect(text.slice(block.end, next.start)).toBe("\n\n");
    }
  });

  it("returns the same document by its id", async () => {
    const bySlug = (await get("alpha-notes", { token: reader.token })).body as Doc;
    const byId = await get(bySlug.id, { token: reader.token });
    expect(byId.status).toBe(200);
    expect(byId.body).toEqual(bySlug);
    const upperId = await get(bySlug.id.toUpperCase(), { token: reader.token });
    expect(upperId.body).toEqual(bySlug);
  });

  it("serves the newest revision once a changed text is imported", async () => {
    const before = (await get("alpha-notes", { token: reader.token })).body as Doc;
    const changed = `${ALPHA_SOURCE}\n\nA new closing paragraph about omega.`;
    const imported = await importDocumentFromText({ slug: "alpha-notes", source: changed });
    expect(imported).toMatchObject({ created: true, revisionNumber: 2 });

    const after = (await get("alpha-notes", { token: reader.token })).body as Doc;
    expect(after.id).toBe(before.id);
    expect(after.revision.number).toBe(2);
    expect(after.revision.id).not.toBe(before.revision.id);
    expect(after.revision.text).toContain("A new closing paragraph about omega.");

    const summaries = (await list({ token: reader.token })).body as Summary[];
    expect(summaries.find((item) => item.slug === "alpha-notes")?.revisionId).toBe(after.revision.id);
  });

  it("works with a session cookie", async () => {
    const { cookie } = await sessionCookieFor(reader.id);
    expect((await get(SEED_DOCUMENT_SLUG, { cookie })).status).toBe(200);
  });

  it.each([
    ["an unknown slug", () => "no-such-document"],
    ["an unknown uuid", () => randomUUID()],
    ["the nil uuid", () => "00000000-0000-0000-0000-000000000000"],
    ["a document without revisions", () => "no-revisions-yet"],
  ])("404 NOT_FOUND for %s", async (_label, idOrSlug) => {
    expectApiError(await get(idOrSlug(), { token: reader.token }), 404, "NOT_FOUND");
  });

  it.each([
    ["spaces and punctuation", "bad slug!"],
    ["a path traversal", "../../etc/passwd"],
    ["a dot", "intestinal.permeability"],
    ["SQL", "x' OR '1'='1"],
    ["an underscore", "intestinal_permeability"],
    ["non-ASCII letters", "café"],
    ["an empty string", ""],
    ["121 characters", "a".repeat(121)],
  ])("400 VALIDATION_FAILED for an id or slug with %s", async (_label, idOrSlug) => {
    const before = await countRows();
    expectApiError(await get(idOrSlug, { token: reader.token }), 400, "VALIDATION_FAILED");
    expect(await countRows()).toEqual(before);
  });

  it.each([
    ["no credentials", {}],
    ["a revoked token", "revoked"],
  ])("401 UNAUTHENTICATED with %s, before looking at the id", async (_label, auth) => {
    let credentials: { token?: string } = {};
    if (auth === "revoked") {
      const gone = await createUserWithToken();
      await getDb().apiToken.update({ where: { id: gone.tokenId }, data: { revokedAt: new Date() } });
      credentials = { token: gone.token };
    }
    expectApiError(await get(SEED_DOCUMENT_SLUG, credentials), 401, "UNAUTHENTICATED");
    // Authentication comes first, so an anonymous caller learns nothing from a bad id either.
    expectApiError(await get("bad slug!", credentials), 401, "UNAUTHENTICATED");
  });
});

describe("GET /api/health", () => {
  it("reports the database as up", async () => {
    const response = await health();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, database: "up" });
  });
});
