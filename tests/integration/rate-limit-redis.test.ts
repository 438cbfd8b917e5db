// Rate limits across server processes: with REDIS_URL, two limiters (as two processes
// would build them) count against one budget in a real Redis; with Redis unreachable,
// each falls back to counting in memory instead of refusing everyone.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createLimiter, limiterStoreReady } from "@/server/rate-limit/create-limiter";
import { redisUrl } from "./support/server-process";

describe("rate limits with REDIS_URL", () => {
  it("share one budget between two processes' limiters", async () => {
    const options = { keyPrefix: `test-${randomBytes(6).toString("hex")}`, points: 3, duration: 60 };
    const nodeA = createLimiter(options, redisUrl());
    const nodeB = createLimiter(options, redisUrl());
    expect(await limiterStoreReady(redisUrl())).toBe(true);
    const key = "reader@example.test";
    await nodeA.consume(key);
    await nodeB.consume(key);
    await nodeA.consume(key);
    // The fourth write, wherever it lands, is over the shared budget.
    await expect(nodeB.consume(key)).rejects.toMatchObject({ remainingPoints: 0 });
    const state = await nodeA.get(key);
    expect(state?.consumedPoints).toBe(4);
  });

  it("falls back to memory when Redis cannot be reached", async () => {
    const options = { keyPrefix: `test-${randomBytes(6).toString("hex")}`, points: 2, duration: 60 };
    const unreachable = createLimiter(options, "redis://127.0.0.1:1");
    await unreachable.consume("someone");
    await unreachable.consume("someone");
    await expect(unreachable.consume("someone")).rejects.toMatchObject({ remainingPoints: 0 });
  });
});
