// The browser's way to call our JSON API: same-origin fetch, the shared error codes,
// and a typed ApiError a component can show.
import type { ErrorCode } from "@/lib/errors";
import { tabClientId } from "@/lib/realtime/client-id";

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | "NETWORK",
    message: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export async function requestJson<T>(method: string, path: string, body?: unknown, onResponse?: () => void): Promise<T> {
  const response = await send(method, path, { body, accept: "application/json" });
  onResponse?.();
  if (response.status === 204) return undefined as T;
  const payload: unknown = await response.json().catch(() => null);
  if (!response.ok) throw apiErrorOf(response.status, payload);
  return payload as T;
}

/** A successful GET's body as it arrives (for streamed formats such as ndjson); errors as requestJson. */
export async function requestBody(path: string, accept: string, signal?: AbortSignal): Promise<ReadableStream<Uint8Array>> {
  const response = await send("GET", path, { accept, signal });
  if (!response.ok) throw apiErrorOf(response.status, await response.json().catch(() => null));
  if (!response.body) throw new ApiError(response.status, "INTERNAL", "The answer had no body.");
  return response.body;
}

async function send(method: string, path: string, options: { body?: unknown; accept: string; signal?: AbortSignal }): Promise<Response> {
  const { body, accept, signal } = options;
  try {
    return await fetch(path, {
      method,
      credentials: "same-origin",
      headers: {
        accept,
        "x-client-id": tabClientId(),
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
    });
  } catch {
    throw new ApiError(0, "NETWORK", "You appear to be offline. Your change was not saved.");
  }
}

function apiErrorOf(status: number, payload: unknown): ApiError {
  const error = (payload as { error?: { code?: ErrorCode; message?: string } } | null)?.error;
  return new ApiError(status, error?.code ?? "INTERNAL", error?.message ?? `Request failed (${status}).`);
}
