// Annotations for tests: the seed article as a document to annotate, groups made
// straight in the database (the group-management API comes later), valid targets
// built with describeTextRange, and thin callers for every /api/annotations route.
import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { expect } from "vitest";
import { DELETE as deleteReactionRoute } from "@/app/api/annotations/[id]/reactions/[type]/route";
import { POST as reactRoute } from "@/app/api/annotations/[id]/reactions/route";
import { POST as reopenRoute } from "@/app/api/annotations/[id]/reopen/route";
import { POST as replyRoute } from "@/app/api/annotations/[id]/replies/route";
import { POST as resolveRoute } from "@/app/api/annotations/[id]/resolve/route";
import { DELETE as deleteRoute, GET as getRoute, PATCH as patchRoute } from "@/app/api/annotations/[id]/route";
import { GET as listRoute, POST as createRoute } from "@/app/api/annotations/route";
import { GET as groupsRoute } from "@/app/api/groups/route";
import { describeTextRange } from "@/lib/anchoring/describe-range";
import type { AnnotationTarget } from "@/lib/anchoring/selectors";
import { AnnotationListHead, AnnotationListResponse, AnnotationResponse, type AnnotationDto } from "@/lib/api/annotations";
import type { GroupSummaryDto } from "@/lib/api/groups";
import type { GroupRole } from "@/lib/permissions/permission-table";
import { getDb } from "@/server/db/client";
import { importDocumentFromText } from "@/server/documents/import-document";
import { createGroupWithVocabulary } from "@/server/groups/create-personal-group";
import { SEED_DOCUMENT_PATH } from "@/server/seed/seed-demo-data";
import { quoteIdentifier } from "./db";
import { callRoute, jsonRequest, type ApiResponse } from "./http";

export type Auth = { token?: string; cookie?: string };
export type TestDocument = { documentId: string; revisionId: string; text: string };

/** Imports the seed article's text (without the demo discussion) under its own slug. */
export async function importTestArticle(slug = "annotations-test-article"): Promise<TestDocument> {
  const source = await readFile(SEED_DOCUMENT_PATH, "utf8");
  const imported = await importDocumentFromText({ slug, source });
  return { documentId: imported.documentId, revisionId: imported.revisionId, text: imported.imported.text };
}

/** A small second document, for "revision of another document" cases. */
export async function importOtherDocument(slug = "annotations-other-document"): Promise<TestDocument> {
  const source = ["Other notes", "", "A short text about something else entirely."].join("\n");
  const imported = await importDocumentFromText({ slug, source });
  return { documentId: imported.documentId, revisionId: imported.revisionId, text: imported.imported.text };
}

/** A non-personal group with the default vocabulary, made the way the seed makes one. */
export async function createTestGroup(
  name: string,
  members: Array<{ userId: string; role: GroupRole }>,
): Promise<{ id: string; name: string }> {
  return getDb().$transaction((tx) => createGroupWithVocabulary(tx, { name, members }));
}

export async function personalGroupId(userId: string): Promise<string> {
  const group = await getDb().group.findFirstOrThrow({
    where: { isPersonal: true, memberships: { some: { userId } } },
    select: { id: true },
  });
  return group.id;
}

/** The target of text.slice(start, end), exactly as the reader's client would describe it. */
export function targetAt(text: string, start: number, end: number): AnnotationTarget {
  const described = describeTextRange(text, start, end);
  if (!described.ok) throw new Error(`Cannot describe ${start}-${end}: ${described.message}`);
  return { selector: described.selectors };
}

/** The target of the `occurrence`-th (0-based) occurrence of `quote` in the text. */
export function targetFor(text: string, quote: string, occurrence = 0): AnnotationTarget {
  let start = -1;
  for (let seen = 0; seen <= occurrence; seen++) {
    start = text.indexOf(quote, start + 1);
    if (start < 0) throw new Error(`Quote not found in the text: ${quote}`);
  }
  return targetAt(text, start, start + quote.length);
}

export function textBody(text: string) {
  return { format: "text" as const, text };
}

/**
 * Uuids that sort in creation order within a test file, so siblings created in the same
 * millisecond still come back in a known order (ties on createdAt fall back to the id).
 */
export function createOrderedIds(): () => string {
  const prefix = randomBytes(4).toString("hex");
  let counter = 0;
  return () => `${prefix}-0000-4000-8000-${String(++counter).padStart(12, "0")}`;
}

// ---- Route callers --------------------------------------------------------------------------

function withAuth(auth: Auth) {
  return { token: auth.token, cookie: auth.cookie };
}

export function postAnnotation(auth: Auth, body: unknown, options: { contentType?: string | null } = {}) {
  return callRoute(createRoute, jsonRequest("/api/annotations", { method: "POST", body, ...options, ...withAuth(auth) }));
}

export function listAnnotationsRaw(auth: Auth, query: Record<string, string> | string) {
  const search = typeof query === "string" ? query : new URLSearchParams(query).toString();
  return callRoute(listRoute, jsonRequest(`/api/annotations?${search}`, withAuth(auth)));
}

export function getAnnotation(auth: Auth, id: string) {
  return callRoute(getRoute, jsonRequest(`/api/annotations/${encodeURIComponent(id)}`, withAuth(auth)), { id });
}

export function patchAnnotation(auth: Auth, id: string, body: unknown, options: { contentType?: string | null } = {}) {
  const request = jsonRequest(`/api/annotations/${encodeURIComponent(id)}`, { method: "PATCH", body, ...options, ...withAuth(auth) });
  return callRoute(patchRoute, request, { id });
}

export function deleteAnnotation(auth: Auth, id: string) {
  const request = jsonRequest(`/api/annotations/${encodeURIComponent(id)}`, { method: "DELETE", ...withAuth(auth) });
  return callRoute(deleteRoute, request, { id });
}

export function postReply(auth: Auth, parentId: string, body: unknown, options: { contentType?: string | null } = {}) {
  const request = jsonRequest(`/api/annotations/${encodeURIComponent(parentId)}/replies`, {
    method: "POST",
    body,
    ...options,
    ...withAuth(auth),
  });
  return callRoute(replyRoute, request, { id: parentId });
}

export function postReaction(auth: Auth, id: string, body: unknown, options: { contentType?: string | null } = {}) {
  const request = jsonRequest(`/api/annotations/${encodeURIComponent(id)}/reactions`, {
    method: "POST",
    body,
    ...options,
    ...withAuth(auth),
  });
  return callRoute(reactRoute, request, { id });
}

export function deleteReaction(auth: Auth, id: string, type: string) {
  const path = `/api/annotations/${encodeURIComponent(id)}/reactions/${encodeURIComponent(type)}`;
  return callRoute(deleteReactionRoute, jsonRequest(path, { method: "DELETE", ...withAuth(auth) }), { id, type });
}

export function resolveAnnotation(auth: Auth, id: string) {
  const request = jsonRequest(`/api/annotations/${encodeURIComponent(id)}/resolve`, { method: "POST", ...withAuth(auth) });
  return callRoute(resolveRoute, request, { id });
}

export function reopenAnnotation(auth: Auth, id: string) {
  const request = jsonRequest(`/api/annotations/${encodeURIComponent(id)}/reopen`, { method: "POST", ...withAuth(auth) });
  return callRoute(reopenRoute, request, { id });
}

export function listGroups(auth: Auth) {
  return callRoute(groupsRoute, jsonRequest("/api/groups", withAuth(auth)));
}

// ---- Asserting callers ----------------------------------------------------------------------

/** Parses a response body as the Annotation schema (the published contract) and returns it. */
export function expectAnnotation(response: ApiResponse, status: number): AnnotationDto {
  expect(response.status, response.text).toBe(status);
  const parsed = AnnotationResponse.safeParse(response.body);
  expect(parsed.success, parsed.success ? "" : JSON.stringify(parsed.error.issues)).toBe(true);
  return response.body as AnnotationDto;
}

export async function createAnnotationOk(auth: Auth, body: Record<string, unknown>): Promise<AnnotationDto> {
  return expectAnnotation(await postAnnotation(auth, body), 201);
}

export async function replyOk(auth: Auth, parentId: string, text: string, id?: string): Promise<AnnotationDto> {
  const body = id === undefined ? { body: textBody(text) } : { id, body: textBody(text) };
  return expectAnnotation(await postReply(auth, parentId, body), 201);
}

export async function listOk(auth: Auth, query: Record<string, string>): Promise<AnnotationDto[]> {
  const response = await listAnnotationsRaw(auth, query);
  expect(response.status, response.text).toBe(200);
  const parsed = AnnotationListResponse.safeParse(response.body);
  expect(parsed.success, parsed.success ? "" : JSON.stringify(parsed.error.issues)).toBe(true);
  return (response.body as { items: AnnotationDto[] }).items;
}

/** GET /api/annotations?format=ndjson, read line by line: the head line and the threads after it. */
export async function listNdjsonOk(auth: Auth, query: Record<string, string>): Promise<{ head: unknown; items: AnnotationDto[] }> {
  const search = new URLSearchParams({ ...query, format: "ndjson" }).toString();
  const response = await listRoute(jsonRequest(`/api/annotations?${search}`, withAuth(auth)), { params: Promise.resolve({}) });
  const text = await response.text();
  expect(response.status, text).toBe(200);
  expect(response.headers.get("content-type")).toMatch(/^application\/x-ndjson/);
  expect(text.endsWith("\n")).toBe(true);
  const [head, ...items] = text.slice(0, -1).split("\n").map((line) => JSON.parse(line) as unknown);
  expect(AnnotationListHead.safeParse(head).success).toBe(true);
  for (const item of items) expect(AnnotationResponse.safeParse(item).success).toBe(true);
  return { head, items: items as AnnotationDto[] };
}

export async function listGroupsOk(auth: Auth): Promise<GroupSummaryDto[]> {
  const response = await listGroups(auth);
  expect(response.status, response.text).toBe(200);
  return (response.body as { items: GroupSummaryDto[] }).items;
}

/** Every annotation id in a list of threads, depth first (root, then its replies in order). */
export function threadIds(threads: readonly AnnotationDto[]): string[] {
  const ids: string[] = [];
  const visit = (node: AnnotationDto) => {
    ids.push(node.id);
    node.replies.forEach(visit);
  };
  threads.forEach(visit);
  return ids;
}

const COUNTED_TABLES = [
  "users",
  "sessions",
  "api_tokens",
  "documents",
  "document_revisions",
  "groups",
  "group_memberships",
  "group_tags",
  "annotations",
  "annotation_reactions",
] as const;

/**
 * Row counts of every table refused input must never change, annotations included, in one
 * query over the app's own pool (cheap enough to run around each of a hundred cases).
 */
export async function countAnnotationRows(): Promise<Record<(typeof COUNTED_TABLES)[number], number>> {
  const columns = COUNTED_TABLES.map((table) => `(SELECT count(*) FROM ${quoteIdentifier(table)})::int AS ${quoteIdentifier(table)}`);
  const rows = await getDb().$queryRawUnsafe<Array<Record<(typeof COUNTED_TABLES)[number], number>>>(`SELECT ${columns.join(", ")}`);
  return rows[0]!;
}

/** The stored row of an annotation (or null), for checks the API does not show. */
export function annotationRow(id: string) {
  return getDb().annotation.findUnique({ where: { id } });
}
