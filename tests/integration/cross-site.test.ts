// Cross-site request forgery: writes that ride on the session cookie must come from
// our own origin; API tokens and cookie-less requests are not affected.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as createToken } from "@/app/api/tokens/route";
import { GET as me } from "@/app/api/me/route";
import { DELETE as revokeToken } from "@/app/api/tokens/[id]/route";
import { closeDatabase, freshDatabase } from "./support/db";
import { useGenerousRateLimits } from "./support/env";
import { callRoute, jsonRequest } from "./support/http";
import { createUserWithToken, sessionCookieFor, type TestUserWithToken } from "./support/users";

let user: TestUserWithToken;
let cookie: string;

beforeAll(async () => {
  useGenerousRateLimits();
  await freshDatabase();
  user = await createUserWithToken({ name: "Cross Site" });
  cookie = (await sessionCookieFor(user.id)).cookie;
});
afterAll(closeDatabase);


describe("cross-site writes with the session cookie", () => {
  it.each([
    ["a foreign Origin", { origin: "https://evil.example" }],
    ["Origin: null (sandboxed frame, data: URL, text/plain form)", { origin: "null" }],
    ["a look-alike origin", { origin: "http://localhost:3000.evil.example" }],
    ["no Origin and Sec-Fetch-Site: cross-site", { origin: "", "sec-fetch-site": "cross-site" }],
    ["no Origin and no Sec-Fetch-Site", { origin: "" }],
  ])("refuses %s with 403", async (_label, headers) => {
    const cleaned = Object.fromEntries(Object.entries(headers).filter(([, value]) => value !== ""));
    const request = jsonRequest(`/api/tokens/${user.tokenId}`, { method: "DELETE", cookie, headers: cleaned });
    if (headers.origin === "") request.headers.delete("origin");
    const response = await callRoute(revokeToken, request, { id: user.tokenId });
    expect(response.status).toBe(403);
    expect((response.body as { error: { code: string } }).error.code).toBe("FORBIDDEN");
    // The token still works: nothing was revoked.
    expect((await callRoute(me, jsonRequest("/api/me", { token: user.token }))).status).toBe(200);
  });

  it("allows the same write from our own origin", async () => {
    const other = await createUserWithToken({ name: "Same Site" });
    const otherCookie = (await sessionCookieFor(other.id)).cookie;
    const response = await callRoute(
      revokeToken,
      jsonRequest(`/api/tokens/${other.tokenId}`, { method: "DELETE", cookie: otherCookie, headers: { origin: "http://localhost:3000" } }),
      { id: other.tokenId },
    );
    expect(response.status).toBe(204);
  });

  it("allows a same-origin fetch that omits Origin but says Sec-Fetch-Site: same-origin", async () => {
    const other = await createUserWithToken({ name: "Fetch Site" });
    const otherCookie = (await sessionCookieFor(other.id)).cookie;
    const request = jsonRequest(`/api/tokens/${other.tokenId}`, { method: "DELETE", cookie: otherCookie, headers: { "sec-fetch-site": "same-origin" } });
    request.headers.delete("origin");
    expect((await callRoute(revokeToken, request, { id: other.tokenId })).status).toBe(204);
  });

  it("does not apply to API tokens or cookie-less requests", async () => {
    const response = await callRoute(
      createToken,
      jsonRequest("/api/tokens", { body: { email: user.email, password: user.password }, headers: { origin: "https://elsewhere.example" } }),
    );
    expect(response.status).toBe(201);
  });
});
