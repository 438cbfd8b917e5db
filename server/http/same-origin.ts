// Cross-site request forgery guard for route handlers: a state-changing request that
// rides on the session cookie must prove it comes from our own pages (Origin, or
// Sec-Fetch-Site from browsers that omit Origin). Bearer tokens are not ambient
// credentials, and requests without cookies carry no authority to forge.
import { AppError } from "@/lib/errors";
import { getEnv, publicOrigin } from "@/server/env";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function allowedOrigins(): string[] {
  const env = getEnv();
  return [...new Set([publicOrigin(env), `http://localhost:${env.PORT}`])];
}

export function assertSameOriginWrite(request: Request): void {
  if (SAFE_METHODS.has(request.method)) return;
  const headers = request.headers;
  if (/^Bearer\s/i.test(headers.get("authorization") ?? "")) return;
  if (!headers.get("cookie")) return;

  const origin = headers.get("origin");
  if (origin !== null) {
    if (allowedOrigins().includes(origin)) return;
    throw crossSite();
  }
  const fetchSite = headers.get("sec-fetch-site");
  if (fetchSite === "same-origin" || fetchSite === "none") return;
  throw crossSite();
}

function crossSite() {
  return new AppError("FORBIDDEN", "Cross-site request refused: send it from Marginalia itself, or use an API token.");
}
