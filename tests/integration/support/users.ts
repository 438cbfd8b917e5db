// Accounts, API tokens and session cookies for tests, made through the real API
// and the real session code (no shortcuts into the tables).
import { randomUUID } from "node:crypto";
import { encode } from "@auth/core/jwt";
import { expect } from "vitest";
import { POST as createToken } from "@/app/api/tokens/route";
import { POST as createUser } from "@/app/api/users/route";
import { createSession, SESSION_MAX_AGE_SECONDS } from "@/server/auth/sessions";
import { getEnv, usesSecureCookies } from "@/server/env";
import { callRoute, jsonRequest } from "./http";

export const TEST_PASSWORD = "correct horse battery";

export type TestUser = { id: string; email: string; name: string; password: string };
export type TestUserWithToken = TestUser & { token: string; tokenId: string };

export function uniqueEmail(label = "reader"): string {
  return `${label}-${randomUUID().slice(0, 8)}@example.test`;
}

export async function signUp(input: Partial<Omit<TestUser, "id">> = {}, ip?: string): Promise<TestUser> {
  const email = input.email ?? uniqueEmail();
  const name = input.name ?? "Test Reader";
  const password = input.password ?? TEST_PASSWORD;
  const response = await callRoute(createUser, jsonRequest("/api/users", { body: { email, name, password }, ip }));
  expect(response.status, response.text).toBe(201);
  const user = response.body as { id: string; email: string; name: string };
  return { ...user, password };
}

export async function createTokenFor(user: Pick<TestUser, "email" | "password">, name?: string, ip?: string) {
  const credentials = { email: user.email, password: user.password };
  const body = name === undefined ? credentials : { ...credentials, name };
  const response = await callRoute(createToken, jsonRequest("/api/tokens", { body, ip }));
  expect(response.status, response.text).toBe(201);
  return response.body as { id: string; name: string; prefix: string; token: string };
}

/** Signs up a new account through POST /api/users and gets a token through POST /api/tokens. */
export async function createUserWithToken(input: Partial<Omit<TestUser, "id">> = {}): Promise<TestUserWithToken> {
  const user = await signUp(input);
  const token = await createTokenFor(user);
  return { ...user, token: token.token, tokenId: token.id };
}

export function sessionCookieName(): string {
  return usesSecureCookies() ? "__Secure-authjs.session-token" : "authjs.session-token";
}

/** The cookie Auth.js would set after sign-in: a JWE naming a fresh session row. */
export async function sessionCookieFor(
  userId: string,
  options: { secret?: string; maxAge?: number } = {},
): Promise<{ cookie: string; sessionId: string }> {
  const sessionId = await createSession(userId);
  const cookie = await cookieForSessionId(sessionId, options);
  return { cookie, sessionId };
}

/** A session cookie for any sid, whether or not such a session row exists. */
export async function cookieForSessionId(
  sessionId: string,
  options: { secret?: string; maxAge?: number } = {},
): Promise<string> {
  const name = sessionCookieName();
  const value = await encode({
    token: { sid: sessionId },
    secret: options.secret ?? getEnv().AUTH_SECRET,
    salt: name,
    maxAge: options.maxAge ?? SESSION_MAX_AGE_SECONDS,
  });
  return `${name}=${value}`;
}
