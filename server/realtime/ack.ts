// Socket acknowledgements speak the same error codes as the REST API.
import { isAppError, type ErrorCode } from "@/lib/errors";

export type Ack<T> = { ok: true; data: T } | { ok: false; code: ErrorCode; message: string };

export function ackError(error: unknown): Ack<never> {
  if (isAppError(error)) return { ok: false, code: error.code, message: error.message };
  console.error("[socket] unexpected error", error);
  return { ok: false, code: "INTERNAL", message: "Something went wrong on our side." };
}
