// The production server refuses to start without AUTH_SECRET, saying why.
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

describe("server boot", () => {
  it("stops a production server without AUTH_SECRET with a clear message", () => {
    const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production", PORT: "3999" };
    delete env.AUTH_SECRET;
    const result = spawnSync(process.execPath, ["--import", "tsx", "server/main.ts"], { env, encoding: "utf8", timeout: 30_000 });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("AUTH_SECRET is required in production");
    expect(result.stderr).not.toMatch(/\n\s+at /); // a message, not a stack trace
  });
});
