// Which "Continue with …" providers are on: only those whose credentials are configured.
import type { Env } from "@/server/env";

export type OAuthProviderId = "github" | "google";

export function enabledOAuthProviders(env: Env): OAuthProviderId[] {
  const enabled: OAuthProviderId[] = [];
  if (env.AUTH_GITHUB_ID && env.AUTH_GITHUB_SECRET) enabled.push("github");
  if (env.AUTH_GOOGLE_ID && env.AUTH_GOOGLE_SECRET) enabled.push("google");
  return enabled;
}
