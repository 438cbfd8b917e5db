// Calls Next.js route handlers in-process, the way Next does: a Request plus a
// context whose params are a Promise. Also the shared assertions on API errors.
import { expect } from "vitest";
import { CLIENT_IP_HEADER } from "@/server/http/client-ip";
import type { ErrorCode } from "@/lib/errors";

export const DEFAULT_CLIENT_IP = "10.0.0.1";
export const BASE_URL = "http://localhost";

type Handler<P> = (request: Request, context: { params: Promise<P> }) => Promise<Response>;

export type RequestOptions = {
  method?: string;
  /** Serialized with JSON.stringify unless it is already a string. */
  body?: unknown;
  /** Defaults to application/json when there is a body; null sends no content-type. */
  contentType?: string | null;
  token?: string;
  cookie?: string;
  ip?: string;
  headers?: Record<string, string>;
};

export function jsonRequest(path: string, options: RequestOptions = {}): Request {
  const method = options.method ?? (options.body === undefined ? "GET" : "POST");
  const headers = new Headers(options.headers);
  headers.set(CLIENT_IP_HEADER, options.ip ?? DEFAULT_CLIENT_IP);
  if (options.token !== undefined) headers.set("authorization", `Bearer ${options.token}`);
  if (options.cookie !== undefined) headers.set("cookie", options.cookie);
  // A browser sends its page's Origin with every write; tests of cross-site refusal override it.
  if (options.cookie !== undefined && !headers.has("origin")) headers.set("origin", "http://localhost:3000");
  let body: string | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === "string" ? options.body : JSON.stringify(options.body);
    const contentType = options.contentType === undefined ? "application/json" : options.contentType;
    if (contentType !== null) headers.set("content-type", contentType);
  }
  return new Request(`${BASE_URL}${path}`, { method, headers, body });
}

export type ApiResponse = {
  status: number;
  headers: Headers;
  text: string;
  /** The parsed JSON body, or undefined when the body is empty. */
  body: unknown;
};

export async function callRoute<P = Record<string, never>>(
  handler: Handler<P>,
  request: Request,
  params: P = {} as P,
): Promise<ApiResponse> {
  const response = await handler(request, { params: Promise.resolve(params) });
  const text = await response.text();
  const body = text === "" ? undefined : (JSON.parse(text) as unknown);
  expectNoStackTrace(text);
  return { status: response.status, headers: response.headers, text, body };
}

/** No "    at fn (file:line:col)" frames or file paths may leak into a response. */
export function expectNoStackTrace(text: string): void {
  expect(text).not.toMatch(/\bat\s+\S.*:\d+:\d+/);
  expect(text).not.toMatch(/\n\s+at\s/);
  expect(text).not.toMatch(/node_modules|\/work\/|file:\/\//);
}

/** Asserts an API error: status, envelope shape and code, and no internals in the body. */
export function expectApiError(response: ApiResponse, status: number, code: ErrorCode): void {
  expect({ status: response.status, body: response.body }).toMatchObject({ status, body: { error: { code } } });
  const message = (response.body as { error: { message: unknown } }).error.message;
  expect(typeof message).toBe("string");
  expect(String(message).length).toBeGreaterThan(0);
  expect(response.headers.get("content-type")).toMatch(/^application\/json/);
  expectNoStackTrace(response.text);
}

/** A JSON body just over the 64 KiB cap, valid JSON apart from its size. */
export function oversizedJsonBody(fields: Record<string, unknown>): string {
  return JSON.stringify({ ...fields, padding: "x".repeat(64 * 1024 + 16) });
}
