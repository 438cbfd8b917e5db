// Auth.js's own routes, with the sign-in rate limit answered as a real 429 before
// Auth.js runs (Auth.js alone would turn it into a redirect).
import type { NextRequest } from "next/server";
import { handlers } from "@/server/auth/auth";
import { errorResponse } from "@/server/http/api-route";
import { clientIpFromHeaders } from "@/server/http/client-ip";
import { peekAuthLimit } from "@/server/rate-limit/auth-rate-limit";

export const GET = handlers.GET;

export async function POST(request: NextRequest) {
  if (new URL(request.url).pathname.endsWith("/callback/credentials")) {
    const form = await request.clone().formData().catch(() => null);
    const email = form?.get("email");
    const refusal = await peekAuthLimit({
      ip: clientIpFromHeaders(request.headers),
      account: typeof email === "string" ? email.trim() : undefined,
    });
    if (refusal) return errorResponse(refusal);
  }
  return handlers.POST(request);
}
