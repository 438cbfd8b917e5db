// POST /api/users (sign-up) and GET /api/me against a real database, including
// every kind of bad input, which must answer a coded 4xx and store nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DELETE as unknownDelete, GET as unknownGet, POST as unknownPost } from "@/app/api/[...unknown]/route";
import { GET as getMe } from "@/app/api/me/route";
import { POST as createUser } from "@/app/api/users/route";
import { getDb } from "@/server/db/client";
import { closeDatabase, countRows, freshDatabase } from "./support/db";
import { useGenerousRateLimits } from "./support/env";
import { callRoute, expectApiError, jsonRequest, oversizedJsonBody } from "./support/http";
import { createUserWithToken, TEST_PASSWORD, uniqueEmail } from "./support/users";

beforeAll(async () => {
  useGenerousRateLimits();
  await freshDatabase();
});

afterAll(async () => {
  await closeDatabase();
});

function postUser(body: unknown, options: { contentType?: string | null; headers?: Record<string, string> } = {}) {
  return callRoute(createUser, jsonRequest("/api/users", { method: "POST", body, ...options }));
}

describe("POST /api/users", () => {
  it("creates an account and answers 201 with only id, email and name", async () => {
    const email = uniqueEmail("ana");
    const response = await postUser({ email, name: "Ana Lima", password: TEST_PASSWORD });

    expect(response.status).toBe(201);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(Object.keys(response.body as object).sort()).toEqual(["email", "id", "name"]);
    const user = response.body as { id: string; email: string; name: string };
    expect(user).toMatchObject({ email, name: "Ana Lima" });
    expect(user.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);

    const stored = await getDb().user.findUniqueOrThrow({ where: { id: user.id } });
    expect(stored.email).toBe(email);
    expect(stored.passwordHash).toMatch(/^\$argon2id\$/);
    expect(stored.passwordHash).not.toContain(TEST_PASSWORD);
    expect(response.text).not.toContain("argon2");
  });

  it("normalizes the email (trim, lower case) and trims the name", async () => {
    const local = uniqueEmail("Mixed").replace("@example.test", "");
    const response = await postUser({ email: `  ${local.toUpperCase()}@Example.TEST `, name: "  Ben  ", password: TEST_PASSWORD });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ email: `${local.toLowerCase()}@example.test`, name: "Ben" });
  });

  it("accepts application/json with a charset and structured +json media types", async () => {
    const charset = await postUser(
      { email: uniqueEmail(), name: "Charset", password: TEST_PASSWORD },
      { contentType: "application/json; charset=utf-8" },
    );
    expect(charset.status).toBe(201);
    const structured = await postUser(
      { email: uniqueEmail(), name: "Structured", password: TEST_PASSWORD },
      { contentType: "application/vnd.marginalia+json" },
    );
    expect(structured.status).toBe(201);
  });

  it("answers 409 EMAIL_TAKEN for an existing email, whatever its case, and keeps the first account", async () => {
    const email = uniqueEmail("taken");
    const first = await postUser({ email, name: "First", password: TEST_PASSWORD });
    expect(first.status).toBe(201);
    const before = await countRows();

    const again = await postUser({ email: email.toUpperCase(), name: "Second", password: "another-password" });
    expectApiError(again, 409, "EMAIL_TAKEN");

    expect(await countRows()).toEqual(before);
    const stored = await getDb().user.findUniqueOrThrow({ where: { email } });
    expect(stored.name).toBe("First");
  });

  it("lets exactly one of two simultaneous sign-ups with the same email win", async () => {
    const email = uniqueEmail("race");
    const responses = await Promise.all(
      ["One", "Two", "Three"].map((name) => postUser({ email, name, password: TEST_PASSWORD })),
    );
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses).toEqual([201, 409, 409]);
    for (const response of responses.filter((r) => r.status === 409)) expectApiError(response, 409, "EMAIL_TAKEN");
    expect(await getDb().user.count({ where: { email } })).toBe(1);
  });

  describe("refuses invalid input with 400 VALIDATION_FAILED and stores nothing", () => {
    const valid = { email: "valid@example.test", name: "Valid Name", password: TEST_PASSWORD };
    const cases: Array<[string, unknown]> = [
      ["a password under 8 characters", { ...valid, password: "short7!" }],
      ["a password over 200 characters", { ...valid, password: "p".repeat(201) }],
      ["an email without a domain", { ...valid, email: "not-an-email" }],
      ["an email with spaces inside", { ...valid, email: "a b@example.test" }],
      ["an email over 254 characters", { ...valid, email: `${"a".repeat(250)}@example.test` }],
      ["an empty email", { ...valid, email: "" }],
      ["a blank name", { ...valid, name: "   " }],
      ["a name over 80 characters", { ...valid, name: "n".repeat(81) }],
      ["a missing email", { name: valid.name, password: valid.password }],
      ["a missing name", { email: valid.email, password: valid.password }],
      ["a missing password", { email: valid.email, name: valid.name }],
      ["an empty object", {}],
      ["a numeric email", { ...valid, email: 42 }],
      ["a null name", { ...valid, name: null }],
      ["a password as an array", { ...valid, password: ["a", "b", "c", "d", "e", "f", "g", "h"] }],
      ["a password as a number", { ...valid, password: 123456789 }],
      ["a boolean name", { ...valid, name: true }],
      ["an unknown field (role)", { ...valid, role: "admin" }],
      ["an unknown field (passwordHash)", { ...valid, passwordHash: "$argon2id$forged" }],
      ["an unknown field (id)", { ...valid, id: "00000000-0000-4000-8000-000000000000" }],
      ["a JSON array", [valid]],
      ["a JSON string", JSON.stringify(JSON.stringify(valid))],
      ["JSON null", "null"],
      ["a JSON number", "12"],
    ];

    it.each(cases)("%s", async (_label, body) => {
      const before = await countRows();
      const response = await postUser(body);
      expectApiError(response, 400, "VALIDATION_FAILED");
      const details = (response.body as { error: { details?: unknown } }).error.details;
      expect(Array.isArray(details)).toBe(true);
      expect(await countRows()).toEqual(before);
    });
  });

  describe("refuses bodies it cannot read, and stores nothing", () => {
    const valid = () => ({ email: uniqueEmail("body"), name: "Body", password: TEST_PASSWORD });

    it.each([
      ["truncated JSON", '{"email": "a@example.test", "name": "A", "password": '],
      ["a trailing comma", '{"email": "a@example.test",}'],
      ["single quotes", "{'email': 'a@example.test'}"],
      ["plain text", "email=a@example.test"],
      ["an empty body", ""],
    ])("400 INVALID_JSON for %s", async (_label, raw) => {
      const before = await countRows();
      expectApiError(await postUser(raw), 400, "INVALID_JSON");
      expect(await countRows()).toEqual(before);
    });

    it.each([
      ["text/plain", "text/plain"],
      ["form-urlencoded", "application/x-www-form-urlencoded"],
      ["multipart", "multipart/form-data; boundary=x"],
      ["a json look-alike", "application/jsonp"],
      ["no content type", null],
    ])("415 UNSUPPORTED_MEDIA_TYPE for %s", async (_label, contentType) => {
      const before = await countRows();
      const body = JSON.stringify(valid());
      expectApiError(await postUser(body, { contentType }), 415, "UNSUPPORTED_MEDIA_TYPE");
      expect(await countRows()).toEqual(before);
    });

    it("413 PAYLOAD_TOO_LARGE for a body over 64 KiB, read from the stream", async () => {
      const before = await countRows();
      expectApiError(await postUser(oversizedJsonBody(valid())), 413, "PAYLOAD_TOO_LARGE");
      expect(await countRows()).toEqual(before);
    });

    it("413 PAYLOAD_TOO_LARGE for a declared Content-Length over 64 KiB", async () => {
      const before = await countRows();
      const response = await postUser(JSON.stringify(valid()), { headers: { "content-length": String(64 * 1024 + 1) } });
      expectApiError(response, 413, "PAYLOAD_TOO_LARGE");
      expect(await countRows()).toEqual(before);
    });

    it("413 rather than a parse error for an oversized body that is not even JSON", async () => {
      expectApiError(await postUser("{".repeat(70_000)), 413, "PAYLOAD_TOO_LARGE");
    });
  });
});

describe("GET /api/me", () => {
  it("answers the token's owner", async () => {
    const user = await createUserWithToken({ name: "Me Myself" });
    const response = await callRoute(getMe, jsonRequest("/api/me", { token: user.token }));
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ id: user.id, email: user.email, name: "Me Myself" });
  });

  it.each([
    ["no credentials", {}],
    ["an unknown token", { authorization: "Bearer mrg_00000000_thisTokenWasNeverIssuedByTheServer000" }],
    ["a token without the mrg_ prefix", { authorization: "Bearer abc.def.ghi" }],
    ["an empty Bearer", { authorization: "Bearer " }],
    ["a Basic authorization", { authorization: `Basic ${Buffer.from("a@example.test:password").toString("base64")}` }],
    ["an over-long token", { authorization: `Bearer mrg_${"a".repeat(300)}` }],
    ["a garbage cookie", { cookie: "authjs.session-token=garbage" }],
  ])("401 UNAUTHENTICATED with %s", async (_label, headers) => {
    const response = await callRoute(getMe, jsonRequest("/api/me", { headers }));
    expectApiError(response, 401, "UNAUTHENTICATED");
  });

  it("401 once the account behind a token is deleted", async () => {
    const user = await createUserWithToken();
    await getDb().user.delete({ where: { id: user.id } });
    expectApiError(await callRoute(getMe, jsonRequest("/api/me", { token: user.token })), 401, "UNAUTHENTICATED");
  });
});

describe("an /api path without a route", () => {
  it.each([
    ["GET", unknownGet],
    ["POST", unknownPost],
    ["DELETE", unknownDelete],
  ])("answers a JSON 404 NOT_FOUND to %s", async (method, handler) => {
    const response = await callRoute(
      handler as unknown as Parameters<typeof callRoute>[0],
      jsonRequest("/api/no-such-endpoint", { method, body: method === "POST" ? { a: 1 } : undefined }),
      { unknown: ["no-such-endpoint"] },
    );
    expectApiError(response, 404, "NOT_FOUND");
  });
});
