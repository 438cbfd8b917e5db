import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "@/lib/auth/safe-callback";

describe("safeCallbackPath", () => {
  it("keeps paths on this site", () => {
    expect(safeCallbackPath("/documents/intestinal-permeability")).toBe("/documents/intestinal-permeability");
    expect(safeCallbackPath("/account?tab=tokens")).toBe("/account?tab=tokens");
  });

  it.each(["https://evil.example", "//evil.example/path", "/\\evil.example", "javascript:alert(1)", "", "x".repeat(600)])(
    "refuses %j and falls back home",
    (value) => {
      expect(safeCallbackPath(value)).toBe("/");
    },
  );

  it("ignores non-string values", () => {
    expect(safeCallbackPath(undefined)).toBe("/");
    expect(safeCallbackPath(["/a", "/b"])).toBe("/");
  });
});
