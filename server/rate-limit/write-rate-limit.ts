// Rate limits on writes (annotations, replies, reactions, groups): per account and
// per client IP, generous enough for a classroom behind one school address.
import type { RateLimiterAbstract, RateLimiterRes } from "rate-limiter-flexible";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/server/auth/actor";
import { requireActor } from "@/server/auth/resolve-actor";
import { getEnv } from "@/server/env";
import { createLimiter } from "./create-limiter";
import { clientIpFromHeaders } from "@/server/http/client-ip";

type WriteLimiters = { perAccount: RateLimiterAbstract; perIp: RateLimiterAbstract };
const globalForLimits = globalThis as typeof globalThis & { marginaliaWriteLimiters?: WriteLimiters };

function limiters(): WriteLimiters {
  if (!globalForLimits.marginaliaWriteLimiters) {
    const env = getEnv();
    globalForLimits.marginaliaWriteLimiters = {
      perAccount: createLimiter({ keyPrefix: "write-account", points: env.RATE_LIMIT_WRITES_PER_ACCOUNT, duration: 60 }),
      perIp: createLimiter({ keyPrefix: "write-ip", points: env.RATE_LIMIT_WRITES_PER_IP, duration: 60 }),
    };
  }
  return globalForLimits.marginaliaWriteLimiters;
}

/** Authenticates the request and counts one write against the actor's and the IP's budgets. */
export async function requireWriter(request: Request): Promise<Actor> {
  const actor = await requireActor(request.headers);
  await consumeWriteBudget(actor, clientIpFromHeaders(request.headers));
  return actor;
}

/** Counts one write, whichever transport it came by (REST or socket). */
export async function consumeWriteBudget(actor: Actor, clientIp: string): Promise<void> {
  const { perAccount, perIp } = limiters();
  try {
    await perAccount.consume(actor.userId);
    await perIp.consume(clientIp);
  } catch (error) {
    const rejection = error as RateLimiterRes;
    if (typeof rejection?.msBeforeNext !== "number") throw error;
    const retryAfterSeconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
    throw new AppError("RATE_LIMITED", `You are writing faster than we allow. Try again in ${retryAfterSeconds} seconds.`, {
      retryAfterSeconds,
    });
  }
}
