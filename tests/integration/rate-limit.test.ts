// Auth rate limits with small limits: sign-up and token creation answer 429
// RATE_LIMITED with Retry-After, per client IP and per account, and the refused
// attempt changes nothing.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { closeDatabase, countRows, freshDatabase } from "./support/db";
import { resetAuthLimiters } from "./support/env";
import { callRoute, expectApiError, jsonRequest, type ApiResponse } from "./support/http";

const PER_IP = 3;
const PER_ACCOUNT = 2;
const WINDOW_SECONDS = 60;

// The limits are read once by getEnv(), so they are set before any app module loads.
vi.stubEnv("RATE_LIMIT_AUTH_PER_IP", String(PER_IP));
vi.stubEnv("RATE_LIMIT_AUTH_PER_ACCOUNT", String(PER_ACCOUNT));
vi.stubEnv("RATE_LIMIT_AUTH_WINDOW_SECONDS", String(WINDOW_SECONDS));

type Routes = {
  createUser: typeof import("@/app/api/users/route").POST;
  createToken: typeof import("@/app/api/tokens/route").POST;
  getDb: typeof import("@/server/db/client").getDb;
  hashPassword: typeof import("@/server/auth/passwords").hashPassword;
};
let app: Routes;

const PASSWORD = "limit-test-password";
let passwordHash: string;
let ipCounter = 0;

/** A client IP no other test has used, so each test starts with a full IP budget. */
function freshIp(): string {
  ipCounter += 1;
  return `198.51.100.${ipCounter}`;
}

function email(label: string) {
  return `${label}-${randomUUID().slice(0, 8)}@example.test`;
}

beforeAll(async () => {
  resetAuthLimiters();
  const [users, tokens, db, passwords] = await Promise.all([
    import("@/app/api/users/route"),
    import("@/app/api/tokens/route"),
    import("@/server/db/client"),
    import("@/server/auth/passwords"),
  ]);
  const { getEnv } = await import("@/server/env");
  expect(getEnv()).toMatchObject({
    RATE_LIMIT_AUTH_PER_IP: PER_IP,
    RATE_LIMIT_AUTH_PER_ACCOUNT: PER_ACCOUNT,
    RATE_LIMIT_AUTH_WINDOW_SECONDS: WINDOW_SECONDS,
  });
  app = { createUser: users.POST, createToken: tokens.POST, getDb: db.getDb, hashPassword: passwords.hashPassword };
  await freshDatabase();
  passwordHash = await app.hashPassword(PASSWORD);
});

afterAll(async () => {
  resetAuthLimiters();
  vi.unstubAllEnvs();
  await closeDatabase();
});

function signUp(body: { email: string; name?: string; password?: string }, ip: string) {
  return callRoute(
    app.createUser,
    jsonRequest("/api/users", { body: { name: "Limited", password: PASSWORD, ...body }, ip }),
  );
}

function token(body: { email: string; password: string }, ip: string) {
  return callRoute(app.createToken, jsonRequest("/api/tokens", { body, ip }));
}

/** An account made straight in the table, so making it spends no rate-limit points. */
async function existingAccount(label: string): Promise<string> {
  const address = email(label);
  await app.getDb().user.create({ data: { email: address, name: label, passwordHash } });
  return address;
}

function expectRateLimited(response: ApiResponse) {
  expectApiError(response, 429, "RATE_LIMITED");
  const retryAfter = response.headers.get("retry-after");
  expect(retryAfter).toMatch(/^\d+$/);
  expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
  expect(Number(retryAfter)).toBeLessThanOrEqual(WINDOW_SECONDS);
  expect(response.headers.get("cache-control")).toBe("no-store");
}

describe("POST /api/users", () => {
  it(`allows ${PER_IP} sign-ups per IP, then answers 429 with Retry-After and creates no account`, async () => {
    const ip = freshIp();
    for (let attempt = 0; attempt < PER_IP; attempt++) {
      expect((await signUp({ email: email("ip") }, ip)).status).toBe(201);
    }
    const before = await countRows();
    const refusedEmail = email("ip-refused");
    expectRateLimited(await signUp({ email: refusedEmail }, ip));
    expect(await countRows()).toEqual(before);
    expect(await app.getDb().user.count({ where: { email: refusedEmail } })).toBe(0);

    // Another client is not affected.
    expect((await signUp({ email: email("other-ip") }, freshIp())).status).toBe(201);
  });

  it(`allows ${PER_ACCOUNT} sign-up attempts per email from any IPs, then 429`, async () => {
    const address = email("account");
    expect((await signUp({ email: address }, freshIp())).status).toBe(201);
    expectApiError(await signUp({ email: address }, freshIp()), 409, "EMAIL_TAKEN");
    expectRateLimited(await signUp({ email: address.toUpperCase() }, freshIp()));
    expect(await app.getDb().user.count({ where: { email: address } })).toBe(1);
  });

  it("does not spend attempts on input that fails validation", async () => {
    const ip = freshIp();
    for (let attempt = 0; attempt < PER_IP + 2; attempt++) {
      expectApiError(await signUp({ email: "not-an-email" }, ip), 400, "VALIDATION_FAILED");
    }
    expect((await signUp({ email: email("after-bad-input") }, ip)).status).toBe(201);
  });
});

describe("POST /api/tokens", () => {
  it(`allows ${PER_ACCOUNT} attempts per account from any IPs, then refuses even the right password`, async () => {
    const address = await existingAccount("guessed");
    expectApiError(await token({ email: address, password: "guess-1" }, freshIp()), 401, "INVALID_CREDENTIALS");
    expectApiError(await token({ email: address, password: "guess-2" }, freshIp()), 401, "INVALID_CREDENTIALS");

    const before = await countRows();
    expectRateLimited(await token({ email: address, password: PASSWORD }, freshIp()));
    expect(await countRows()).toEqual(before);
  });

  it("counts an account's attempts case-insensitively", async () => {
    const address = await existingAccount("casey");
    expectApiError(await token({ email: address.toUpperCase(), password: "guess" }, freshIp()), 401, "INVALID_CREDENTIALS");
    expectApiError(await token({ email: ` ${address} `, password: "guess" }, freshIp()), 401, "INVALID_CREDENTIALS");
    expectRateLimited(await token({ email: address, password: PASSWORD }, freshIp()));
  });

  it("a successful sign-in clears the account's count", async () => {
    const address = await existingAccount("forgiven");
    expectApiError(await token({ email: address, password: "typo" }, freshIp()), 401, "INVALID_CREDENTIALS");
    expect((await token({ email: address, password: PASSWORD }, freshIp())).status).toBe(201);
    // The budget is whole again: PER_ACCOUNT more attempts before a refusal.
    expectApiError(await token({ email: address, password: "typo" }, freshIp()), 401, "INVALID_CREDENTIALS");
    expect((await token({ email: address, password: PASSWORD }, freshIp())).status).toBe(201);
  });

  it(`allows ${PER_IP} attempts per IP across accounts, then 429 and no token`, async () => {
    const ip = freshIp();
    const accounts = await Promise.all(["a", "b", "c", "d"].map((label) => existingAccount(`shared-${label}`)));
    for (const address of accounts.slice(0, PER_IP)) {
      expect((await token({ email: address, password: PASSWORD }, ip)).status).toBe(201);
    }
    const before = await countRows();
    expectRateLimited(await token({ email: accounts[PER_IP] ?? "", password: PASSWORD }, ip));
    expect(await countRows()).toEqual(before);

    // The refused account itself is fine from elsewhere.
    expect((await token({ email: accounts[PER_IP] ?? "", password: PASSWORD }, freshIp())).status).toBe(201);
  });

  it("sign-ups and token requests share the per-IP budget", async () => {
    const ip = freshIp();
    const address = await existingAccount("mixed");
    expect((await signUp({ email: email("mixed-1") }, ip)).status).toBe(201);
    expect((await signUp({ email: email("mixed-2") }, ip)).status).toBe(201);
    expect((await token({ email: address, password: PASSWORD }, ip)).status).toBe(201);
    expectRateLimited(await token({ email: address, password: PASSWORD }, ip));
    expectRateLimited(await signUp({ email: email("mixed-3") }, ip));
  });
});
