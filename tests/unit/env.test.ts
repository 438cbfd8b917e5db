import { describe, expect, it } from "vitest";
import { parseEnv, publicOrigin, usesSecureCookies } from "@/server/env";

const base = { DATABASE_URL: "postgresql://localhost:5432/marginalia" };

describe("parseEnv", () => {
  it("fills defaults for a development machine", () => {
    const env = parseEnv(base);
    expect(env.PORT).toBe(3000);
    expect(env.RATE_LIMIT_AUTH_PER_IP).toBe(100);
    expect(env.AUTH_SECRET.length).toBeGreaterThanOrEqual(32);
    expect(publicOrigin(env)).toBe("http://localhost:3000");
    expect(usesSecureCookies(env)).toBe(false);
  });

  it("stops a production server without AUTH_SECRET with a message naming it", () => {
    expect(() => parseEnv({ ...base, NODE_ENV: "production" })).toThrow(/AUTH_SECRET is required in production/);
  });

  it("refuses a short secret and a malformed port, naming each", () => {
    expect(() => parseEnv({ ...base, AUTH_SECRET: "short" })).toThrow(/AUTH_SECRET: .*32 characters/);
    expect(() => parseEnv({ ...base, PORT: "eighty" })).toThrow(/PORT/);
  });

  it("requires DATABASE_URL", () => {
    expect(() => parseEnv({})).toThrow(/DATABASE_URL/);
  });

  it("reads rate limits and an https origin", () => {
    const env = parseEnv({
      ...base,
      NODE_ENV: "production",
      AUTH_SECRET: "x".repeat(40),
      AUTH_URL: "https://read.example.org/app",
      RATE_LIMIT_AUTH_PER_IP: "5000",
      TRUST_PROXY: "true",
    });
    expect(env.RATE_LIMIT_AUTH_PER_IP).toBe(5000);
    expect(env.TRUST_PROXY).toBe(true);
    expect(publicOrigin(env)).toBe("https://read.example.org");
    expect(usesSecureCookies(env)).toBe(true);
  });
});

describe("enabledOAuthProviders", () => {
  it("turns a provider on only when both its id and secret are set", async () => {
    const { enabledOAuthProviders } = await import("@/server/auth/oauth-providers");
    expect(enabledOAuthProviders(parseEnv(base))).toEqual([]);
    expect(enabledOAuthProviders(parseEnv({ ...base, AUTH_GITHUB_ID: "id" }))).toEqual([]);
    expect(
      enabledOAuthProviders(parseEnv({ ...base, AUTH_GITHUB_ID: "id", AUTH_GITHUB_SECRET: "s", AUTH_GOOGLE_ID: "g", AUTH_GOOGLE_SECRET: "t" })),
    ).toEqual(["github", "google"]);
  });
});
