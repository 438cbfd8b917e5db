// Test environment knobs. The auth rate limits are read once by getEnv() and the
// limiters are cached on globalThis, so they must be set before the first request.

const globalForLimits = globalThis as typeof globalThis & { marginaliaAuthLimiters?: unknown; marginaliaWriteLimiters?: unknown };

/** Forgets the cached auth and write limiters so the next request builds them from the current env. */
export function resetAuthLimiters(): void {
  delete globalForLimits.marginaliaAuthLimiters;
  delete globalForLimits.marginaliaWriteLimiters;
}

/**
 * Raises the auth rate limits far above anything a test file does, so only
 * rate-limit.test.ts (which sets its own small limits) is ever throttled.
 * Call at the top of beforeAll, before any route handler runs.
 */
export function useGenerousRateLimits(): void {
  process.env.RATE_LIMIT_AUTH_PER_IP = "100000";
  process.env.RATE_LIMIT_AUTH_PER_ACCOUNT = "100000";
  process.env.RATE_LIMIT_AUTH_WINDOW_SECONDS = "900";
  process.env.RATE_LIMIT_WRITES_PER_ACCOUNT = "1000000";
  process.env.RATE_LIMIT_WRITES_PER_IP = "1000000";
  resetAuthLimiters();
}
