// Where rate-limit counters live: in Redis when REDIS_URL is set, so every server
// process behind the proxy counts against one budget; in memory otherwise (one
// process). If Redis is unreachable, each process falls back to its own memory
// counters rather than refusing every request.
import { createClient } from "redis";
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract } from "rate-limiter-flexible";
import { getEnv } from "@/server/env";

type LimiterOptions = { keyPrefix: string; points: number; duration: number };
// Only what is stored and passed on; the exact generic client type differs between redis builds.
type RedisClient = { connect(): Promise<unknown>; on(event: "error", listener: (error: unknown) => void): unknown };

type SharedClient = { url: string; client: RedisClient; ready: Promise<boolean> };
const globalForRedis = globalThis as typeof globalThis & { marginaliaLimiterRedis?: SharedClient };

function sharedRedis(url: string): SharedClient {
  const cached = globalForRedis.marginaliaLimiterRedis;
  if (cached?.url === url) return cached;
  const client: RedisClient = createClient({ url });
  client.on("error", (error: unknown) => console.error("[rate-limit] redis", error instanceof Error ? error.message : error));
  // Reconnects on its own; until connected, each process counts in memory.
  const ready = client.connect().then(
    () => true,
    () => false,
  );
  globalForRedis.marginaliaLimiterRedis = { url, client, ready };
  return globalForRedis.marginaliaLimiterRedis;
}

/** Resolves when the shared counter store is connected (false if it could not be). */
export function limiterStoreReady(redisUrl = getEnv().REDIS_URL): Promise<boolean> {
  return redisUrl ? sharedRedis(redisUrl).ready : Promise.resolve(false);
}

export function createLimiter(options: LimiterOptions, redisUrl = getEnv().REDIS_URL): RateLimiterAbstract {
  const memory = new RateLimiterMemory(options);
  if (!redisUrl) return memory;
  return new RateLimiterRedis({
    ...options,
    keyPrefix: `marginalia:${options.keyPrefix}`,
    storeClient: sharedRedis(redisUrl).client,
    useRedisPackage: true,
    rejectIfRedisNotReady: true,
    insuranceLimiter: memory,
  });
}
