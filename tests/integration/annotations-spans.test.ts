// GET /api/annotations/spans: the passages the reader paints, under the same
// visibility rules as the full list (no private, hidden or foreign annotations).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as listSpans } from "@/app/api/annotations/spans/route";
import { getDb } from "@/server/db/client";
import { seedDemoData } from "@/server/seed/seed-demo-data";
import { closeDatabase, freshDatabase } from "./support/db";
import { useGenerousRateLimits } from "./support/env";
import { callRoute, jsonRequest } from "./support/http";
import { createTokenFor } from "./support/users";

type Spans = { items: Array<{ id: string; start: number; end: number; color: string }> };
let documentId: string;
let anaToken: string;
let benToken: string;

beforeAll(async () => {
  useGenerousRateLimits();
  await freshDatabase();
  const seeded = await seedDemoData();
  documentId = seeded.document.documentId;
  anaToken = (await createTokenFor({ email: "ana@demo.marginalia.test", password: "reading-together" })).token;
  benToken = (await createTokenFor({ email: "ben@demo.marginalia.test", password: "reading-together" })).token;
});
afterAll(closeDatabase);

const spansFor = async (token: string) =>
  callRoute(listSpans, jsonRequest(`/api/annotations/spans?documentId=${documentId}`, { token }));

describe("GET /api/annotations/spans", () => {
  it("returns every root passage the reader can see, with its color, and nothing else", async () => {
    const response = await spansFor(anaToken);
    expect(response.status).toBe(200);
    const { items } = response.body as Spans;
    // Ana: 9 passages (the page note has none), 2 of them her private ones.
    expect(items).toHaveLength(9);
    for (const span of items) {
      expect(Object.keys(span).sort()).toEqual(["color", "end", "id", "start"]);
      expect(span.end).toBeGreaterThan(span.start);
    }
    const rows = await getDb().annotation.findMany({ where: { id: { in: items.map((span) => span.id) } }, select: { targetStart: true, parentId: true } });
    expect(rows.every((row) => row.parentId === null && row.targetStart !== null)).toBe(true);
  });

  it("leaves out other people's private annotations and hidden ones", async () => {
    const bens = (await spansFor(benToken)).body as Spans;
    expect(bens.items).toHaveLength(7);
    const hidden = bens.items[0]!;
    await getDb().annotation.update({ where: { id: hidden.id }, data: { hiddenAt: new Date() } });
    const anas = (await spansFor(anaToken)).body as Spans;
    const author = await getDb().annotation.findUniqueOrThrow({ where: { id: hidden.id }, select: { author: { select: { email: true } } } });
    const anaIsAuthor = author.author.email.startsWith("ana@");
    expect(anas.items.some((span) => span.id === hidden.id)).toBe(anaIsAuthor);
    await getDb().annotation.update({ where: { id: hidden.id }, data: { hiddenAt: null } });
  });

  it("refuses a bad document id and an anonymous caller", async () => {
    expect((await callRoute(listSpans, jsonRequest("/api/annotations/spans?documentId=nope", { token: anaToken }))).status).toBe(400);
    expect((await callRoute(listSpans, jsonRequest(`/api/annotations/spans?documentId=${documentId}`))).status).toBe(401);
  });
});
