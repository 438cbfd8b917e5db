import { describe, expect, it } from "vitest";
import { clientIpFromHeaders, CLIENT_IP_HEADER, resolveClientIp } from "@/server/http/client-ip";

describe("client IP", () => {
  it("uses the socket address unless a proxy is trusted", () => {
    expect(resolveClientIp("10.1.1.1", "203.0.113.9", false)).toBe("10.1.1.1");
    expect(resolveClientIp("10.1.1.1", "203.0.113.9, 10.0.0.2", true)).toBe("203.0.113.9");
    expect(resolveClientIp("10.1.1.1", undefined, true)).toBe("10.1.1.1");
    expect(resolveClientIp(undefined, undefined, false)).toBe("unknown");
  });

  it("reads the header the custom server stamps", () => {
    expect(clientIpFromHeaders(new Headers({ [CLIENT_IP_HEADER]: "192.0.2.4" }))).toBe("192.0.2.4");
    expect(clientIpFromHeaders(new Headers())).toBe("unknown");
  });
});
