// Session cookies and API tokens as credentials: the Auth.js JWE only names a
// session row, so deleting the row (sign-out) must end the session for good.
import { randomBytes } from "node:crypto";
import { encode } from "@auth/core/jwt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as listDocuments } from "@/app/api/documents/route";
import { GET as getMe } from "@/app/api/me/route";
import { DELETE as deleteToken } from "@/app/api/tokens/[id]/route";
import { GET as listTokens } from "@/app/api/tokens/route";
import { deleteSession, findSessionUserId } from "@/server/auth/sessions";
import { getDb } from "@/server/db/client";
import { getEnv } from "@/server/env";
import { closeDatabase, freshDatabase } from "./support/db";
import { useGenerousRateLimits } from "./support/env";
import { callRoute, expectApiError, jsonRequest } from "./support/http";
import {
  cookieForSessionId,
  createUserWithToken,
  sessionCookieFor,
  sessionCookieName,
  signUp,
  type TestUser,
} from "./support/users";

let user: TestUser;

beforeAll(async () => {
  useGenerousRateLimits();
  await freshDatabase();
  user = await signUp({ name: "Session Sam" });
});

afterAll(async () => {
  await closeDatabase();
});

function me(auth: { cookie?: string; token?: string; headers?: Record<string, string> }) {
  return callRoute(getMe, jsonRequest("/api/me", auth));
}

describe("session cookie", () => {
  it("authenticates /api/me, /api/tokens and /api/documents", async () => {
    const { cookie } = await sessionCookieFor(user.id);
    const whoami = await me({ cookie });
    expect(whoami.status).toBe(200);
    expect(whoami.body).toEqual({ id: user.id, email: user.email, name: "Session Sam" });
    expect((await callRoute(listTokens, jsonRequest("/api/tokens", { cookie }))).status).toBe(200);
    expect((await callRoute(listDocuments, jsonRequest("/api/documents", { cookie }))).status).toBe(200);
  });

  it("is found among other cookies in the header", async () => {
    const { cookie } = await sessionCookieFor(user.id);
    const response = await me({ cookie: `theme=dark; ${cookie}; other=1` });
    expect(response.status).toBe(200);
  });

  it("stops working once the session row is deleted (sign-out), for the very same cookie", async () => {
    const { cookie, sessionId } = await sessionCookieFor(user.id);
    expect((await me({ cookie })).status).toBe(200);

    await deleteSession(sessionId);
    expect(await findSessionUserId(sessionId)).toBeNull();

    expectApiError(await me({ cookie }), 401, "UNAUTHENTICATED");
    expectApiError(await callRoute(listDocuments, jsonRequest("/api/documents", { cookie })), 401, "UNAUTHENTICATED");
    expectApiError(await callRoute(listTokens, jsonRequest("/api/tokens", { cookie })), 401, "UNAUTHENTICATED");
  });

  it("signing out one session leaves the user's other sessions alive", async () => {
    const laptop = await sessionCookieFor(user.id);
    const phone = await sessionCookieFor(user.id);
    await deleteSession(laptop.sessionId);
    expectApiError(await me({ cookie: laptop.cookie }), 401, "UNAUTHENTICATED");
    expect((await me({ cookie: phone.cookie })).status).toBe(200);
  });

  it("stops working once the session row has expired", async () => {
    const { cookie, sessionId } = await sessionCookieFor(user.id);
    await getDb().session.update({ where: { id: sessionId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expectApiError(await me({ cookie }), 401, "UNAUTHENTICATED");
  });

  it("stops working once the user is deleted", async () => {
    const doomed = await signUp({ name: "Doomed" });
    const { cookie } = await sessionCookieFor(doomed.id);
    expect((await me({ cookie })).status).toBe(200);
    await getDb().user.delete({ where: { id: doomed.id } });
    expectApiError(await me({ cookie }), 401, "UNAUTHENTICATED");
  });

  it("401 for a cookie whose JWE has expired, although its session row is live", async () => {
    const { sessionId } = await sessionCookieFor(user.id);
    const cookie = await cookieForSessionId(sessionId, { maxAge: -60 });
    expectApiError(await me({ cookie }), 401, "UNAUTHENTICATED");
  });

  it("401 for a cookie sealed with another secret (forged), although it names a live session", async () => {
    const { sessionId } = await sessionCookieFor(user.id);
    const forged = await cookieForSessionId(sessionId, { secret: randomBytes(32).toString("base64") });
    expectApiError(await me({ cookie: forged }), 401, "UNAUTHENTICATED");
  });

  it("401 for a well-sealed cookie naming a session that does not exist", async () => {
    const cookie = await cookieForSessionId(randomBytes(32).toString("base64url"));
    expectApiError(await me({ cookie }), 401, "UNAUTHENTICATED");
  });

  it("401 for a well-sealed cookie without a sid (e.g. a user id instead)", async () => {
    const name = sessionCookieName();
    const value = await encode({ token: { sub: user.id, uid: user.id }, secret: getEnv().AUTH_SECRET, salt: name });
    expectApiError(await me({ cookie: `${name}=${value}` }), 401, "UNAUTHENTICATED");
  });

  it("401 for a cookie sealed with another salt (another cookie's key)", async () => {
    const { sessionId } = await sessionCookieFor(user.id);
    const name = sessionCookieName();
    const value = await encode({ token: { sid: sessionId }, secret: getEnv().AUTH_SECRET, salt: "authjs.csrf-token" });
    expectApiError(await me({ cookie: `${name}=${value}` }), 401, "UNAUTHENTICATED");
  });

  it("401 when a valid value is sent under another cookie name", async () => {
    const { cookie } = await sessionCookieFor(user.id);
    const value = cookie.slice(cookie.indexOf("=") + 1);
    expectApiError(await me({ cookie: `next-auth.session-token=${value}` }), 401, "UNAUTHENTICATED");
  });

  it.each([
    ["plain garbage", "garbage"],
    ["an empty value", ""],
    ["a JWE-shaped forgery", "eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2Q0JDLUhTNTEyIn0..AAAA.BBBB.CCCC"],
    ["an unsigned JWT", `${Buffer.from('{"alg":"none"}').toString("base64url")}.${Buffer.from('{"sid":"x"}').toString("base64url")}.`],
    ["a huge value", "A".repeat(8000)],
    ["bad percent-encoding", "%E0%A4%A"],
  ])("401 for a garbage session cookie: %s", async (_label, value) => {
    const response = await me({ cookie: `${sessionCookieName()}=${value}` });
    expectApiError(response, 401, "UNAUTHENTICATED");
  });

  it("401 for a cookie header without any session cookie", async () => {
    expectApiError(await me({ cookie: "theme=dark; lang=en" }), 401, "UNAUTHENTICATED");
  });
});

describe("API token credentials", () => {
  it("a revoked token gives 401 everywhere", async () => {
    const owner = await createUserWithToken();
    expect((await me({ token: owner.token })).status).toBe(200);
    const revoked = await callRoute(
      deleteToken,
      jsonRequest(`/api/tokens/${owner.tokenId}`, { method: "DELETE", token: owner.token }),
      { id: owner.tokenId },
    );
    expect(revoked.status).toBe(204);

    expectApiError(await me({ token: owner.token }), 401, "UNAUTHENTICATED");
    expectApiError(await callRoute(listTokens, jsonRequest("/api/tokens", { token: owner.token })), 401, "UNAUTHENTICATED");
    expectApiError(
      await callRoute(listDocuments, jsonRequest("/api/documents", { token: owner.token })),
      401,
      "UNAUTHENTICATED",
    );
  });

  it("an explicit but invalid Authorization header is not rescued by a valid cookie", async () => {
    const owner = await createUserWithToken();
    const { cookie } = await sessionCookieFor(owner.id);
    await getDb().apiToken.update({ where: { id: owner.tokenId }, data: { revokedAt: new Date() } });
    expectApiError(await me({ token: owner.token, cookie }), 401, "UNAUTHENTICATED");
  });

  it("a tampered token (one character changed) gives 401", async () => {
    const owner = await createUserWithToken();
    const last = owner.token.at(-1) === "A" ? "B" : "A";
    expectApiError(await me({ token: `${owner.token.slice(0, -1)}${last}` }), 401, "UNAUTHENTICATED");
  });

  it("the Bearer scheme is case-insensitive and the token is exact", async () => {
    const owner = await createUserWithToken();
    expect((await me({ headers: { authorization: `bearer ${owner.token}` } })).status).toBe(200);
    expectApiError(await me({ headers: { authorization: `Bearer ${owner.token} extra` } }), 401, "UNAUTHENTICATED");
  });
});
