// Turns a service call into an HTTP response: one place maps AppError codes to
// statuses, hides unexpected errors behind a plain 500, and caps and parses bodies.
import { z } from "zod";
import { MAX_JSON_BODY_BYTES } from "@/lib/api/common";
import { AppError, isAppError, type ErrorBody } from "@/lib/errors";
import { parseInput } from "@/server/validation/parse-input";
import { assertSameOriginWrite } from "./same-origin";

export { parseInput };

type RouteContext<P> = { params: Promise<P> };
type Handler<P> = (request: Request, context: RouteContext<P>) => Promise<Response>;

export function apiRoute<P = Record<string, never>>(handler: Handler<P>): Handler<P> {
  return async (request, context) => {
    try {
      assertSameOriginWrite(request);
      return await handler(request, context);
    } catch (error) {
      return errorResponse(error);
    }
  };
}

export function errorResponse(error: unknown): Response {
  if (isAppError(error)) {
    const body: ErrorBody = { error: { code: error.code, message: error.message } };
    if (error.details !== undefined) body.error.details = error.details;
    const headers: Record<string, string> = { "cache-control": "no-store" };
    if (error.retryAfterSeconds !== undefined) headers["retry-after"] = String(error.retryAfterSeconds);
    return Response.json(body, { status: error.status, headers });
  }
  console.error("[api] unexpected error", error);
  const body: ErrorBody = { error: { code: "INTERNAL", message: "Something went wrong on our side." } };
  return Response.json(body, { status: 500, headers: { "cache-control": "no-store" } });
}

export function json(data: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return Response.json(data, { status, headers: { "cache-control": "no-store", ...headers } });
}

/**
 * Reads a JSON body within the size cap (64 KB unless an endpoint names a larger one) and
 * validates it; every failure is a 4xx with a code.
 */
export async function readJsonBody<S extends z.ZodType>(
  request: Request,
  schema: S,
  { maxBytes = MAX_JSON_BODY_BYTES }: { maxBytes?: number } = {},
): Promise<z.output<S>> {
  const contentType = request.headers.get("content-type") ?? "";
  if (!/^application\/([\w.+-]+\+)?json\b/i.test(contentType)) {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Send the request body as application/json.");
  }
  const declaredLength = Number(request.headers.get("content-length") ?? "0");
  if (declaredLength > maxBytes) throw payloadTooLarge(maxBytes);

  const raw = await readBodyWithinLimit(request, maxBytes);
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new AppError("INVALID_JSON", "The request body is not valid JSON.");
  }
  return parseInput(schema, parsed);
}

/** Validates the query string; a repeated parameter is refused rather than silently picking one. */
export function parseQuery<S extends z.ZodType>(request: Request, schema: S): z.output<S> {
  const params = new URL(request.url).searchParams;
  const query: Record<string, string> = {};
  for (const [key, value] of params) {
    if (key in query) throw new AppError("VALIDATION_FAILED", `${key}: give this parameter once.`);
    query[key] = value;
  }
  return parseInput(schema, query);
}

/** Like readJsonBody, for endpoints whose body may be left out entirely (then it is `{}`). */
export async function readOptionalJsonBody<S extends z.ZodType>(request: Request, schema: S): Promise<z.output<S>> {
  const raw = await readBodyWithinLimit(request, MAX_JSON_BODY_BYTES);
  if (raw === "") return parseInput(schema, {});
  const contentType = request.headers.get("content-type") ?? "";
  if (!/^application\/([\w.+-]+\+)?json\b/i.test(contentType)) {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Send the request body as application/json.");
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new AppError("INVALID_JSON", "The request body is not valid JSON.");
  }
  return parseInput(schema, parsed);
}

function payloadTooLarge(limit = MAX_JSON_BODY_BYTES) {
  return new AppError("PAYLOAD_TOO_LARGE", `The request body is larger than ${limit} bytes.`);
}

async function readBodyWithinLimit(request: Request, limit: number): Promise<string> {
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel();
      throw payloadTooLarge(limit);
    }
    chunks.push(value);
  }
  return new TextDecoder("utf-8", { fatal: false }).decode(Buffer.concat(chunks));
}
