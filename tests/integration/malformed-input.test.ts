// Property-based bad input for every write endpoint. For each, fast-check (fixed seeds)
// generates a few hundred payloads that are invalid by construction: text that is not
// JSON (and bytes that are not UTF-8), non-JSON content types, JSON that is not an object
// or is an array, unknown and missing fields, wrong types, huge strings, Unicode junk where
// an enum, code or uuid belongs, NUL characters, deep nesting, bodies over 64 KiB, and bad
// path ids. Each is sent with or without Content-Length (a fixed-size or a chunked upload).
//
// Every answer must be a 4xx JSON error envelope {error:{code,message}} whose status matches
// its code, with no stack trace: none accepted (2xx), none a 5xx. Nothing may change in the
// database, and the endpoint must serve a valid request afterwards.
//
// POST /api/users and POST /api/tokens get only payloads that fail validation, so no
// password is ever hashed; a separate case covers NUL in their otherwise valid fields.
import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DELETE as deleteReactionRoute } from "@/app/api/annotations/[id]/reactions/[type]/route";
import { POST as reactRoute } from "@/app/api/annotations/[id]/reactions/route";
import { POST as reopenRoute } from "@/app/api/annotations/[id]/reopen/route";
import { POST as replyRoute } from "@/app/api/annotations/[id]/replies/route";
import { POST as resolveRoute } from "@/app/api/annotations/[id]/resolve/route";
import { DELETE as deleteAnnotationRoute, PATCH as patchAnnotationRoute } from "@/app/api/annotations/[id]/route";
import { POST as flagRoute } from "@/app/api/annotations/[id]/flag/route";
import { POST as hideRoute } from "@/app/api/annotations/[id]/hide/route";
import { POST as unhideRoute } from "@/app/api/annotations/[id]/unhide/route";
import { POST as createAnnotationRoute } from "@/app/api/annotations/route";
import { DELETE as revokeInviteRoute } from "@/app/api/groups/[id]/invites/[inviteId]/route";
import { POST as createInviteRoute } from "@/app/api/groups/[id]/invites/route";
import { DELETE as removeMemberRoute, PATCH as changeRoleRoute } from "@/app/api/groups/[id]/members/[userId]/route";
import { PATCH as patchGroupRoute } from "@/app/api/groups/[id]/route";
import { PUT as putTagsRoute } from "@/app/api/groups/[id]/tags/route";
import { POST as joinRoute } from "@/app/api/groups/join/route";
import { POST as createGroupRoute } from "@/app/api/groups/route";
import { DELETE as deleteTokenRoute } from "@/app/api/tokens/[id]/route";
import { POST as createTokenRoute } from "@/app/api/tokens/route";
import { POST as createUserRoute } from "@/app/api/users/route";
import { ERROR_STATUS, type ErrorCode } from "@/lib/errors";
import { CLIENT_IP_HEADER } from "@/server/http/client-ip";
import {
  createAnnotationOk,
  importTestArticle,
  textBody,
  type Auth,
  type TestDocument,
} from "./support/annotations";
import { closeDatabase, freshDatabase } from "./support/db";
import { useGenerousRateLimits } from "./support/env";
import {
  createGroupOk,
  createInviteOk,
  flagAnnotation,
  groupStateFingerprint,
  hideAnnotation,
  joinGroup,
  patchGroup,
  putTags,
  revokeInvite,
  unhideAnnotation,
  type CreatedGroup,
} from "./support/groups";
import { BASE_URL, callRoute, DEFAULT_CLIENT_IP, jsonRequest } from "./support/http";
import { createTokenFor, createUserWithToken, signUp, TEST_PASSWORD, type TestUserWithToken } from "./support/users";

// ---- Fixtures --------------------------------------------------------------------------------

let doc: TestDocument;
let owner: TestUserWithToken;
let instructor: TestUserWithToken;
let member: TestUserWithToken;
let outsider: TestUserWithToken;
let group: CreatedGroup;
let otherGroup: CreatedGroup;
let annotationId: string;
let revokedInviteId: string;
let otherInviteId: string;
let outsiderTokenId: string;

const as = (user: TestUserWithToken): Auth => ({ token: user.token });

beforeAll(async () => {
  useGenerousRateLimits();
  await freshDatabase();
  doc = await importTestArticle();
  const created = await Promise.all(["Olga Owner", "Ivo Instructor", "Max Member", "Otto Outsider"].map((name) => createUserWithToken({ name })));
  [owner, instructor, member, outsider] = created as [TestUserWithToken, TestUserWithToken, TestUserWithToken, TestUserWithToken];
  outsiderTokenId = outsider.tokenId;
  group = await createGroupOk(as(owner), "Fuzzed group");
  otherGroup = await createGroupOk(as(outsider), "Someone else's group");
  const instructorInvite = await createInviteOk(as(owner), group.id, { role: "instructor" });
  expect((await joinGroup(as(instructor), { inviteCode: instructorInvite.code })).status).toBe(201);
  expect((await joinGroup(as(member), { inviteCode: group.inviteCode })).status).toBe(201);
  const revoked = await createInviteOk(as(owner), group.id);
  expect((await revokeInvite(as(owner), group.id, revoked.id)).status).toBe(204);
  revokedInviteId = revoked.id;
  otherInviteId = (await createInviteOk(as(outsider), otherGroup.id)).id;
  annotationId = (await memberComment("The fuzz target")).id;
});

afterAll(async () => {
  await closeDatabase();
});

function memberComment(text: string) {
  return createAnnotationOk(as(member), {
    documentId: doc.documentId,
    revisionId: doc.revisionId,
    groupId: group.id,
    kind: "comment",
    body: textBody(text),
  });
}

// ---- Generators ------------------------------------------------------------------------------

type Json = unknown;
/** How the body is framed on the wire: a fixed Content-Length, or none (chunked). */
type Framing = "length" | "chunked";
type FuzzCase = {
  kind: string;
  /** Raw body: text, or bytes; undefined sends none. */
  body?: string | Uint8Array;
  /** undefined → application/json when there is a body; null → no content-type. */
  contentType?: string | null;
  params?: Record<string, string>;
  framing: Framing;
};
type Draft = Omit<FuzzCase, "framing">;

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const isUuid = (value: string) => UUID_RE.test(value);

/** Whether the server could read this as JSON (its UTF-8 decoder drops a leading byte order mark). */
function isJsonText(text: string): boolean {
  try {
    JSON.parse(text.replace(/^\ufeff/, ""));
    return true;
  } catch {
    return false;
  }
}

/** JSON text of an object with these entries in order; keys like __proto__ stay plain keys. */
function objectText(entries: Array<[string, Json]>): string {
  return `{${entries.map(([key, value]) => `${JSON.stringify(key)}:${JSON.stringify(value) ?? "null"}`).join(",")}}`;
}

const anyJson = fc.jsonValue({ maxDepth: 3 });
const shortText = fc.string({ maxLength: 12 });
const junkText = fc.oneof(fc.string({ unit: "binary", minLength: 1, maxLength: 40 }), fc.string({ unit: "grapheme", minLength: 1, maxLength: 40 }));

/** Anything but a string (and, unless allowed, not null either). */
function notString({ allowNull = true } = {}): fc.Arbitrary<Json> {
  const options: fc.Arbitrary<Json>[] = [
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.boolean(),
    fc.array(anyJson, { maxLength: 3 }),
    fc.dictionary(shortText, anyJson, { maxKeys: 3 }),
  ];
  if (allowNull) options.push(fc.constant(null));
  return fc.oneof(...options);
}

const notBoolean = fc.oneof(fc.integer(), fc.constantFrom("true", "false", "1", ""), fc.constant(null), fc.array(fc.boolean(), { maxLength: 2 }), fc.dictionary(shortText, fc.boolean(), { maxKeys: 2 }));
const notArray = fc.oneof(fc.integer(), shortText, fc.boolean(), fc.constant(null), fc.dictionary(shortText, anyJson, { maxKeys: 3 }));
const notObject = fc.oneof(fc.integer(), shortText, fc.boolean(), fc.constant(null), fc.array(anyJson, { maxLength: 3 }));

/** Strings of more than `max` characters (code points, as zod counts them) that trimming cannot shorten. */
function hugeString(max: number): fc.Arbitrary<string> {
  return fc
    .tuple(fc.integer({ min: max + 1, max: Math.max(max + 1, 70_000) }), fc.constantFrom("x", "é", "𝔘", "界", "\u202e"))
    .map(([length, unit]) => unit.repeat(length));
}

/** Text with a NUL in it, long enough that length rules alone would not refuse it. */
const withNul = fc.tuple(fc.string({ maxLength: 10 }), fc.string({ maxLength: 10 })).map(([a, b]) => `Nul${a}\u0000${b}end`);

const blank = fc.constantFrom("", " ", "   ", "\t", "\n\r\n", "\u3000", "\u00a0\u2003");

/** Values nested 50–5,000 levels deep (arrays or objects), as JSON text. */
const deepJsonText = fc
  .tuple(fc.integer({ min: 50, max: 5_000 }), fc.boolean())
  .map(([depth, arrays]) => (arrays ? `${"[".repeat(depth)}1${"]".repeat(depth)}` : `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`));

/** Path ids that are not ids of anything the actor may touch: junk, or uuids that exist nowhere. */
const badId = fc.oneof(
  { weight: 3, arbitrary: junkText.filter((value) => !isUuid(value)) },
  { weight: 2, arbitrary: fc.uuid() },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      "",
      " ",
      "null",
      "undefined",
      "0",
      "-1",
      "../../etc/passwd",
      "%00",
      "\u0000",
      "' OR 1=1 --",
      "00000000-0000-0000-0000-000000000000",
      "ffffffff-ffff-ffff-ffff-ffffffffffff",
      "6F9619FF-8B86-D011-B42D-00C04FC964FF-extra",
      "{6f9619ff-8b86-d011-b42d-00c04fc964ff}",
      "x".repeat(5_000),
    ),
  },
);

const nonUuidString = fc.oneof(junkText, blank, hugeString(36)).filter((value) => !isUuid(value));

type FieldSpec = {
  /** Leaving the field out makes the request invalid. */
  required: boolean;
  /** Values invalid for this field whatever the others are. */
  invalid: fc.Arbitrary<Json>;
};

type BodySpec = {
  base: () => Record<string, Json>;
  fields: Record<string, FieldSpec>;
  /** The body itself may be left out (an empty body is a valid request). */
  optional?: boolean;
};

const NON_JSON_CONTENT_TYPES = [
  null,
  "text/plain",
  "text/plain; charset=utf-8",
  "text/html",
  "text/json",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=----fuzz",
  "application/xml",
  "application/octet-stream",
  "application/javascript",
  "image/png",
  "json",
  "*/*",
];

function bodyCases(spec: BodySpec): fc.Arbitrary<Draft>[] {
  const fieldNames = Object.keys(spec.fields);
  const required = fieldNames.filter((name) => spec.fields[name]!.required);
  const baseText = () => JSON.stringify(spec.base());

  const invalidJson = fc
    .oneof(
      fc.string({ maxLength: 60 }),
      fc.string({ unit: "binary", maxLength: 60 }),
      fc.constantFrom("{", "}", "[", "{'name': 'x'}", '{"a":1,}', "{a:1}", "undefined", "NaN", "-", "01", '"unterminated', "\u0000", "{}{}", "\ufeff{", "\ufeff"),
      fc.integer({ min: 1, max: 40 }).map((cut) => baseText().slice(0, Math.max(0, baseText().length - cut))),
      fc.string({ minLength: 1, maxLength: 20 }).map((junk) => `${baseText()}${junk}`),
    )
    .filter((text) => !isJsonText(text) && !(spec.optional && text === ""))
    .map((body): Draft => ({ kind: "invalid JSON text", body }));

  const invalidUtf8 = fc
    .uint8Array({ minLength: 1, maxLength: 64 })
    .map((bytes) => Uint8Array.from([0xff, ...bytes, 0xc3]))
    .filter((bytes) => !isJsonText(new TextDecoder().decode(bytes)))
    .map((body): Draft => ({ kind: "bytes that are not UTF-8", body }));

  const wrongContentType = fc
    .constantFrom(...NON_JSON_CONTENT_TYPES)
    .map((contentType): Draft => ({ kind: "a content type that is not JSON", body: baseText(), contentType }));

  const notAnObject = fc
    .oneof(
      fc.integer(),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.string({ maxLength: 30 }),
      fc.boolean(),
      fc.constant(null),
      fc.array(anyJson, { maxLength: 4 }),
      fc.constant([spec.base()]),
      fc.constant([]),
    )
    .map((value): Draft => ({ kind: "JSON that is not an object (arrays included)", body: JSON.stringify(value) }));

  const extraField = fc
    .tuple(
      fc.oneof(
        fc.string({ maxLength: 20 }),
        fc.string({ unit: "binary", minLength: 1, maxLength: 10 }),
        fc.constantFrom("__proto__", "constructor", "prototype", "toString", "$where", "admin", "isPersonal", "userId", "authorId", "role", "id", "groupId"),
      ),
      anyJson,
    )
    .filter(([key]) => !fieldNames.includes(key))
    .map(([key, value]): Draft => ({ kind: "an unknown field", body: objectText([...Object.entries(spec.base()), [key, value]]) }));

  const wrongField = fc
    .constantFrom(...fieldNames)
    .chain((name) => spec.fields[name]!.invalid.map((value) => [name, value] as const))
    .map(([name, value]): Draft => {
      const entries = Object.entries(spec.base()).filter(([key]) => key !== name);
      return { kind: `an invalid ${name}`, body: objectText([...entries, [name, value]]) };
    });

  const deepField = fc
    .tuple(fc.constantFrom(...fieldNames), deepJsonText)
    .map(([name, deep]): Draft => {
      const entries = Object.entries(spec.base()).filter(([key]) => key !== name);
      const prefix = objectText(entries).slice(0, -1);
      return { kind: "deep nesting", body: `${prefix}${entries.length > 0 ? "," : ""}${JSON.stringify(name)}:${deep}}` };
    });

  const deepBody = deepJsonText.map((body): Draft => ({ kind: "deep nesting", body }));

  const oversized = fc
    .tuple(fc.integer({ min: 64 * 1024 + 1, max: 200_000 }), fc.constantFrom(...fieldNames, "padding"))
    .map(([size, name]): Draft => {
      const entries = Object.entries(spec.base()).filter(([key]) => key !== name);
      return { kind: "a body over 64 KiB", body: objectText([...entries, [name, "p".repeat(size)]]) };
    });

  const arbitraries: fc.Arbitrary<Draft>[] = [
    invalidJson,
    invalidUtf8,
    wrongContentType,
    notAnObject,
    extraField,
    wrongField,
    wrongField,
    wrongField,
    deepField,
    deepBody,
    oversized,
  ];
  if (required.length > 0) {
    arbitraries.push(
      fc.constantFrom(...required).map((name): Draft => {
        const entries = Object.entries(spec.base()).filter(([key]) => key !== name);
        return { kind: `a missing ${name}`, body: objectText(entries) };
      }),
    );
  }
  return arbitraries;
}

/** Bad path parameters (one or more replaced), with a valid body when the endpoint takes one. */
function pathCases(paramNames: string[], body?: () => Record<string, Json>): fc.Arbitrary<Draft> {
  return fc
    .tuple(fc.subarray(paramNames, { minLength: 1 }), fc.array(badId, { minLength: paramNames.length, maxLength: paramNames.length }))
    .map(([names, ids]): Draft => ({
      kind: "a bad path id",
      params: Object.fromEntries(names.map((name, index) => [name, ids[index]!])),
      body: body ? JSON.stringify(body()) : undefined,
    }));
}

/** For endpoints without a body: bad path ids, sometimes with junk sent along as a body. */
function bodylessPathCases(paramNames: string[]): fc.Arbitrary<Draft> {
  return fc
    .tuple(pathCases(paramNames), fc.option(fc.oneof(junkText, anyJson.map((value) => JSON.stringify(value))), { nil: undefined }))
    .map(([draft, junk]) => ({ ...draft, body: junk }));
}

// ---- Field specs -------------------------------------------------------------------------------

const invalidEmail = fc.oneof(
  notString(),
  blank,
  fc.string({ maxLength: 40 }).filter((value) => !value.includes("@")),
  fc.constantFrom("a@", "@b", "a@b@c", "a b@example.test", "a@exa mple.test", "<a@example.test>", "a@example.test\u0000"),
  hugeString(254).map((local) => `${local}@example.test`),
);

const invalidTag = fc.oneof(
  notString(),
  blank,
  fc.tuple(fc.constantFrom("<", "-", "'", ".", "#", "!", "\u0000", "_"), fc.string({ maxLength: 10 })).map(([head, rest]) => `${head}${rest}`),
  fc.string({ minLength: 1, maxLength: 5 }).map((rest) => `ok<${rest}>`),
  hugeString(40).map((value) => value.replace(/\s/g, "x")),
);

const invalidTagList = fc.oneof(
  notArray,
  fc.tuple(fc.array(fc.constantFrom("question", "evidence"), { maxLength: 2 }), invalidTag).map(([valid, bad]) => [...valid, bad]),
  fc.integer({ min: 11, max: 30 }).map((count) => Array.from({ length: count }, (_, index) => `tag ${index}`)),
);

const invalidColor = fc.oneof(
  notString({ allowNull: false }),
  fc.oneof(junkText, fc.constantFrom("red", "Yellow", "BLUE", "#ff0000", "rgb(0,0,0)", "yellow ", "", "transparent")).filter(
    (value) => !["yellow", "green", "blue", "pink", "purple", "orange"].includes(value),
  ),
);

const invalidTextBody = fc.oneof(
  notObject,
  fc.record({ format: fc.constant("text"), text: fc.oneof(notString(), blank, hugeString(10_000), withNul) }),
  fc.record({ format: fc.oneof(junkText, fc.constantFrom("html", "markdown", "TEXT", "")).filter((format) => format !== "text" && format !== "tiptap"), text: shortText }),
  fc.record({ format: fc.constant("tiptap"), doc: fc.oneof(notObject, fc.constant({ type: "doc", content: [] }), fc.constant({ type: "doc" })) }),
  fc.integer({ min: 70, max: 400 }).map((depth) => {
    let node: Json = { type: "paragraph", content: [{ type: "text", text: "deep" }] };
    for (let level = 0; level < depth; level++) node = { type: "blockquote", content: [node] };
    return { format: "tiptap", doc: { type: "doc", content: [node] } };
  }),
  fc.record({ format: fc.constant("text"), text: fc.constant("fine"), extra: anyJson }),
);

const invalidTarget = fc.oneof(
  notObject,
  fc.record({ selector: notArray }),
  fc.constant({ selector: [] }),
  fc
    .tuple(fc.integer({ min: -1_000, max: -1 }), fc.integer({ min: 10_000_001, max: 2 ** 40 }), fc.string({ minLength: 1, maxLength: 5 }))
    .map(([start, end, exact]) => ({
      selector: [
        { type: "TextPositionSelector", start, end },
        { type: "TextQuoteSelector", exact },
      ],
    })),
  fc.record({ selector: fc.tuple(fc.record({ type: fc.constant("TextPositionSelector"), start: shortText, end: shortText }), anyJson) }),
);

const nonEnum = (values: readonly string[]) =>
  fc.oneof(notString(), fc.oneof(junkText, blank, fc.constantFrom(...values.map((value) => value.toUpperCase()), ...values.map((value) => ` ${value}`))).filter((value) => !values.includes(value)));

const INVITE_CODE_RE = /^[A-HJ-NP-Z2-9]{8}$/;
const invalidInviteCode = fc.oneof(
  notString(),
  withNul,
  hugeString(8),
  fc.oneof(junkText, blank, fc.constantFrom("O0I1O0I1", "ABCDEFG", "ABCDEFGHJ", "ABCD-EFGH", "ABC DEFGH")).filter(
    (value) => !INVITE_CODE_RE.test(value.trim().toUpperCase()),
  ),
);

const invalidPositiveInt = (max: number) =>
  fc.oneof(
    fc.integer({ max: 0 }),
    fc.integer({ min: max + 1 }),
    fc.double({ min: 1.0001, max: max - 0.0001, noNaN: true }).filter((value) => !Number.isInteger(value)),
    fc.constant(null),
    fc.constantFrom("1", "10", "", "infinite"),
    fc.boolean(),
    fc.array(fc.integer({ min: 1, max: 5 }), { maxLength: 2 }),
  );

const invalidTagEntry = fc.oneof(
  notObject,
  invalidTag.map((name) => ({ name, color: "blue" })),
  invalidColor.map((color) => ({ name: "fuzzed", color })),
  notBoolean.map((retired) => ({ name: "fuzzed", color: "blue", retired })),
  fc.oneof(notString(), blank, hugeString(40), withNul).map((previousName) => ({ previousName, name: "fuzzed", color: "blue" })),
  fc.tuple(shortText.filter((key) => !["name", "color", "retired", "previousName"].includes(key)), anyJson).map(([key, value]) => ({
    name: "fuzzed",
    color: "blue",
    [key]: value,
  })),
  fc.constant({ name: "fuzzed" }),
  fc.constant({ color: "blue" }),
);

const invalidVocabulary = fc.oneof(
  notArray,
  fc.tuple(fc.array(fc.constant({ name: "question", color: "purple" }), { maxLength: 2 }), invalidTagEntry).map(([valid, bad]) => [...valid, bad]),
  fc.integer({ min: 101, max: 150 }).map((count) => Array.from({ length: count }, (_, index) => ({ name: `tag ${index}`, color: "blue" }))),
  fc.constantFrom("question", "Question", " QUESTION ").map((name) => [
    { name: "question", color: "purple" },
    { name, color: "blue" },
  ]),
);

const reasonText = (min: number) =>
  fc.oneof(
    notString({ allowNull: true }),
    hugeString(500),
    withNul,
    ...(min > 0 ? [fc.string({ maxLength: min - 1 }).map((value) => `  ${value}  `)] : []),
  );

// ---- Endpoints ---------------------------------------------------------------------------------

type RouteHandler<P> = (request: Request, context: { params: Promise<P> }) => Promise<Response>;

type Endpoint = {
  name: string;
  method: string;
  path: string;
  invoke: (request: Request, params: Record<string, string>) => Promise<Response>;
  params: () => Record<string, string>;
  auth: () => Auth;
  cases: () => fc.Arbitrary<Draft>;
  /** A valid request afterwards: must succeed. */
  valid: () => Promise<{ status: number; text: string }>;
};

function endpoint<P extends Record<string, string>>(
  spec: Omit<Endpoint, "invoke" | "params"> & { handler: RouteHandler<P>; params?: () => P },
): Endpoint {
  const { handler, params, ...rest } = spec;
  return {
    ...rest,
    params: params ?? (() => ({})),
    invoke: (request, values) => handler(request, { params: Promise.resolve(values as P) }),
  };
}

const withBody = (spec: BodySpec, paramNames: string[] = []) => () =>
  fc.oneof(...bodyCases(spec), ...(paramNames.length > 0 ? [pathCases(paramNames, spec.base), pathCases(paramNames, spec.base)] : []));

const annotationBase = () => ({
  documentId: doc.documentId,
  revisionId: doc.revisionId,
  groupId: group.id,
  kind: "comment",
  body: textBody("fuzz"),
});

const ENDPOINTS: Endpoint[] = [
  endpoint({
    name: "POST /api/users",
    method: "POST",
    path: "/api/users",
    handler: createUserRoute,
    auth: () => ({}),
    cases: withBody({
      base: () => ({ email: "fuzz@example.test", name: "Fuzz", password: TEST_PASSWORD }),
      fields: {
        email: { required: true, invalid: invalidEmail },
        name: { required: true, invalid: fc.oneof(notString(), blank, hugeString(80)) },
        password: { required: true, invalid: fc.oneof(notString(), fc.string({ maxLength: 7 }), hugeString(200)) },
      },
    }),
    valid: () => signUp({ name: "After fuzzing" }).then(() => ({ status: 201, text: "" })),
  }),
  endpoint({
    name: "POST /api/tokens",
    method: "POST",
    path: "/api/tokens",
    handler: createTokenRoute,
    auth: () => ({}),
    cases: withBody({
      base: () => ({ email: member.email, password: TEST_PASSWORD, name: "fuzz token" }),
      fields: {
        email: { required: true, invalid: invalidEmail },
        password: { required: true, invalid: fc.oneof(notString(), fc.constant(""), hugeString(200)) },
        name: { required: false, invalid: fc.oneof(notString(), blank, hugeString(80)) },
      },
    }),
    valid: () => createTokenFor(member, "after fuzzing").then(() => ({ status: 201, text: "" })),
  }),
  endpoint({
    name: "DELETE /api/tokens/{id}",
    method: "DELETE",
    path: "/api/tokens/{id}",
    handler: deleteTokenRoute,
    params: () => ({ id: outsiderTokenId }),
    auth: () => as(member),
    cases: () => fc.oneof(bodylessPathCases(["id"]), fc.constant<Draft>({ kind: "another user's token", params: { id: outsiderTokenId } })),
    valid: async () => {
      const fresh = await createTokenFor(member, "to revoke");
      return callRoute(deleteTokenRoute, jsonRequest(`/api/tokens/${fresh.id}`, { method: "DELETE", token: member.token }), { id: fresh.id });
    },
  }),
  endpoint({
    name: "POST /api/annotations",
    method: "POST",
    path: "/api/annotations",
    handler: createAnnotationRoute,
    auth: () => as(member),
    cases: withBody({
      base: annotationBase,
      fields: {
        id: { required: false, invalid: fc.oneof(notString(), nonUuidString) },
        documentId: { required: true, invalid: fc.oneof(notString(), nonUuidString, fc.uuid()) },
        revisionId: { required: true, invalid: fc.oneof(notString(), nonUuidString, fc.uuid()) },
        groupId: { required: true, invalid: fc.oneof(notString({ allowNull: false }), nonUuidString, fc.uuid(), fc.constant("private")) },
        kind: { required: true, invalid: nonEnum(["highlight", "comment", "note"]) },
        target: { required: false, invalid: invalidTarget },
        body: { required: true, invalid: invalidTextBody },
        tags: { required: false, invalid: invalidTagList },
        color: { required: false, invalid: invalidColor },
      },
    }),
    valid: () => callRoute(createAnnotationRoute, jsonRequest("/api/annotations", { body: annotationBase(), token: member.token })),
  }),
  endpoint({
    name: "PATCH /api/annotations/{id}",
    method: "PATCH",
    path: "/api/annotations/{id}",
    handler: patchAnnotationRoute,
    params: () => ({ id: annotationId }),
    auth: () => as(member),
    cases: withBody(
      {
        base: () => ({ body: textBody("edited by fuzz") }),
        fields: {
          body: { required: true, invalid: invalidTextBody },
          tags: { required: false, invalid: invalidTagList },
          color: { required: false, invalid: invalidColor },
        },
      },
      ["id"],
    ),
    valid: () =>
      callRoute(patchAnnotationRoute, jsonRequest(`/api/annotations/${annotationId}`, { method: "PATCH", body: { color: "green" }, token: member.token }), {
        id: annotationId,
      }),
  }),
  endpoint({
    name: "DELETE /api/annotations/{id}",
    method: "DELETE",
    path: "/api/annotations/{id}",
    handler: deleteAnnotationRoute,
    params: () => ({ id: annotationId }),
    auth: () => as(member),
    cases: () => bodylessPathCases(["id"]),
    valid: async () => {
      const doomed = await memberComment("to delete");
      return callRoute(deleteAnnotationRoute, jsonRequest(`/api/annotations/${doomed.id}`, { method: "DELETE", token: member.token }), { id: doomed.id });
    },
  }),
  endpoint({
    name: "POST /api/annotations/{id}/replies",
    method: "POST",
    path: "/api/annotations/{id}/replies",
    handler: replyRoute,
    params: () => ({ id: annotationId }),
    auth: () => as(member),
    cases: withBody(
      {
        base: () => ({ body: textBody("a reply") }),
        fields: {
          id: { required: false, invalid: fc.oneof(notString(), nonUuidString) },
          body: { required: true, invalid: invalidTextBody },
        },
      },
      ["id"],
    ),
    valid: () =>
      callRoute(replyRoute, jsonRequest(`/api/annotations/${annotationId}/replies`, { body: { body: textBody("valid reply") }, token: member.token }), {
        id: annotationId,
      }),
  }),
  endpoint({
    name: "POST /api/annotations/{id}/reactions",
    method: "POST",
    path: "/api/annotations/{id}/reactions",
    handler: reactRoute,
    params: () => ({ id: annotationId }),
    auth: () => as(instructor),
    cases: withBody({ base: () => ({ type: "helpful" }), fields: { type: { required: true, invalid: nonEnum(["helpful", "same_question"]) } } }, ["id"]),
    valid: () =>
      callRoute(reactRoute, jsonRequest(`/api/annotations/${annotationId}/reactions`, { body: { type: "helpful" }, token: instructor.token }), {
        id: annotationId,
      }),
  }),
  endpoint({
    name: "DELETE /api/annotations/{id}/reactions/{type}",
    method: "DELETE",
    path: "/api/annotations/{id}/reactions/{type}",
    handler: deleteReactionRoute,
    params: () => ({ id: annotationId, type: "helpful" }),
    auth: () => as(instructor),
    cases: () =>
      fc.oneof(
        bodylessPathCases(["id"]),
        fc
          .tuple(nonEnum(["helpful", "same_question"]).filter((value): value is string => typeof value === "string"), fc.boolean())
          .map(([type, badIdToo]): Draft => ({ kind: "a bad path id", params: badIdToo ? { type, id: "nope" } : { type } })),
      ),
    valid: () =>
      callRoute(deleteReactionRoute, jsonRequest(`/api/annotations/${annotationId}/reactions/helpful`, { method: "DELETE", token: instructor.token }), {
        id: annotationId,
        type: "helpful",
      }),
  }),
  endpoint({
    name: "POST /api/annotations/{id}/resolve",
    method: "POST",
    path: "/api/annotations/{id}/resolve",
    handler: resolveRoute,
    params: () => ({ id: annotationId }),
    auth: () => as(member),
    cases: () => bodylessPathCases(["id"]),
    valid: () => callRoute(resolveRoute, jsonRequest(`/api/annotations/${annotationId}/resolve`, { method: "POST", token: member.token }), { id: annotationId }),
  }),
  endpoint({
    name: "POST /api/annotations/{id}/reopen",
    method: "POST",
    path: "/api/annotations/{id}/reopen",
    handler: reopenRoute,
    params: () => ({ id: annotationId }),
    auth: () => as(member),
    cases: () => bodylessPathCases(["id"]),
    valid: () => callRoute(reopenRoute, jsonRequest(`/api/annotations/${annotationId}/reopen`, { method: "POST", token: member.token }), { id: annotationId }),
  }),
  endpoint({
    name: "POST /api/annotations/{id}/flag",
    method: "POST",
    path: "/api/annotations/{id}/flag",
    handler: flagRoute,
    params: () => ({ id: annotationId }),
    auth: () => as(instructor),
    cases: withBody({ base: () => ({ reason: "Off topic here" }), fields: { reason: { required: true, invalid: reasonText(3) } } }, ["id"]),
    valid: () => flagAnnotation(as(instructor), annotationId, { reason: "Valid flag" }),
  }),
  endpoint({
    name: "POST /api/annotations/{id}/hide",
    method: "POST",
    path: "/api/annotations/{id}/hide",
    handler: hideRoute,
    params: () => ({ id: annotationId }),
    auth: () => as(instructor),
    cases: withBody({ base: () => ({ reason: "Hidden by fuzz" }), fields: { reason: { required: false, invalid: reasonText(0) } }, optional: true }, ["id"]),
    valid: () => hideAnnotation(as(instructor), annotationId, { reason: "Valid hide" }),
  }),
  endpoint({
    name: "POST /api/annotations/{id}/unhide",
    method: "POST",
    path: "/api/annotations/{id}/unhide",
    handler: unhideRoute,
    params: () => ({ id: annotationId }),
    auth: () => as(instructor),
    cases: withBody({ base: () => ({ reason: "Unhidden by fuzz" }), fields: { reason: { required: false, invalid: reasonText(0) } }, optional: true }, ["id"]),
    valid: () => unhideAnnotation(as(instructor), annotationId),
  }),
  endpoint({
    name: "POST /api/groups",
    method: "POST",
    path: "/api/groups",
    handler: createGroupRoute,
    auth: () => as(member),
    cases: withBody({
      base: () => ({ name: "Fuzz group", description: "fuzzed" }),
      fields: {
        name: { required: true, invalid: fc.oneof(notString(), blank, hugeString(100), withNul) },
        description: { required: false, invalid: fc.oneof(notString(), hugeString(1000), withNul) },
      },
    }),
    valid: () => callRoute(createGroupRoute, jsonRequest("/api/groups", { body: { name: "After fuzzing" }, token: member.token })),
  }),
  endpoint({
    name: "PATCH /api/groups/{id}",
    method: "PATCH",
    path: "/api/groups/{id}",
    handler: patchGroupRoute,
    params: () => ({ id: group.id }),
    auth: () => as(owner),
    cases: withBody(
      {
        base: () => ({ name: "Fuzz renamed" }),
        fields: {
          // Alone in the base, leaving the name out leaves {}: "send at least one setting".
          name: { required: true, invalid: fc.oneof(notString(), blank, hugeString(100), withNul) },
          description: { required: false, invalid: fc.oneof(notString({ allowNull: false }), hugeString(1000), withNul) },
          postFirst: { required: false, invalid: notBoolean },
          allowMemberTags: { required: false, invalid: notBoolean },
        },
      },
      ["id"],
    ),
    valid: () => patchGroup(as(owner), group.id, { description: "Still fine" }),
  }),
  endpoint({
    name: "POST /api/groups/join",
    method: "POST",
    path: "/api/groups/join",
    handler: joinRoute,
    auth: () => as(outsider),
    cases: withBody({ base: () => ({ inviteCode: group.inviteCode }), fields: { inviteCode: { required: true, invalid: invalidInviteCode } } }),
    valid: () => joinGroup(as(owner), { inviteCode: group.inviteCode }),
  }),
  endpoint({
    name: "PATCH /api/groups/{id}/members/{userId}",
    method: "PATCH",
    path: "/api/groups/{id}/members/{userId}",
    handler: changeRoleRoute,
    params: () => ({ id: group.id, userId: member.id }),
    auth: () => as(owner),
    cases: withBody({ base: () => ({ role: "instructor" }), fields: { role: { required: true, invalid: nonEnum(["owner", "instructor", "member"]) } } }, [
      "id",
      "userId",
    ]),
    valid: () =>
      callRoute(changeRoleRoute, jsonRequest(`/api/groups/${group.id}/members/${member.id}`, { method: "PATCH", body: { role: "member" }, token: owner.token }), {
        id: group.id,
        userId: member.id,
      }),
  }),
  endpoint({
    name: "DELETE /api/groups/{id}/members/{userId}",
    method: "DELETE",
    path: "/api/groups/{id}/members/{userId}",
    handler: removeMemberRoute,
    params: () => ({ id: group.id, userId: member.id }),
    auth: () => as(owner),
    cases: () =>
      fc.oneof(
        bodylessPathCases(["id", "userId"]),
        fc.constant<Draft>({ kind: "a non-member", params: { userId: outsider.id } }),
        fc.constant<Draft>({ kind: "another group", params: { id: otherGroup.id } }),
      ),
    valid: async () => {
      const leaver = await createUserWithToken({ name: "Leaver" });
      expect((await joinGroup(as(leaver), { inviteCode: group.inviteCode })).status).toBe(201);
      return callRoute(removeMemberRoute, jsonRequest(`/api/groups/${group.id}/members/${leaver.id}`, { method: "DELETE", token: owner.token }), {
        id: group.id,
        userId: leaver.id,
      });
    },
  }),
  endpoint({
    name: "POST /api/groups/{id}/invites",
    method: "POST",
    path: "/api/groups/{id}/invites",
    handler: createInviteRoute,
    params: () => ({ id: group.id }),
    auth: () => as(owner),
    cases: withBody(
      {
        base: () => ({ role: "member", maxUses: 5 }),
        fields: {
          role: { required: false, invalid: nonEnum(["instructor", "member"]) },
          expiresInHours: { required: false, invalid: invalidPositiveInt(24 * 365) },
          maxUses: { required: false, invalid: invalidPositiveInt(10_000) },
        },
      },
      ["id"],
    ),
    valid: () => createInviteOk(as(owner), group.id, { maxUses: 1 }).then(() => ({ status: 201, text: "" })),
  }),
  endpoint({
    name: "DELETE /api/groups/{id}/invites/{inviteId}",
    method: "DELETE",
    path: "/api/groups/{id}/invites/{inviteId}",
    handler: revokeInviteRoute,
    params: () => ({ id: group.id, inviteId: revokedInviteId }),
    auth: () => as(owner),
    cases: () =>
      fc.oneof(
        bodylessPathCases(["id", "inviteId"]),
        fc.constant<Draft>({ kind: "an invite already revoked", params: {} }),
        fc.constant<Draft>({ kind: "another group's invite", params: { inviteId: otherInviteId } }),
      ),
    valid: async () => {
      const invite = await createInviteOk(as(owner), group.id);
      return revokeInvite(as(owner), group.id, invite.id);
    },
  }),
  endpoint({
    name: "PUT /api/groups/{id}/tags",
    method: "PUT",
    path: "/api/groups/{id}/tags",
    handler: putTagsRoute,
    params: () => ({ id: group.id }),
    auth: () => as(owner),
    cases: withBody({ base: () => ({ tags: [{ name: "fuzz tag", color: "blue" }] }), fields: { tags: { required: true, invalid: invalidVocabulary } } }, ["id"]),
    valid: () => callRoute(putTagsRoute, jsonRequest(`/api/groups/${group.id}/tags`, { method: "PUT", body: { tags: [{ name: "after fuzzing", color: "green" }] }, token: owner.token }), { id: group.id }),
  }),
];

// ---- Running ---------------------------------------------------------------------------------

const RUNS = 210;
const SEED = 20_261_127;

function buildRequest(spec: Endpoint, fuzz: FuzzCase, params: Record<string, string>): Request {
  const headers = new Headers();
  headers.set(CLIENT_IP_HEADER, DEFAULT_CLIENT_IP);
  const who = spec.auth();
  if (who.token) headers.set("authorization", `Bearer ${who.token}`);
  if (fuzz.body !== undefined) {
    const contentType = fuzz.contentType === undefined ? "application/json" : fuzz.contentType;
    if (contentType !== null) headers.set("content-type", contentType);
    if (fuzz.framing === "length") {
      const length = typeof fuzz.body === "string" ? Buffer.byteLength(fuzz.body, "utf8") : fuzz.body.byteLength;
      headers.set("content-length", String(length));
    }
  }
  let path = spec.path;
  for (const [name, value] of Object.entries(params)) {
    let encoded: string;
    try {
      encoded = encodeURIComponent(value);
    } catch {
      encoded = "unencodable";
    }
    path = path.replace(`{${name}}`, encoded);
  }
  const body = typeof fuzz.body === "string" || fuzz.body === undefined ? fuzz.body : new Blob([Buffer.from(fuzz.body)]);
  return new Request(`${BASE_URL}${path}`, { method: spec.method, headers, body });
}

type Problem = { kind: string; framing: Framing; status: number; why: string; sample: string };

const STACK_TRACE = [/\bat\s+\S.*:\d+:\d+/, /\n\s+at\s/, /node_modules|\/work\/|file:\/\//];

/** Checks one answer; returns why it is wrong, or null. */
function judge(status: number, contentType: string | null, text: string): string | null {
  if (status >= 200 && status < 300) return "accepted (2xx)";
  if (status >= 500) return "server error (5xx)";
  if (status < 400) return `unexpected status ${status}`;
  if (!/^application\/json/.test(contentType ?? "")) return `content-type ${contentType}`;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return "body is not JSON";
  }
  const error = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  if (!error || typeof error.code !== "string" || typeof error.message !== "string" || error.message.length === 0) return "not an error envelope";
  if (!(error.code in ERROR_STATUS)) return `unknown code ${error.code}`;
  if (ERROR_STATUS[error.code as ErrorCode] !== status) return `code ${error.code} with status ${status}`;
  if (STACK_TRACE.some((pattern) => pattern.test(text))) return "stack trace in the body";
  return null;
}

function describeCase(fuzz: FuzzCase): string {
  const body = fuzz.body === undefined ? "<none>" : typeof fuzz.body === "string" ? JSON.stringify(fuzz.body.slice(0, 120)) : `<${fuzz.body.byteLength} bytes>`;
  return `params=${JSON.stringify(fuzz.params ?? {}).slice(0, 80)} contentType=${String(fuzz.contentType)} body=${body}`;
}

describe("malformed input to every write endpoint", () => {
  it.each(ENDPOINTS.map((spec, index) => ({ name: spec.name, spec, index })))(
    "$name: none of 210 invalid payloads is accepted or a 5xx, each is a JSON error, and a valid request still works",
    async ({ spec, index }) => {
      const drafts = fc.sample(fc.tuple(spec.cases(), fc.constantFrom<Framing>("length", "chunked")), { seed: SEED + index, numRuns: RUNS });
      const before = await groupStateFingerprint();
      const problems: Problem[] = [];
      const kinds = new Map<string, number>();
      for (const [draft, framing] of drafts) {
        const fuzz: FuzzCase = { ...draft, framing };
        kinds.set(fuzz.kind, (kinds.get(fuzz.kind) ?? 0) + 1);
        const params = { ...spec.params(), ...fuzz.params };
        let why: string | null;
        let status = 0;
        try {
          const response = await spec.invoke(buildRequest(spec, fuzz, params), params);
          status = response.status;
          why = judge(status, response.headers.get("content-type"), await response.text());
        } catch (error) {
          why = `threw ${(error as Error).message}`;
        }
        if (why) problems.push({ kind: fuzz.kind, framing, status, why, sample: describeCase(fuzz) });
      }
      expect(drafts.length).toBeGreaterThanOrEqual(200);

      const summary = {
        accepted: problems.filter((problem) => problem.why.startsWith("accepted")).length,
        serverErrors: problems.filter((problem) => problem.why.startsWith("server error")).length,
        other: problems.filter((problem) => !problem.why.startsWith("accepted") && !problem.why.startsWith("server error")).length,
      };
      const byKind = [...new Set(problems.map((problem) => `${problem.why} ← ${problem.kind} (${problem.framing})`))];
      const examples = problems.slice(0, 5).map((problem) => `${problem.status} ${problem.why}: ${problem.sample}`);
      expect(summary, `${spec.name}\n${byKind.join("\n")}\nExamples:\n${examples.join("\n")}\nKinds sent: ${JSON.stringify(Object.fromEntries(kinds))}`).toEqual({
        accepted: 0,
        serverErrors: 0,
        other: 0,
      });

      expect(await groupStateFingerprint()).toEqual(before);
      const valid = await spec.valid();
      expect(valid.status, valid.text).toBeGreaterThanOrEqual(200);
      expect(valid.status, valid.text).toBeLessThan(300);
    },
  );
});

describe("NUL characters in otherwise valid text fields", () => {
  // Each request is valid but for the NUL, which PostgreSQL text columns cannot store:
  // it must be refused as bad input (400), never reach the database as a 500.
  const cases: Array<[string, () => Promise<{ status: number; text: string }>]> = [
    ["POST /api/users name", () => callRoute(createUserRoute, jsonRequest("/api/users", { body: { email: `nul-${randomUUID().slice(0, 8)}@example.test`, name: "Nul\u0000Name", password: TEST_PASSWORD } }))],
    ["POST /api/tokens name", () => callRoute(createTokenRoute, jsonRequest("/api/tokens", { body: { email: member.email, password: TEST_PASSWORD, name: "tok\u0000en" } }))],
    ["POST /api/groups name", () => callRoute(createGroupRoute, jsonRequest("/api/groups", { body: { name: "Group\u0000name" }, token: member.token }))],
    ["POST /api/groups description", () => callRoute(createGroupRoute, jsonRequest("/api/groups", { body: { name: "Fine", description: "a\u0000b" }, token: member.token }))],
    ["PATCH /api/groups/{id} name", () => patchGroup(as(owner), group.id, { name: "Re\u0000named" })],
    ["PATCH /api/groups/{id} description", () => patchGroup(as(owner), group.id, { description: "\u0000" })],
    ["POST flag reason", () => flagAnnotation(as(instructor), annotationId, { reason: "spam\u0000spam" })],
    ["POST hide reason", () => hideAnnotation(as(instructor), annotationId, { reason: "why\u0000" })],
    ["POST unhide reason", () => unhideAnnotation(as(instructor), annotationId, { reason: "why\u0000" })],
    ["PUT /api/groups/{id}/tags previousName", () => putTags(as(owner), group.id, { tags: [{ previousName: "ques\u0000tion", name: "fine", color: "blue" }] })],
  ];

  it.each(cases)("%s → 400 VALIDATION_FAILED, nothing stored", async (_label, call) => {
    const before = await groupStateFingerprint();
    const response = await call();
    expect({ status: response.status, body: JSON.parse(response.text) as unknown }).toMatchObject({ status: 400, body: { error: { code: "VALIDATION_FAILED" } } });
    expect(await groupStateFingerprint()).toEqual(before);
  });
});
