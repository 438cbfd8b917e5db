// Personal API tokens: POST /api/tokens (password exchange), GET /api/tokens,
// DELETE /api/tokens/{id}, with ownership, revocation and bad input.
import { createHash, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getMe } from "@/app/api/me/route";
import { DELETE as deleteToken } from "@/app/api/tokens/[id]/route";
import { GET as listTokens, POST as createToken } from "@/app/api/tokens/route";
import { getDb } from "@/server/db/client";
import { closeDatabase, countRows, freshDatabase } from "./support/db";
import { useGenerousRateLimits } from "./support/env";
import { callRoute, expectApiError, jsonRequest, oversizedJsonBody } from "./support/http";
import {
  createTokenFor,
  createUserWithToken,
  sessionCookieFor,
  signUp,
  TEST_PASSWORD,
  type TestUser,
} from "./support/users";

type TokenCreated = { id: string; name: string; prefix: string; token: string };
type TokenSummary = { id: string; name: string; prefix: string; createdAt: string; lastUsedAt: string | null };

let alice: TestUser;
let bob: TestUser;

beforeAll(async () => {
  useGenerousRateLimits();
  await freshDatabase();
  alice = await signUp({ name: "Alice" });
  bob = await signUp({ name: "Bob" });
});

afterAll(async () => {
  await closeDatabase();
});

function postToken(body: unknown, options: { contentType?: string | null; headers?: Record<string, string> } = {}) {
  return callRoute(createToken, jsonRequest("/api/tokens", { method: "POST", body, ...options }));
}

function list(auth: { token?: string; cookie?: string }) {
  return callRoute(listTokens, jsonRequest("/api/tokens", auth));
}

function revoke(id: string, auth: { token?: string; cookie?: string }) {
  return callRoute(deleteToken, jsonRequest(`/api/tokens/${encodeURIComponent(id)}`, { method: "DELETE", ...auth }), {
    id,
  });
}

function me(token: string) {
  return callRoute(getMe, jsonRequest("/api/me", { token }));
}

describe("POST /api/tokens", () => {
  it("exchanges a correct email and password for a token shown once, stored only as a hash", async () => {
    const response = await postToken({ email: alice.email, password: alice.password, name: "  CLI on laptop  " });
    expect(response.status).toBe(201);
    expect(Object.keys(response.body as object).sort()).toEqual(["id", "name", "prefix", "token"]);
    const created = response.body as TokenCreated;
    expect(created.name).toBe("CLI on laptop");
    expect(created.prefix).toMatch(/^[0-9a-f]{8}$/);
    expect(created.token.startsWith(`mrg_${created.prefix}_`)).toBe(true);

    const row = await getDb().apiToken.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.userId).toBe(alice.id);
    expect(row.tokenHash).toBe(createHash("sha256").update(created.token).digest("hex"));
    expect(row.tokenHash).not.toContain(created.token);
    expect(row.revokedAt).toBeNull();

    const whoami = await me(created.token);
    expect(whoami.status).toBe(200);
    expect(whoami.body).toEqual({ id: alice.id, email: alice.email, name: "Alice" });
  });

  it("names a token 'API token' by default and matches the email case-insensitively", async () => {
    const response = await postToken({ email: `  ${alice.email.toUpperCase()} `, password: alice.password });
    expect(response.status).toBe(201);
    expect((response.body as TokenCreated).name).toBe("API token");
  });

  it("issues a different secret every time", async () => {
    const first = await createTokenFor(bob);
    const second = await createTokenFor(bob);
    expect(first.token).not.toBe(second.token);
    expect(first.id).not.toBe(second.id);
  });

  it.each([
    ["a wrong password", () => ({ email: alice.email, password: "wrong-password" })],
    ["a password differing only in case", () => ({ email: alice.email, password: TEST_PASSWORD.toUpperCase() })],
    ["an unknown email", () => ({ email: "nobody@example.test", password: TEST_PASSWORD })],
  ])("401 INVALID_CREDENTIALS for %s, and no token is created", async (_label, body) => {
    const before = await countRows();
    const response = await postToken(body());
    expectApiError(response, 401, "INVALID_CREDENTIALS");
    expect(await countRows()).toEqual(before);
  });

  it("answers the same message for a wrong password and an unknown email", async () => {
    const wrongPassword = await postToken({ email: alice.email, password: "wrong-password" });
    const unknownEmail = await postToken({ email: "ghost@example.test", password: "wrong-password" });
    expect(wrongPassword.body).toEqual(unknownEmail.body);
  });

  it("401 for an account without a password (OAuth-only)", async () => {
    const oauthOnly = await getDb().user.create({ data: { email: "oauth@example.test", name: "OAuth" } });
    expect(oauthOnly.passwordHash).toBeNull();
    expectApiError(await postToken({ email: "oauth@example.test", password: "anything-at-all" }), 401, "INVALID_CREDENTIALS");
  });

  describe("refuses invalid input with 400 VALIDATION_FAILED and creates no token", () => {
    const valid = () => ({ email: alice.email, password: alice.password });
    const cases: Array<[string, () => unknown]> = [
      ["a missing password", () => ({ email: alice.email })],
      ["a missing email", () => ({ password: alice.password })],
      ["an empty password", () => ({ ...valid(), password: "" })],
      ["a password over 200 characters", () => ({ ...valid(), password: "p".repeat(201) })],
      ["a malformed email", () => ({ ...valid(), email: "alice-at-example" })],
      ["a blank name", () => ({ ...valid(), name: "   " })],
      ["a name over 80 characters", () => ({ ...valid(), name: "n".repeat(81) })],
      ["a numeric name", () => ({ ...valid(), name: 7 })],
      ["a numeric password", () => ({ ...valid(), password: 12345678 })],
      ["an object as email", () => ({ ...valid(), email: { $ne: "" } })],
      ["an unknown field (userId)", () => ({ ...valid(), userId: bob.id })],
      ["an unknown field (expiresAt)", () => ({ ...valid(), expiresAt: "2099-01-01" })],
      ["a JSON array", () => [valid()]],
      ["JSON null", () => "null"],
    ];

    it.each(cases)("%s", async (_label, body) => {
      const before = await countRows();
      const response = await postToken(body());
      expectApiError(response, 400, "VALIDATION_FAILED");
      expect(await countRows()).toEqual(before);
    });
  });

  it("400 INVALID_JSON for malformed JSON", async () => {
    const before = await countRows();
    expectApiError(await postToken(`{"email": "${alice.email}", "password": "${alice.password}"`), 400, "INVALID_JSON");
    expect(await countRows()).toEqual(before);
  });

  it.each([
    ["text/plain", "text/plain"],
    ["form-urlencoded", "application/x-www-form-urlencoded"],
    ["no content type", null],
  ])("415 UNSUPPORTED_MEDIA_TYPE for %s even with correct credentials", async (_label, contentType) => {
    const before = await countRows();
    const body = JSON.stringify({ email: alice.email, password: alice.password });
    expectApiError(await postToken(body, { contentType }), 415, "UNSUPPORTED_MEDIA_TYPE");
    expect(await countRows()).toEqual(before);
  });

  it("413 PAYLOAD_TOO_LARGE for a body over 64 KiB even with correct credentials", async () => {
    const before = await countRows();
    const response = await postToken(oversizedJsonBody({ email: alice.email, password: alice.password }));
    expectApiError(response, 413, "PAYLOAD_TOO_LARGE");
    expect(await countRows()).toEqual(before);
  });
});

describe("GET /api/tokens", () => {
  it("lists only the caller's live tokens, newest first, without secrets or hashes", async () => {
    const carol = await signUp({ name: "Carol" });
    const first = await createTokenFor(carol, "first");
    const second = await createTokenFor(carol, "second");
    await createTokenFor(bob, "bob's");

    const response = await list({ token: second.token });
    expect(response.status).toBe(200);
    const items = (response.body as { items: TokenSummary[] }).items;
    expect(items.map((item) => item.name)).toEqual(["second", "first"]);
    expect(items.map((item) => item.id)).toEqual([second.id, first.id]);
    for (const item of items) {
      expect(Object.keys(item).sort()).toEqual(["createdAt", "id", "lastUsedAt", "name", "prefix"]);
      expect(new Date(item.createdAt).toISOString()).toBe(item.createdAt);
    }
    expect(response.text).not.toContain(first.token);
    expect(response.text).not.toContain(second.token);
    expect(response.text).not.toMatch(/tokenHash|token_hash/);
  });

  it("records when a token was last used", async () => {
    const dave = await signUp({ name: "Dave" });
    const used = await createTokenFor(dave, "used");
    const unused = await createTokenFor(dave, "unused");
    const before = Date.now();
    const response = await list({ token: used.token });
    const items = (response.body as { items: TokenSummary[] }).items;
    const usedItem = items.find((item) => item.id === used.id);
    const unusedItem = items.find((item) => item.id === unused.id);
    expect(usedItem?.lastUsedAt).not.toBeNull();
    expect(new Date(usedItem?.lastUsedAt ?? 0).getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(unusedItem?.lastUsedAt).toBeNull();
  });

  it("works with a session cookie too", async () => {
    const erin = await signUp({ name: "Erin" });
    const token = await createTokenFor(erin, "for the cookie test");
    const { cookie } = await sessionCookieFor(erin.id);
    const response = await list({ cookie });
    expect(response.status).toBe(200);
    expect((response.body as { items: TokenSummary[] }).items.map((item) => item.id)).toEqual([token.id]);
  });

  it.each([
    ["no credentials", {}],
    ["an unknown token", { token: "mrg_deadbeef_notARealTokenAtAllNotARealTokenAtAll" }],
  ])("401 UNAUTHENTICATED with %s", async (_label, auth) => {
    expectApiError(await list(auth), 401, "UNAUTHENTICATED");
  });
});

describe("DELETE /api/tokens/{id}", () => {
  it("revokes the token: 204 with no body, then it no longer authenticates nor appears in the list", async () => {
    const frank = await createUserWithToken({ name: "Frank" });
    const victim = await createTokenFor(frank, "to revoke");
    expect((await me(victim.token)).status).toBe(200);

    const response = await revoke(victim.id, { token: frank.token });
    expect(response.status).toBe(204);
    expect(response.text).toBe("");

    expectApiError(await me(victim.token), 401, "UNAUTHENTICATED");
    const items = (await list({ token: frank.token })).body as { items: TokenSummary[] };
    expect(items.items.map((item) => item.id)).toEqual([frank.tokenId]);
    const row = await getDb().apiToken.findUniqueOrThrow({ where: { id: victim.id } });
    expect(row.revokedAt).not.toBeNull();
  });

  it("lets a token revoke itself, after which it is refused", async () => {
    const grace = await createUserWithToken({ name: "Grace" });
    expect((await revoke(grace.tokenId, { token: grace.token })).status).toBe(204);
    expectApiError(await me(grace.token), 401, "UNAUTHENTICATED");
    expectApiError(await revoke(grace.tokenId, { token: grace.token }), 401, "UNAUTHENTICATED");
  });

  it("404 NOT_FOUND for a token already revoked", async () => {
    const heidi = await createUserWithToken({ name: "Heidi" });
    const other = await createTokenFor(heidi, "twice");
    expect((await revoke(other.id, { token: heidi.token })).status).toBe(204);
    expectApiError(await revoke(other.id, { token: heidi.token }), 404, "NOT_FOUND");
  });

  it("404 NOT_FOUND for another user's token, which keeps working", async () => {
    const ivan = await createUserWithToken({ name: "Ivan" });
    const judy = await createUserWithToken({ name: "Judy" });
    expectApiError(await revoke(judy.tokenId, { token: ivan.token }), 404, "NOT_FOUND");
    const row = await getDb().apiToken.findUniqueOrThrow({ where: { id: judy.tokenId } });
    expect(row.revokedAt).toBeNull();
    expect((await me(judy.token)).body).toMatchObject({ id: judy.id });
  });

  it("404 NOT_FOUND for a well-formed id that matches no token", async () => {
    const kim = await createUserWithToken();
    expectApiError(await revoke(randomUUID(), { token: kim.token }), 404, "NOT_FOUND");
  });

  it.each([
    ["a word", "not-a-uuid"],
    ["a number", "12345"],
    ["a uuid with a trailing character", `${randomUUID()}x`],
    ["SQL", "1' OR '1'='1"],
    ["an empty id", ""],
  ])("400 VALIDATION_FAILED for a non-uuid id (%s), and nothing is revoked", async (_label, id) => {
    const leo = await createUserWithToken();
    const before = await getDb().apiToken.count({ where: { revokedAt: null } });
    expectApiError(await revoke(id, { token: leo.token }), 400, "VALIDATION_FAILED");
    expect(await getDb().apiToken.count({ where: { revokedAt: null } })).toBe(before);
  });

  it("401 UNAUTHENTICATED without credentials, and the token stays live", async () => {
    const mia = await createUserWithToken();
    expectApiError(await revoke(mia.tokenId, {}), 401, "UNAUTHENTICATED");
    expect((await me(mia.token)).status).toBe(200);
  });

  it("works with a session cookie", async () => {
    const nia = await createUserWithToken();
    const { cookie } = await sessionCookieFor(nia.id);
    expect((await revoke(nia.tokenId, { cookie })).status).toBe(204);
    expectApiError(await me(nia.token), 401, "UNAUTHENTICATED");
  });
});
