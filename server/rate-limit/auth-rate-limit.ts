// Rate limits for sign-in, sign-up and token creation: per client IP (generous, since
// a classroom shares one address) and per account (tight, against password guessing).
import type { RateLimiterAbstract, RateLimiterRes } from "rate-limiter-flexible";
import { AppError } from "@/lib/errors";
import { getEnv } from "@/server/env";
import { createLimiter } from "./create-limiter";

type AuthLimiters = { perIp: RateLimiterAbstract; perAccount: RateLimiterAbstract };

const globalForLimits = globalThis as typeof globalThis & { marginaliaAuthLimiters?: AuthLimiters };

function limiters(): AuthLimiters {
  if (!globalForLimits.marginaliaAuthLimiters) {
    const env = getEnv();
    const duration = env.RATE_LIMIT_AUTH_WINDOW_SECONDS;
    globalForLimits.marginaliaAuthLimiters = {
      perIp: createLimiter({ keyPrefix: "auth-ip", points: env.RATE_LIMIT_AUTH_PER_IP, duration }),
      perAccount: createLimiter({ keyPrefix: "auth-account", points: env.RATE_LIMIT_AUTH_PER_ACCOUNT, duration }),
    };
  }
  return globalForLimits.marginaliaAuthLimiters;
}

function rateLimited(res: RateLimiterRes): AppError {
  const retryAfterSeconds = Math.max(1, Math.ceil(res.msBeforeNext / 1000));
  return new AppError("RATE_LIMITED", `Too many attempts. Try again in ${formatWait(retryAfterSeconds)}.`, {
    retryAfterSeconds,
  });
}

function formatWait(seconds: number): string {
  if (seconds < 90) return `${seconds} seconds`;
  return `${Math.ceil(seconds / 60)} minutes`;
}

// The library rejects with a RateLimiterRes; checked by shape, because bundling can
// load a second copy of the class and `instanceof` then fails.
function isRateLimiterRejection(error: unknown): error is RateLimiterRes {
  return typeof error === "object" && error !== null && typeof (error as RateLimiterRes).msBeforeNext === "number";
}

/** Counts one attempt against the IP and (when known) the account; throws RATE_LIMITED when over. */
export async function consumeAuthAttempt(attempt: { ip: string; account?: string }): Promise<void> {
  const { perIp, perAccount } = limiters();
  try {
    await perIp.consume(attempt.ip);
    if (attempt.account) await perAccount.consume(attempt.account.toLowerCase());
  } catch (error) {
    if (isRateLimiterRejection(error)) throw rateLimited(error);
    throw error;
  }
}

/** A successful sign-in clears the account's failed-attempt count. */
export async function forgetAccountAttempts(account: string): Promise<void> {
  await limiters().perAccount.delete(account.toLowerCase());
}

/** Without counting: would this attempt be refused? Used to answer 429 before Auth.js runs. */
export async function peekAuthLimit(attempt: { ip: string; account?: string }): Promise<AppError | null> {
  const { perIp, perAccount } = limiters();
  const byIp = await perIp.get(attempt.ip);
  if (byIp && byIp.remainingPoints <= 0) return rateLimited(byIp);
  if (attempt.account) {
    const byAccount = await perAccount.get(attempt.account.toLowerCase());
    if (byAccount && byAccount.remainingPoints <= 0) return rateLimited(byAccount);
  }
  return null;
}
