// Export and import against a real database: a JSON-LD round trip from one group into
// another, re-import without duplicates, fuzzy anchoring and orphans, the Markdown and CSV
// downloads, and permissions (another group's data is a 404 that leaks nothing).
import { readFileSync } from "node:fs";
import { Ajv } from "ajv";
import addFormats from "ajv-formats";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AnnotationDto } from "@/lib/api/annotations";
import type { ImportReport } from "@/lib/api/exports";
import { getDb } from "@/server/db/client";
import {
  createAnnotationOk,
  createOrderedIds,
  createTestGroup,
  importTestArticle,
  listOk,
  replyOk,
  targetFor,
  textBody,
  type Auth,
  type TestDocument,
} from "./support/annotations";
import { closeDatabase, freshDatabase } from "./support/db";
import { useGenerousRateLimits } from "./support/env";
import { exportRaw, importRaw } from "./support/exports";
import { expectApiError } from "./support/http";
import { createUserWithToken, type TestUserWithToken } from "./support/users";

let doc: TestDocument;
let olga: TestUserWithToken; // owner of both groups
let ana: TestUserWithToken; // member of group A only
let zed: TestUserWithToken; // in no group
let as: Record<"olga" | "ana" | "zed", Auth>;
let groupA: string;
let groupB: string;
const nextId = createOrderedIds();

const richBody = {
  format: "tiptap",
  doc: {
    type: "doc",
    content: [
      { type: "paragraph", content: [{ type: "text", text: "Tight junctions: " }, { type: "text", text: "zonulin", marks: [{ type: "bold" }] }, { type: "text", text: " opens them." }] },
      { type: "bulletList", content: [{ type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: "see the review" }] }] }] },
    ],
  },
};

beforeAll(async () => {
  useGenerousRateLimits();
  await freshDatabase();
  doc = await importTestArticle();
  [olga, ana, zed] = await Promise.all([createUserWithToken({ name: "Olga" }), createUserWithToken({ name: "Ana" }), createUserWithToken({ name: "Zed" })]);
  as = { olga: { token: olga.token }, ana: { token: ana.token }, zed: { token: zed.token } };
  groupA = (await createTestGroup("Seminar A", [{ userId: olga.id, role: "owner" }, { userId: ana.id, role: "member" }])).id;
  groupB = (await createTestGroup("Seminar B", [{ userId: olga.id, role: "owner" }])).id;

  const base = { documentId: doc.documentId, revisionId: doc.revisionId, groupId: groupA };
  await createAnnotationOk(as.ana, { ...base, id: nextId(), kind: "highlight", target: targetFor(doc.text, "tight junctions between the epithelial cells") });
  const comment = await createAnnotationOk(as.olga, { ...base, id: nextId(), kind: "comment", target: targetFor(doc.text, "zonulin and occludin"), body: richBody, tags: ["mechanism"] });
  const reply = await replyOk(as.ana, comment.id, "Which one matters more?", nextId());
  await replyOk(as.olga, reply.id, "Zonulin, in this article.", nextId());
  await createAnnotationOk(as.ana, { ...base, id: nextId(), kind: "note", target: targetFor(doc.text, "lamina propria"), tags: ["anatomy", "exam"] });
  await createAnnotationOk(as.olga, { ...base, id: nextId(), kind: "comment", body: textBody("A page note: read twice.") });
  await createAnnotationOk(as.olga, { ...base, id: nextId(), kind: "note", target: targetFor(doc.text, "endocrine dysregulation"), tags: ["exam"], body: textBody("Define <script>alert(1)</script> in the glossary.") });
});

afterAll(async () => {
  await closeDatabase();
});

/** What must survive a round trip: quote, position, body, tags, and the shape of each thread. */
function essence(threads: readonly AnnotationDto[]): unknown[] {
  const visit = (node: AnnotationDto): unknown => ({
    kind: node.kind,
    selectors: node.target?.selector ?? null,
    body: node.body?.html ?? null,
    tags: node.tags,
    replies: node.replies.map(visit),
  });
  return threads.map(visit);
}

function report(response: { status: number; text: string; body: unknown }): ImportReport {
  expect(response.status, response.text).toBe(200);
  return response.body as ImportReport;
}

describe("JSON-LD round trip", () => {
  it("exports group A and imports into group B with the same quotes, positions, bodies, tags and threads", async () => {
    const exported = await exportRaw(as.olga, doc.documentId, { format: "jsonld", groupId: groupA });
    expect(exported.status, exported.text).toBe(200);
    expect(exported.headers.get("content-type")).toMatch(/^application\/ld\+json/);
    const file = JSON.parse(exported.text) as unknown;
    const ajv = new Ajv({ allErrors: true });
    addFormats.default(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(new URL("../schemas/web-annotation-collection.schema.json", import.meta.url), "utf8")) as object);
    expect(validate(file), JSON.stringify(validate.errors)).toBe(true);

    const imported = report(await importRaw(as.olga, doc.documentId, file, { groupId: groupB }));
    expect(imported.refused).toEqual([]);
    expect(imported.created).toHaveLength(7);
    expect(imported.orphaned).toEqual([]);
    expect(imported.refused).toEqual([]);
    expect(imported.created.filter((entry) => entry.anchoredBy === "position")).toHaveLength(4);

    const original = await listOk(as.olga, { documentId: doc.documentId, groupId: groupA });
    const copy = await listOk(as.olga, { documentId: doc.documentId, groupId: groupB });
    expect(essence(copy)).toEqual(essence(original));
    expect(copy.every((thread) => thread.groupId === groupB)).toBe(true);
  });

  it("creates no duplicates when the same file is imported again", async () => {
    const file = JSON.parse((await exportRaw(as.olga, doc.documentId, { format: "jsonld", groupId: groupA })).text) as unknown;
    const before = await getDb().annotation.count();
    const again = report(await importRaw(as.olga, doc.documentId, file, { groupId: groupB }));
    expect(again.created).toEqual([]);
    expect(again.skipped).toHaveLength(7);
    expect(await getDb().annotation.count()).toBe(before);
  });

  it("imports into the importer's private annotations when no group is given", async () => {
    const file = JSON.parse((await exportRaw(as.ana, doc.documentId, { format: "jsonld", groupId: groupA, kind: "note", authorId: ana.id })).text) as unknown;
    const imported = report(await importRaw(as.ana, doc.documentId, file));
    expect(imported.created).toHaveLength(1);
    const mine = await listOk(as.ana, { documentId: doc.documentId, groupId: "private" });
    expect(mine.map((thread) => [thread.groupId, thread.tags])).toEqual([[null, ["anatomy", "exam"]]]);
    // Private to Ana: Olga, although she owns group A, does not see it.
    expect(await listOk(as.olga, { documentId: doc.documentId, groupId: "private" })).toEqual([]);
  });
});

describe("anchoring imported annotations", () => {
  const quoteAt = (quote: string) => {
    const start = doc.text.indexOf(quote);
    return { start, end: start + quote.length, prefix: doc.text.slice(start - 32, start), suffix: doc.text.slice(start + quote.length, start + quote.length + 32) };
  };

  it("anchors quotes that differ by a few characters at the right place and orphans an absent one", async () => {
    const near = quoteAt("inflammatory mediators are released into the lamina propria");
    const file = [
      {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        type: "Annotation",
        id: "https://hypothes.is/a/fuzzy-1",
        body: [{ type: "TextualBody", value: "Typos in the quote", format: "text/markdown" }],
        target: [{ source: "https://example.org/", selector: [{ type: "TextQuoteSelector", exact: "inflamatory mediators are releesed into the lamina propia", prefix: near.prefix, suffix: near.suffix }] }],
      },
      {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        type: "Annotation",
        id: "https://hypothes.is/a/absent-1",
        body: [{ type: "TextualBody", value: "Not in this text" }],
        target: [{ source: "https://example.org/", selector: [{ type: "TextQuoteSelector", exact: "the mitochondria is the powerhouse of the cell", prefix: "Everybody knows ", suffix: " and so on" }, { type: "TextPositionSelector", start: 10, end: 56 }] }],
      },
    ];
    const before = await getDb().annotation.count();
    const result = report(await importRaw(as.ana, doc.documentId, file, { groupId: groupA }));
    expect(result.fuzzy).toHaveLength(1);
    expect(result.fuzzy[0]!.score).toBeGreaterThan(0.75);
    expect(result.fuzzy[0]!.matched).toBe("inflammatory mediators are released into the lamina propria");
    expect(result.orphaned.map((entry) => entry.sourceId)).toEqual(["https://hypothes.is/a/absent-1"]);
    expect(await getDb().annotation.count()).toBe(before + 1);
    const stored = await getDb().annotation.findUniqueOrThrow({ where: { id: result.fuzzy[0]!.id } });
    expect([stored.targetStart, stored.targetEnd]).toEqual([near.start, near.end]);
  });
});

describe("importing several annotations at once", () => {
  it("adds a tag new to the group once, however many annotations bring it", async () => {
    const quotes = ["tight junctions", "gastrointestinal tract", "barrier function", "systemic circulation", "immune responses", "endocrine system"];
    const file = quotes.map((quote, index) => ({
      type: "Annotation",
      id: `urn:test:new-tag-${index}`,
      motivation: "tagging",
      body: [{ type: "TextualBody", purpose: "tagging", value: "Brand New Tag" }],
      target: { source: "urn:test", selector: { type: "TextQuoteSelector", exact: quote } },
    }));
    const result = report(await importRaw(as.olga, doc.documentId, file, { groupId: groupA }));
    expect(result.refused).toEqual([]);
    expect(result.created).toHaveLength(quotes.length);
    expect(await getDb().groupTag.count({ where: { groupId: groupA, name: "brand new tag" } })).toBe(1);
  });
});

describe("Markdown and CSV downloads", () => {
  it("serves Markdown notes with a filename, quotes, bodies and replies", async () => {
    const response = await exportRaw(as.olga, doc.documentId, { format: "markdown", groupId: groupA });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/markdown; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="annotations-test-article-annotations.md"');
    expect(response.text).toContain("> zonulin and occludin");
    expect(response.text).toContain("Tight junctions: **zonulin** opens them.");
    expect(response.text).toContain("* **Reply** · Ana · ");
    expect(response.text).toContain("  * **Reply** · Olga · ");
  });

  it("serves CSV rows that parse back into every annotation and reply, filtered by tag", async () => {
    const all = await exportRaw(as.olga, doc.documentId, { format: "csv", groupId: groupA });
    expect(all.headers.get("content-type")).toMatch(/^text\/csv/);
    const rows = parse(all.text, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows.filter((row) => row.kind !== "reply").length).toBeGreaterThanOrEqual(4);
    expect(rows.filter((row) => row.kind === "reply").map((row) => row.body)).toEqual(["Which one matters more?", "Zonulin, in this article."]);
    const tagged = parse((await exportRaw(as.olga, doc.documentId, { format: "csv", groupId: groupA, tag: "exam" })).text, { bom: true, columns: true }) as Record<string, string>[];
    expect(tagged.map((row) => [row.quote, row.tags])).toEqual([
      ["endocrine dysregulation", "exam"],
      ["lamina propria", "anatomy; exam"],
    ]);
  });

  it("filters by author and by creation date", async () => {
    const csvRows = async (query: Record<string, string>) =>
      parse((await exportRaw(as.olga, doc.documentId, { format: "csv", groupId: groupA, ...query })).text, { bom: true, columns: true }) as Record<string, string>[];
    const anas = await csvRows({ authorId: ana.id });
    // Her highlight, her note, and the comment the fuzzy import above made in her name.
    expect(anas.filter((row) => row.kind !== "reply").map((row) => row.author)).toEqual(["Ana", "Ana", "Ana"]);
    const today = new Date().toISOString().slice(0, 10);
    expect((await csvRows({ from: today, to: today })).length).toBeGreaterThan(0);
    expect(await csvRows({ from: "2999-01-01" })).toEqual([]);
    expect(await csvRows({ to: "2000-01-01T00:00:00Z" })).toEqual([]);
  });

  it("serves the printable page with a CSP that forbids scripts", async () => {
    const response = await exportRaw(as.olga, doc.documentId, { format: "html", groupId: groupA });
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(response.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(response.text).toContain("<mark>zonulin and occludin</mark>");
    expect(response.text).toContain("Define &lt;script&gt;alert(1)&lt;/script&gt; in the glossary.");
    expect(response.text).not.toContain("<script>");
  });
});

describe("permissions and bad input", () => {
  it("answers 404 for a group the caller is not in, without saying whether it exists", async () => {
    const theirs = await exportRaw(as.ana, doc.documentId, { format: "jsonld", groupId: groupB });
    expectApiError(theirs, 404, "NOT_FOUND");
    const unknown = await exportRaw(as.ana, doc.documentId, { format: "jsonld", groupId: "0f0f0f0f-0f0f-4f0f-8f0f-0f0f0f0f0f0f" });
    expect(unknown.body).toEqual(theirs.body);
    const theirsImport = await importRaw(as.zed, doc.documentId, [], { groupId: groupA });
    expectApiError(theirsImport, 404, "NOT_FOUND");
    const unknownImport = await importRaw(as.zed, doc.documentId, [], { groupId: "0f0f0f0f-0f0f-4f0f-8f0f-0f0f0f0f0f0f" });
    expect(unknownImport.body).toEqual(theirsImport.body);
  });

  it("exports nothing of other people's groups to an outsider", async () => {
    const response = await exportRaw(as.zed, doc.documentId, { format: "csv" });
    expect(response.status).toBe(200);
    expect(parse(response.text, { bom: true, columns: true })).toEqual([]);
  });

  it("refuses a wrong format, a repeated parameter and an unknown document with 4xx codes", async () => {
    expectApiError(await exportRaw(as.olga, doc.documentId, { format: "pdf" }), 400, "VALIDATION_FAILED");
    expectApiError(await exportRaw(as.olga, doc.documentId, "format=csv&format=markdown"), 400, "VALIDATION_FAILED");
    expectApiError(await exportRaw(as.olga, doc.documentId, { format: "csv", from: "yesterday" }), 400, "VALIDATION_FAILED");
    expectApiError(await exportRaw(as.olga, "no-such-document", { format: "csv" }), 404, "NOT_FOUND");
  });

  it("refuses malformed, non-annotation, oversized and over-long files, writing nothing", async () => {
    const before = await getDb().annotation.count();
    expectApiError(await importRaw(as.olga, doc.documentId, '{"type": "Annotation", '), 400, "INVALID_JSON");
    expectApiError(await importRaw(as.olga, doc.documentId, { type: "Person", name: "x" }), 400, "VALIDATION_FAILED");
    expectApiError(await importRaw(as.olga, doc.documentId, [{ type: "Annotation", target: [{ selector: { type: "TextPositionSelector", start: "a" } }] }]), 400, "VALIDATION_FAILED");
    expectApiError(await importRaw(as.olga, doc.documentId, [{ type: "Annotation" }], { contentType: "text/plain" }), 415, "UNSUPPORTED_MEDIA_TYPE");
    expectApiError(await importRaw(as.olga, doc.documentId, [], { query: "?groupId=not-a-uuid" }), 400, "VALIDATION_FAILED");
    const tooMany = Array.from({ length: 5001 }, (_, index) => ({ type: "Annotation", id: `urn:x:${index}`, target: "urn:x:0" }));
    expectApiError(await importRaw(as.olga, doc.documentId, tooMany), 400, "VALIDATION_FAILED");
    const huge = JSON.stringify([{ type: "Annotation", target: "urn:x", bodyValue: "x".repeat(5 * 1024 * 1024) }]);
    expectApiError(await importRaw(as.olga, doc.documentId, huge), 413, "PAYLOAD_TOO_LARGE");
    expect(await getDb().annotation.count()).toBe(before);
  });
});
