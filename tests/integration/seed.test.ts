// The demo seed and document import against a real database: idempotent seeding,
// the stored canonical text of the seed article, and new revisions on change.
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getDocument } from "@/app/api/documents/[idOrSlug]/route";
import { verifyPassword } from "@/server/auth/passwords";
import { getDb } from "@/server/db/client";
import { importDocumentFromText } from "@/server/documents/import-document";
import {
  DEMO_ACCOUNTS,
  DEMO_PASSWORD,
  SEED_DOCUMENT_PATH,
  SEED_DOCUMENT_SLUG,
  seedDemoData,
} from "@/server/seed/seed-demo-data";
import { closeDatabase, countRows, freshDatabase } from "./support/db";
import { useGenerousRateLimits } from "./support/env";
import { callRoute, jsonRequest } from "./support/http";
import { createUserWithToken } from "./support/users";

type Block = { type: "heading" | "paragraph"; start: number; end: number };

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

beforeAll(async () => {
  useGenerousRateLimits();
  await freshDatabase();
});

afterAll(async () => {
  await closeDatabase();
});

async function servedDocument(slug: string) {
  const reader = await createUserWithToken();
  const response = await callRoute(getDocument, jsonRequest(`/api/documents/${slug}`, { token: reader.token }), {
    idOrSlug: slug,
  });
  expect(response.status).toBe(200);
  return response.body as { title: string; revision: { number: number; text: string; contentHash: string } };
}

describe("seedDemoData", () => {
  it("is idempotent: twice gives one document, one revision and the three demo accounts", async () => {
    const first = await seedDemoData();
    const afterFirst = await countRows();
    const second = await seedDemoData();

    expect(first.document).toMatchObject({ created: true, revisionNumber: 1 });
    expect(second.document).toMatchObject({ created: false, revisionNumber: 1, revisionId: first.document.revisionId });
    expect(await countRows()).toEqual(afterFirst);
    expect(afterFirst).toMatchObject({ documents: 1, document_revisions: 1, users: 3 });

    const users = await getDb().user.findMany({ orderBy: { email: "asc" } });
    expect(users.map((user) => [user.email, user.name])).toEqual(
      [...DEMO_ACCOUNTS].sort((a, b) => a.email.localeCompare(b.email)).map((account) => [account.email, account.name]),
    );
    for (const user of users) {
      expect(await verifyPassword(user.passwordHash ?? "", DEMO_PASSWORD)).toBe(true);
    }
  });

  it("leaves a demo account's changed name and password alone when run again", async () => {
    const email = DEMO_ACCOUNTS[0].email;
    await getDb().user.update({ where: { email }, data: { name: "Renamed by the user" } });
    await seedDemoData();
    expect((await getDb().user.findUniqueOrThrow({ where: { email } })).name).toBe("Renamed by the user");
  });

  it("stores the seed article as canonical text without the cookie banner", async () => {
    const document = await getDb().document.findUniqueOrThrow({
      where: { slug: SEED_DOCUMENT_SLUG },
      include: { revisions: true },
    });
    expect(document.title).toBe("Intestinal permeability");
    expect(document.revisions).toHaveLength(1);
    const revision = document.revisions[0]!;
    const blocks = revision.blocks as Block[];

    expect(revision.number).toBe(1);
    expect(revision.text.toLowerCase()).not.toContain("cookie");
    expect(revision.text).not.toMatch(/personaliz|analytics/i);
    expect(revision.contentHash).toBe(sha256(revision.text));

    const headings = blocks.filter((block) => block.type === "heading");
    expect(headings.map((block) => revision.text.slice(block.start, block.end))).toEqual(["Origin", "Mechanism"]);
    expect(blocks.map((block) => block.type)).toEqual(["paragraph", "heading", "paragraph", "heading", "paragraph"]);
    expect(revision.text.startsWith("Intestinal permeability, often colloquially termed")).toBe(true);
    expect(revision.text.endsWith("highlighting the gut’s profound influence on the endocrine system.")).toBe(true);

    // What was dropped is recorded, and it is exactly the banner that the source contains.
    const source = await readFile(SEED_DOCUMENT_PATH, "utf8");
    expect(source.toLowerCase()).toContain("cookie");
    const report = revision.importReport as { dropped: Array<{ text: string; position: string }> };
    expect(report.dropped.length).toBeGreaterThan(0);
    expect(report.dropped.every((block) => block.position === "trailing")).toBe(true);
    expect(report.dropped.some((block) => /cookie/i.test(block.text))).toBe(true);
  });

  it("is served by the API exactly as stored", async () => {
    const served = await servedDocument(SEED_DOCUMENT_SLUG);
    const stored = await getDb().documentRevision.findFirstOrThrow({ where: { document: { slug: SEED_DOCUMENT_SLUG } } });
    expect(served.revision).toMatchObject({ number: 1, text: stored.text, contentHash: stored.contentHash });
  });
});

describe("importDocumentFromText", () => {
  it("creates revision 2 when the text changed, and nothing when the same text comes again", async () => {
    const source = await readFile(SEED_DOCUMENT_PATH, "utf8");
    const changed = source.replace("zonulin and occludin", "zonulin, claudins and occludin");
    expect(changed).not.toBe(source);

    const second = await importDocumentFromText({ slug: SEED_DOCUMENT_SLUG, source: changed });
    expect(second).toMatchObject({ created: true, revisionNumber: 2 });
    const again = await importDocumentFromText({ slug: SEED_DOCUMENT_SLUG, source: changed });
    expect(again).toMatchObject({ created: false, revisionNumber: 2, revisionId: second.revisionId });

    const revisions = await getDb().documentRevision.findMany({
      where: { document: { slug: SEED_DOCUMENT_SLUG } },
      orderBy: { number: "asc" },
    });
    expect(revisions.map((revision) => revision.number)).toEqual([1, 2]);
    const [first, latest] = revisions as [(typeof revisions)[0], (typeof revisions)[0]];
    expect(latest.text).toContain("zonulin, claudins and occludin");
    expect(latest.contentHash).toBe(sha256(latest.text));
    expect(latest.contentHash).not.toBe(first.contentHash);
    // Revisions are immutable: the first one is untouched.
    expect(first.text).toContain("zonulin and occludin");

    const served = await servedDocument(SEED_DOCUMENT_SLUG);
    expect(served.revision.number).toBe(2);
    expect(served.revision.text).toBe(latest.text);
  });

  it("whitespace-only differences in the source do not create a revision", async () => {
    const source = await readFile(SEED_DOCUMENT_PATH, "utf8");
    const changed = source.replace("zonulin and occludin", "zonulin, claudins and occludin");
    const reformatted = `\uFEFF  ${changed.replaceAll("\n", "\r\n").replaceAll(". ", ".   ")}\n\n\n`;
    const result = await importDocumentFromText({ slug: SEED_DOCUMENT_SLUG, source: reformatted });
    expect(result).toMatchObject({ created: false, revisionNumber: 2 });
  });

  it("re-importing an earlier text (seeding again) makes that text the served revision again", async () => {
    // Revision 2 (the changed text) is current. Running the seed again imports the original text:
    // the document must then serve the original text, consistent with the title it sets.
    const result = await seedDemoData();
    const served = await servedDocument(SEED_DOCUMENT_SLUG);
    const original = await getDb().documentRevision.findFirstOrThrow({
      where: { document: { slug: SEED_DOCUMENT_SLUG }, number: 1 },
    });
    expect(served.title).toBe("Intestinal permeability");
    expect(served.revision.text).toBe(original.text);
    expect(served.revision.text).not.toContain("claudins");
    expect(result.document.revisionNumber).toBe(served.revision.number);
  });

  it("a new slug is a new document with its own revision 1", async () => {
    const result = await importDocumentFromText({
      slug: "second-article",
      source: "Second article\n\nBody\nA short body paragraph.",
      title: "An explicit title",
    });
    expect(result).toMatchObject({ created: true, revisionNumber: 1 });
    const document = await getDb().document.findUniqueOrThrow({ where: { slug: "second-article" } });
    expect(document.title).toBe("An explicit title");
    expect(await getDb().document.count()).toBe(2);
  });
});
