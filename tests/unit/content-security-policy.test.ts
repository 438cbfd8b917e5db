import { describe, expect, it } from "vitest";
import { buildContentSecurityPolicy } from "@/lib/security/content-security-policy";

const base = { nonce: "abc123", development: false, https: false, oauthOrigins: [] };
const directive = (policy: string, name: string) => policy.split("; ").find((part) => part.startsWith(`${name} `));

describe("Content-Security-Policy", () => {
  it("allows scripts only with the nonce, never inline or eval in production", () => {
    const policy = buildContentSecurityPolicy(base);
    expect(directive(policy, "script-src")).toBe("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(directive(policy, "script-src")).not.toContain("unsafe-inline");
    expect(directive(policy, "script-src")).not.toContain("unsafe-eval");
  });

  it("forbids framing, plugins and foreign form targets", () => {
    const policy = buildContentSecurityPolicy(base);
    expect(directive(policy, "frame-ancestors")).toBe("frame-ancestors 'none'");
    expect(directive(policy, "worker-src")).toBe("worker-src 'self'");
    expect(directive(policy, "object-src")).toBe("object-src 'none'");
    expect(directive(policy, "form-action")).toBe("form-action 'self'");
  });

  it("lets enabled OAuth providers receive the sign-in form and upgrades requests over https", () => {
    const policy = buildContentSecurityPolicy({ ...base, https: true, oauthOrigins: ["https://github.com"] });
    expect(directive(policy, "form-action")).toBe("form-action 'self' https://github.com");
    expect(policy).toContain("upgrade-insecure-requests");
  });

  it("allows eval only for the development server's hot reload", () => {
    expect(directive(buildContentSecurityPolicy({ ...base, development: true }), "script-src")).toContain("'unsafe-eval'");
  });
});
