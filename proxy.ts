// Next.js proxy (formerly middleware): a fresh nonce and a strict Content-Security-Policy
// for every page. Scripts run only with the nonce (no 'unsafe-inline'), so a comment
// that smuggled markup into a page still could not execute anything.
import { NextResponse, type NextRequest } from "next/server";
import { buildContentSecurityPolicy } from "@/lib/security/content-security-policy";

export function proxy(request: NextRequest) {
  const nonce = btoa(crypto.randomUUID());
  const https = (process.env.AUTH_URL ?? "").startsWith("https://");
  const policy = buildContentSecurityPolicy({
    nonce,
    development: process.env.NODE_ENV === "development",
    https,
    oauthOrigins: [
      ...(process.env.AUTH_GITHUB_ID ? ["https://github.com"] : []),
      ...(process.env.AUTH_GOOGLE_ID ? ["https://accounts.google.com"] : []),
    ],
  });

  // Next reads the nonce for its own scripts from the request's policy header.
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("content-security-policy", policy);
  if (https) response.headers.set("strict-transport-security", "max-age=63072000; includeSubDomains");
  return response;
}

export const config = {
  matcher: [{ source: "/((?!api/|_next/static|_next/image|icon.svg|favicon.ico).*)" }],
};
