// Bad input for every annotations endpoint: each refusal has its status and error code,
// and the annotation tables (and every other table) are left exactly as they were.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { AnnotationDto } from "@/lib/api/annotations";
import type { ErrorCode } from "@/lib/errors";
import {
  annotationRow,
  countAnnotationRows,
  createAnnotationOk,
  createTestGroup,
  deleteAnnotation,
  deleteReaction,
  importOtherDocument,
  importTestArticle,
  listAnnotationsRaw,
  patchAnnotation,
  personalGroupId,
  postAnnotation,
  postReaction,
  postReply,
  reopenAnnotation,
  replyOk,
  resolveAnnotation,
  targetAt,
  targetFor,
  textBody,
  type Auth,
  type TestDocument,
} from "./support/annotations";
import { closeDatabase, freshDatabase } from "./support/db";
import { useGenerousRateLimits } from "./support/env";
import { expectApiError, oversizedJsonBody, type ApiResponse } from "./support/http";
import { createUserWithToken, type TestUserWithToken } from "./support/users";

let doc: TestDocument;
let other: TestDocument;
let ana: TestUserWithToken;
let ben: TestUserWithToken;
let outsider: TestUserWithToken;
let anaAuth: Auth;
let groupId: string;
/** Ana's group comment the PATCH/reply/reaction/resolve cases aim at. */
let target: AnnotationDto;
/** A tombstone: Ana's deleted comment that keeps Ben's reply. */
let tombstone: AnnotationDto;
/** Ana's tagged note. */
let note: AnnotationDto;

beforeAll(async () => {
  useGenerousRateLimits();
  await freshDatabase();
  [doc, other] = await Promise.all([importTestArticle(), importOtherDocument()]);
  [ana, ben, outsider] = await Promise.all([
    createUserWithToken({ name: "Ana" }),
    createUserWithToken({ name: "Ben" }),
    createUserWithToken({ name: "Outsider" }),
  ]);
  anaAuth = { token: ana.token };
  groupId = (
    await createTestGroup("Seminar", [
      { userId: ana.id, role: "member" },
      { userId: ben.id, role: "member" },
    ])
  ).id;
  target = await createAnnotationOk(anaAuth, base({ kind: "comment", target: targetFor(doc.text, "tight junctions"), body: textBody("original") }));
  note = await createAnnotationOk(anaAuth, base({ kind: "note", tags: ["evidence"], target: targetFor(doc.text, "gastroenterology") }));
  tombstone = await createAnnotationOk(anaAuth, base({ kind: "comment", body: textBody("to be deleted") }));
  await replyOk({ token: ben.token }, tombstone.id, "a reply that keeps the thread");
  expect((await deleteAnnotation(anaAuth, tombstone.id)).status).toBe(204);
});

afterAll(async () => {
  await closeDatabase();
});

function base(overrides: Record<string, unknown> = {}) {
  return { documentId: doc.documentId, revisionId: doc.revisionId, groupId, ...overrides };
}

let before: Awaited<ReturnType<typeof countAnnotationRows>>;

beforeEach(async () => {
  before = await countAnnotationRows();
});

async function expectRefused(response: ApiResponse, status: number, code: ErrorCode) {
  expectApiError(response, status, code);
  expect(await countAnnotationRows()).toEqual(before);
}

const longText = "x".repeat(10_001);
const rawTarget = (start: number, end: number, exact: string) => ({
  selector: [{ type: "TextPositionSelector", start, end }, { type: "TextQuoteSelector", exact }],
});
const link = (href: string) => ({
  format: "tiptap",
  doc: { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "click", marks: [{ type: "link", attrs: { href } }] }] }] },
});

describe("POST /api/annotations", () => {
  const valid = () => base({ kind: "comment", target: targetFor(doc.text, "epithelial cells"), body: textBody("fine") });

  const validationCases: Array<[string, () => unknown]> = [
    ["a highlight without a target", () => base({ kind: "highlight" })],
    ["a comment without a body", () => base({ kind: "comment", target: targetFor(doc.text, "epithelial cells") })],
    ["a note without tags", () => base({ kind: "note", target: targetFor(doc.text, "epithelial cells") })],
    ["a note with an empty tag list", () => base({ kind: "note", tags: [] })],
    ["a text body over 10,000 characters", () => ({ ...valid(), body: textBody(longText) })],
    [
      "a Tiptap body whose text nodes add up to over 10,000 characters",
      () => ({
        ...valid(),
        body: {
          format: "tiptap",
          doc: {
            type: "doc",
            content: [
              { type: "paragraph", content: [{ type: "text", text: "a".repeat(5_001) }] },
              { type: "paragraph", content: [{ type: "text", text: "b".repeat(5_000) }] },
            ],
          },
        },
      }),
    ],
    ["an empty text body", () => ({ ...valid(), body: textBody("") })],
    // Stored, this would be an empty comment: doc [{ type: "paragraph" }], html "<p></p>", text "".
    ["a whitespace-only text body", () => ({ ...valid(), body: textBody("   \n\n  ") })],
    ["an empty Tiptap doc", () => ({ ...valid(), body: { format: "tiptap", doc: { type: "doc", content: [{ type: "paragraph" }] } } })],
    ["a body in an unknown format", () => ({ ...valid(), body: { format: "html", html: "<p>hi</p>" } })],
    [
      "a Tiptap node type outside the allow-list",
      () => ({ ...valid(), body: { format: "tiptap", doc: { type: "doc", content: [{ type: "image", attrs: { src: "x" } }] } } }),
    ],
    ["a javascript: link in Tiptap JSON", () => ({ ...valid(), body: link("javascript:alert(1)") })],
    ["a JaVaScRiPt: link with mixed case", () => ({ ...valid(), body: link("JaVaScRiPt:alert(1)") })],
    ["a java\\tscript: link", () => ({ ...valid(), body: link("java\tscript:alert(1)") })],
    ["a data: link", () => ({ ...valid(), body: link("data:text/html,<script>alert(1)</script>") })],
    ["a relative link", () => ({ ...valid(), body: link("/admin") })],
    ["a tag with markup (<b>)", () => ({ ...valid(), tags: ["<b>"] })],
    ["a tag of 41 characters", () => ({ ...valid(), tags: ["t".repeat(41)] })],
    ["an empty tag", () => ({ ...valid(), tags: [""] })],
    ["a blank tag", () => ({ ...valid(), tags: ["   "] })],
    ["a tag that is not a string", () => ({ ...valid(), tags: [42] })],
    ["more than 10 tags", () => ({ ...valid(), tags: Array.from({ length: 11 }, (_, index) => `tag ${index}`) })],
    ["an unknown color", () => ({ ...valid(), color: "red" })],
    ["a CSS color", () => ({ ...valid(), color: "#ff0000" })],
    ["an unknown kind", () => base({ kind: "bookmark", body: textBody("x") })],
    ["an unknown field (authorId)", () => ({ ...valid(), authorId: ben.id })],
    ["an unknown field (resolved)", () => ({ ...valid(), resolved: true })],
    ["an unknown field (parentId)", () => ({ ...valid(), parentId: target.id })],
    ["an unknown field inside the target", () => ({ ...valid(), target: { ...targetFor(doc.text, "epithelial cells"), extra: 1 } })],
    ["a missing groupId (null means private, so it must be explicit)", () => {
      const { groupId: _omitted, ...rest } = valid();
      return rest;
    }],
    ["groupId \"private\"", () => ({ ...valid(), groupId: "private" })],
    ["a non-uuid id", () => ({ ...valid(), id: "my-annotation" })],
    ["a non-uuid documentId", () => ({ ...valid(), documentId: "intestinal-permeability" })],
    ["a missing revisionId", () => ({ ...valid(), revisionId: undefined })],
    ["selectors in the wrong order", () => ({ ...valid(), target: { selector: [...targetFor(doc.text, "epithelial cells").selector].reverse() } })],
    ["a quote selector with an empty quote", () => {
      const [position, quote] = targetFor(doc.text, "epithelial cells").selector;
      return { ...valid(), target: { selector: [position, { ...quote, exact: "" }] } };
    }],
    ["a negative offset", () => ({ ...valid(), target: rawTarget(-1, 3, "Int") })],
    ["a fractional offset", () => ({ ...valid(), target: rawTarget(0.5, 3, "Int") })],
    ["a JSON array", () => [valid()]],
    ["JSON null", () => "null"],
  ];

  it.each(validationCases)("400 VALIDATION_FAILED for %s", async (_label, body) => {
    await expectRefused(await postAnnotation(anaAuth, body()), 400, "VALIDATION_FAILED");
  });

  function withTarget(start: number, end: number, exact: string) {
    return base({ kind: "highlight", target: rawTarget(start, end, exact) });
  }

  const targetCases: Array<[string, () => unknown, string]> = [
    ["a quote that does not match the text at the offsets", () => withTarget(0, 10, "Extestinal"), "QUOTE_MISMATCH"],
    ["the right quote at the wrong offsets", () => withTarget(1, 11, "Intestinal"), "QUOTE_MISMATCH"],
    ["a quote with straight quotes where the text has curly ones", () => {
      const start = doc.text.indexOf("“leaky gut,”");
      return withTarget(start, start + 12, '"leaky gut,"');
    }, "QUOTE_MISMATCH"],
    ["a prefix that is not the text before the quote", () => {
      const { selector } = targetFor(doc.text, "epithelial cells");
      return base({ kind: "highlight", target: { selector: [selector[0], { ...selector[1], prefix: "not what precedes " }] } });
    }, "QUOTE_MISMATCH"],
    ["a suffix that is not the text after the quote", () => {
      const { selector } = targetFor(doc.text, "epithelial cells");
      return base({ kind: "highlight", target: { selector: [selector[0], { ...selector[1], suffix: " not what follows" }] } });
    }, "QUOTE_MISMATCH"],
    ["an end past the end of the text", () => withTarget(doc.text.length - 4, doc.text.length + 1, `${doc.text.slice(-4)}x`), "OUT_OF_RANGE"],
    ["a start past the end of the text", () => withTarget(doc.text.length + 10, doc.text.length + 12, "xx"), "OUT_OF_RANGE"],
    ["a start after the end", () => withTarget(10, 5, "Intes"), "OUT_OF_RANGE"],
    ["an empty range", () => withTarget(5, 5, "x"), "EMPTY_SELECTION"],
    ["a whitespace-only selection (the gap between two blocks)", () => {
      const start = doc.text.indexOf("\n\nOrigin");
      return withTarget(start, start + 2, "\n\n");
    }, "WHITESPACE_ONLY"],
    ["a single space", () => {
      const start = doc.text.indexOf(" ");
      return withTarget(start, start + 1, " ");
    }, "WHITESPACE_ONLY"],
  ];

  it.each(targetCases)("422 INVALID_TARGET for %s", async (_label, body, reason) => {
    const response = await postAnnotation(anaAuth, body());
    await expectRefused(response, 422, "INVALID_TARGET");
    expect((response.body as { error: { details?: { reason?: string } } }).error.details?.reason).toBe(reason);
  });

  const notFoundCases: Array<[string, () => unknown]> = [
    ["an unknown revision", () => ({ ...valid(), revisionId: randomUUID() })],
    ["an unknown document", () => ({ ...valid(), documentId: randomUUID() })],
    ["a revision of another document", () => ({ ...valid(), revisionId: other.revisionId })],
    ["another document with this document's revision", () => ({ ...valid(), documentId: other.documentId })],
    ["a group that does not exist", () => ({ ...valid(), groupId: randomUUID() })],
  ];

  it.each(notFoundCases)("404 NOT_FOUND for %s", async (_label, body) => {
    await expectRefused(await postAnnotation(anaAuth, body()), 404, "NOT_FOUND");
  });

  it("404 NOT_FOUND for a group the user is not a member of (another user's personal group, a shared group)", async () => {
    const outsiderAuth = { token: outsider.token };
    await expectRefused(await postAnnotation(outsiderAuth, { ...valid(), groupId }), 404, "NOT_FOUND");
    await expectRefused(await postAnnotation(anaAuth, { ...valid(), groupId: await personalGroupId(ben.id) }), 404, "NOT_FOUND");
  });

  it("checks the target against the revision: a valid target of another document is refused", async () => {
    const start = other.text.indexOf("something else");
    const foreign = targetAt(other.text, start, start + "something else".length);
    const response = await postAnnotation(anaAuth, base({ kind: "highlight", target: foreign }));
    await expectRefused(response, 422, "INVALID_TARGET");
  });

  it("400 INVALID_JSON for malformed JSON", async () => {
    await expectRefused(await postAnnotation(anaAuth, `{"kind": "comment", `), 400, "INVALID_JSON");
  });

  it.each([
    ["text/plain", "text/plain"],
    ["form-urlencoded", "application/x-www-form-urlencoded"],
    ["no content type", null],
  ])("415 UNSUPPORTED_MEDIA_TYPE for %s", async (_label, contentType) => {
    await expectRefused(await postAnnotation(anaAuth, JSON.stringify(valid()), { contentType }), 415, "UNSUPPORTED_MEDIA_TYPE");
  });

  it("413 PAYLOAD_TOO_LARGE for a body over 64 KiB", async () => {
    await expectRefused(await postAnnotation(anaAuth, oversizedJsonBody(valid())), 413, "PAYLOAD_TOO_LARGE");
  });

  it("401 UNAUTHENTICATED before anything else, even for invalid input", async () => {
    await expectRefused(await postAnnotation({}, { nonsense: true }), 401, "UNAUTHENTICATED");
  });
});

describe("PATCH /api/annotations/{id}", () => {
  async function expectUnchanged(original: AnnotationDto) {
    const row = await annotationRow(original.id);
    expect({
      updatedAt: row?.updatedAt.toISOString(),
      bodyText: row?.bodyText ?? null,
      tags: row?.tags,
      color: row?.color,
      targetStart: row?.targetStart,
      groupId: row?.groupId,
      resolvedAt: row?.resolvedAt,
    }).toEqual({
      updatedAt: original.updatedAt,
      bodyText: original.body?.text ?? null,
      tags: original.tags,
      color: original.color,
      targetStart: original.target?.selector[0].start ?? null,
      groupId: original.groupId,
      resolvedAt: null,
    });
  }

  const cases: Array<[string, () => unknown]> = [
    ["an empty object", () => ({})],
    ["an unknown field (kind)", () => ({ kind: "highlight" })],
    ["an attempt to move the target", () => ({ target: targetFor(doc.text, "microbial products") })],
    ["an attempt to change the group", () => ({ groupId: null })],
    ["an attempt to resolve through PATCH", () => ({ resolved: true })],
    ["a body over 10,000 characters", () => ({ body: textBody(longText) })],
    ["a javascript: link", () => ({ body: link("javascript:alert(document.cookie)") })],
    ["a malformed tag", () => ({ tags: ["<b>"] })],
    ["more than 10 tags", () => ({ tags: Array.from({ length: 11 }, (_, index) => `t${index}`) })],
    ["an unknown color", () => ({ color: "red" })],
    ["body null", () => ({ body: null })],
    ["a JSON array", () => [{ color: "blue" }]],
  ];

  it.each(cases)("400 VALIDATION_FAILED for %s, and the annotation is unchanged", async (_label, body) => {
    await expectRefused(await patchAnnotation(anaAuth, target.id, body()), 400, "VALIDATION_FAILED");
    await expectUnchanged(target);
  });

  it("400 VALIDATION_FAILED when a tagged note would lose all its tags", async () => {
    await expectRefused(await patchAnnotation(anaAuth, note.id, { tags: [] }), 400, "VALIDATION_FAILED");
    await expectUnchanged(note);
  });

  it.each([
    ["a word", "not-a-uuid"],
    ["SQL", "1' OR '1'='1"],
    ["an empty id", ""],
  ])("400 VALIDATION_FAILED for a non-uuid id (%s)", async (_label, id) => {
    await expectRefused(await patchAnnotation(anaAuth, id, { color: "blue" }), 400, "VALIDATION_FAILED");
  });

  it("404 NOT_FOUND for an unknown id", async () => {
    await expectRefused(await patchAnnotation(anaAuth, randomUUID(), { color: "blue" }), 404, "NOT_FOUND");
  });

  it("409 CONFLICT for a deleted annotation (a tombstone)", async () => {
    await expectRefused(await patchAnnotation(anaAuth, tombstone.id, { body: textBody("resurrect") }), 409, "CONFLICT");
    expect((await annotationRow(tombstone.id))?.bodyText).toBeNull();
  });

  it("400 INVALID_JSON, 415 and 413", async () => {
    await expectRefused(await patchAnnotation(anaAuth, target.id, "{"), 400, "INVALID_JSON");
    await expectRefused(await patchAnnotation(anaAuth, target.id, JSON.stringify({ color: "blue" }), { contentType: "text/plain" }), 415, "UNSUPPORTED_MEDIA_TYPE");
    await expectRefused(await patchAnnotation(anaAuth, target.id, oversizedJsonBody({ color: "blue" })), 413, "PAYLOAD_TOO_LARGE");
    await expectUnchanged(target);
  });

  it("401 UNAUTHENTICATED without credentials", async () => {
    await expectRefused(await patchAnnotation({}, target.id, { color: "blue" }), 401, "UNAUTHENTICATED");
    await expectUnchanged(target);
  });
});

describe("POST /api/annotations/{id}/replies", () => {
  const cases: Array<[string, () => unknown]> = [
    ["no body", () => ({})],
    ["an empty text body", () => ({ body: textBody("") })],
    ["a body over 10,000 characters", () => ({ body: textBody(longText) })],
    ["a javascript: link", () => ({ body: link("javascript:alert(1)") })],
    ["an unknown field (target)", () => ({ body: textBody("x"), target: targetFor(doc.text, "tight junctions") })],
    ["an unknown field (tags)", () => ({ body: textBody("x"), tags: ["question"] })],
    ["an unknown field (groupId)", () => ({ body: textBody("x"), groupId: null })],
    ["a non-uuid id", () => ({ id: "reply-1", body: textBody("x") })],
    ["a plain string body", () => ({ body: "hello" })],
  ];

  it.each(cases)("400 VALIDATION_FAILED for %s", async (_label, body) => {
    await expectRefused(await postReply(anaAuth, target.id, body()), 400, "VALIDATION_FAILED");
  });

  it("400 VALIDATION_FAILED for a non-uuid parent id", async () => {
    await expectRefused(await postReply(anaAuth, "parent", { body: textBody("x") }), 400, "VALIDATION_FAILED");
  });

  it("404 NOT_FOUND for an unknown parent, or one the user cannot see", async () => {
    await expectRefused(await postReply(anaAuth, randomUUID(), { body: textBody("x") }), 404, "NOT_FOUND");
    await expectRefused(await postReply({ token: outsider.token }, target.id, { body: textBody("x") }), 404, "NOT_FOUND");
  });

  it("409 CONFLICT for a reply to a deleted annotation", async () => {
    await expectRefused(await postReply(anaAuth, tombstone.id, { body: textBody("x") }), 409, "CONFLICT");
  });

  it("409 CONFLICT for a reply id already used by another user", async () => {
    await expectRefused(await postReply({ token: ben.token }, target.id, { id: target.id, body: textBody("x") }), 409, "CONFLICT");
  });

  it("400 INVALID_JSON, 415, 413 and 401", async () => {
    await expectRefused(await postReply(anaAuth, target.id, "[1,"), 400, "INVALID_JSON");
    await expectRefused(await postReply(anaAuth, target.id, JSON.stringify({ body: textBody("x") }), { contentType: null }), 415, "UNSUPPORTED_MEDIA_TYPE");
    await expectRefused(await postReply(anaAuth, target.id, oversizedJsonBody({ body: textBody("x") })), 413, "PAYLOAD_TOO_LARGE");
    await expectRefused(await postReply({}, target.id, { body: textBody("x") }), 401, "UNAUTHENTICATED");
  });
});

describe("reactions", () => {
  it.each([
    ["an unknown type", { type: "like" }],
    ["a missing type", {}],
    ["an extra field", { type: "helpful", userId: randomUUID() }],
    ["a list of types", { type: ["helpful"] }],
  ])("POST: 400 VALIDATION_FAILED for %s", async (_label, body) => {
    await expectRefused(await postReaction(anaAuth, target.id, body), 400, "VALIDATION_FAILED");
  });

  it("POST: 400 for a non-uuid id, 404 for an unknown or invisible one, 409 on a tombstone", async () => {
    await expectRefused(await postReaction(anaAuth, "x", { type: "helpful" }), 400, "VALIDATION_FAILED");
    await expectRefused(await postReaction(anaAuth, randomUUID(), { type: "helpful" }), 404, "NOT_FOUND");
    await expectRefused(await postReaction({ token: outsider.token }, target.id, { type: "helpful" }), 404, "NOT_FOUND");
    await expectRefused(await postReaction(anaAuth, tombstone.id, { type: "helpful" }), 409, "CONFLICT");
  });

  it("POST: 400 INVALID_JSON, 415 and 401", async () => {
    await expectRefused(await postReaction(anaAuth, target.id, "{type: helpful}"), 400, "INVALID_JSON");
    await expectRefused(await postReaction(anaAuth, target.id, JSON.stringify({ type: "helpful" }), { contentType: "text/plain" }), 415, "UNSUPPORTED_MEDIA_TYPE");
    await expectRefused(await postReaction({}, target.id, { type: "helpful" }), 401, "UNAUTHENTICATED");
  });

  it("DELETE: 400 for an unknown type or a non-uuid id, 404 for an unknown annotation, 401 without credentials", async () => {
    await expectRefused(await deleteReaction(anaAuth, target.id, "like"), 400, "VALIDATION_FAILED");
    await expectRefused(await deleteReaction(anaAuth, target.id, "HELPFUL"), 400, "VALIDATION_FAILED");
    await expectRefused(await deleteReaction(anaAuth, "x", "helpful"), 400, "VALIDATION_FAILED");
    await expectRefused(await deleteReaction(anaAuth, randomUUID(), "helpful"), 404, "NOT_FOUND");
    await expectRefused(await deleteReaction({ token: outsider.token }, target.id, "helpful"), 404, "NOT_FOUND");
    await expectRefused(await deleteReaction({}, target.id, "helpful"), 401, "UNAUTHENTICATED");
  });
});

describe("resolve, reopen and delete", () => {
  it.each([
    ["resolve", resolveAnnotation],
    ["reopen", reopenAnnotation],
    ["delete", deleteAnnotation],
  ] as const)("%s: 400 for a non-uuid id, 404 for an unknown or invisible one, 401 without credentials", async (_label, call) => {
    await expectRefused(await call(anaAuth, "1; DROP TABLE annotations"), 400, "VALIDATION_FAILED");
    await expectRefused(await call(anaAuth, randomUUID()), 404, "NOT_FOUND");
    await expectRefused(await call({ token: outsider.token }, target.id), 404, "NOT_FOUND");
    await expectRefused(await call({}, target.id), 401, "UNAUTHENTICATED");
    expect((await annotationRow(target.id))?.resolvedAt).toBeNull();
  });
});

describe("GET /api/annotations", () => {
  const documentId = () => doc.documentId;

  it.each([
    ["no documentId", () => ""],
    ["a non-uuid documentId", () => "documentId=intestinal-permeability"],
    ["an unknown parameter", () => `documentId=${documentId()}&limit=5`],
    ["a repeated parameter", () => `documentId=${documentId()}&kind=note&kind=comment`],
    ["a groupId that is neither a uuid nor private", () => `documentId=${documentId()}&groupId=public`],
    ["resolved=yes", () => `documentId=${documentId()}&resolved=yes`],
    ["an unknown kind", () => `documentId=${documentId()}&kind=bookmark`],
    ["a malformed tag", () => `documentId=${documentId()}&tag=${encodeURIComponent("<b>")}`],
    ["a non-uuid author", () => `documentId=${documentId()}&author=ana`],
    ["an empty q", () => `documentId=${documentId()}&q=%20%20`],
    ["a q over 200 characters", () => `documentId=${documentId()}&q=${"q".repeat(201)}`],
    // PostgreSQL cannot compare text with NUL: without a check this is a 500, not a 400.
    ["a q containing a NUL character", () => `documentId=${documentId()}&q=a%00b`],
  ])("400 VALIDATION_FAILED for %s", async (_label, query) => {
    expectApiError(await listAnnotationsRaw(anaAuth, query()), 400, "VALIDATION_FAILED");
  });

  it("401 UNAUTHENTICATED without credentials", async () => {
    expectApiError(await listAnnotationsRaw({}, { documentId: doc.documentId }), 401, "UNAUTHENTICATED");
  });
});
