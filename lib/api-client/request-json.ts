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
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: "same-origin",
      headers: {
        accept: "application/json",
        "x-client-id": tabClientId(),
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, "NETWORK", "You appear to be offline. Your change was not saved.");
  }
  onResponse?.();
  if (response.status === 204) return undefined as T;
  const payload: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const error = (payload as { error?: { code?: ErrorCode; message?: string } } | null)?.error;
    throw new ApiError(response.status, error?.code ?? "INTERNAL", error?.message ?? `Request failed (${response.status}).`);
  }
  return payload as T;
}
