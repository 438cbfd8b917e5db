// Environment variables, validated once with zod. A misconfigured production
// server stops at boot with a readable message instead of failing on first use.
import { z } from "zod";

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);
const flag = z
  .enum(["true", "false", "1", "0"])
  .optional()
  .transform((value) => value === "true" || value === "1");

const EnvSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    HOST: z.string().default("0.0.0.0"),
    DATABASE_URL: z.string().url("DATABASE_URL must be a postgresql:// URL."),
    AUTH_SECRET: z.string().min(32, "AUTH_SECRET must be at least 32 characters.").optional(),
    AUTH_URL: z.string().url().optional(),
    AUTH_GITHUB_ID: z.string().optional(),
    AUTH_GITHUB_SECRET: z.string().optional(),
    AUTH_GOOGLE_ID: z.string().optional(),
    AUTH_GOOGLE_SECRET: z.string().optional(),
    REDIS_URL: z.string().url().optional(),
    /** Show the demo accounts on the sign-in page (set by the quick start; never in production). */
    MARGINALIA_DEMO: flag,
    /** Trust X-Forwarded-For from a reverse proxy (set only behind one). */
    TRUST_PROXY: flag,
    /** Sign-in/sign-up/token attempts allowed per client IP per window. A classroom shares one IP. */
    RATE_LIMIT_AUTH_PER_IP: positiveInt(100),
    /** Sign-in/token attempts allowed per account per window. */
    RATE_LIMIT_AUTH_PER_ACCOUNT: positiveInt(10),
    RATE_LIMIT_AUTH_WINDOW_SECONDS: positiveInt(900),
    /** Annotation and group writes allowed per account per minute. */
    RATE_LIMIT_WRITES_PER_ACCOUNT: positiveInt(120),
    /** Writes allowed per client IP per minute (a whole classroom may share one). */
    RATE_LIMIT_WRITES_PER_IP: positiveInt(3000),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === "production" && !env.AUTH_SECRET) {
      ctx.addIssue({
        code: "custom",
        path: ["AUTH_SECRET"],
        message: "AUTH_SECRET is required in production (generate one with `openssl rand -base64 33`).",
      });
    }
  });

export type Env = z.infer<typeof EnvSchema> & { AUTH_SECRET: string };

// Development and tests get a fixed secret so nothing needs configuring; production never does.
const DEVELOPMENT_AUTH_SECRET = "marginalia-development-secret-not-for-production-use";

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = EnvSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  - ${issue.path.join(".") || "env"}: ${issue.message}`);
    throw new Error(`Invalid environment configuration:\n${lines.join("\n")}`);
  }
  return { ...result.data, AUTH_SECRET: result.data.AUTH_SECRET ?? DEVELOPMENT_AUTH_SECRET };
}

let cachedEnv: Env | undefined;

export function getEnv(): Env {
  cachedEnv ??= parseEnv(process.env);
  return cachedEnv;
}

/** The public origin users reach, e.g. https://marginalia.example.org. */
export function publicOrigin(env: Env = getEnv()): string {
  return env.AUTH_URL ? new URL(env.AUTH_URL).origin : `http://localhost:${env.PORT}`;
}

export function usesSecureCookies(env: Env = getEnv()): boolean {
  return publicOrigin(env).startsWith("https://");
}
