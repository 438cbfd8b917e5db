// A write sent over the tab's socket instead of REST: the same schemas, the same
// services, and the ack's {ok: false, code, message} becomes the very ApiError the REST
// call would have thrown, so callers (the outbox) treat both alike. A socket that
// does not answer in time counts as a network failure: the write stays queued and its
// id makes the retry safe, whichever way it goes.
import { ApiError } from "@/lib/api-client/request-json";
import { ERROR_STATUS, type ErrorCode } from "@/lib/errors";
import type { TabSocket } from "./tab-socket";

const ACK_TIMEOUT_MS = 8000;

type Ack<T> = { ok: true; data: T } | { ok: false; code: ErrorCode; message: string };

export async function emitWrite<T>(socket: TabSocket, event: string, payload: unknown): Promise<T> {
  let ack: Ack<T>;
  try {
    ack = (await socket.timeout(ACK_TIMEOUT_MS).emitWithAck(event, payload)) as Ack<T>;
  } catch {
    throw new ApiError(0, "NETWORK", "The connection dropped before the server answered. Your change is kept and will be sent again.");
  }
  if (ack.ok) return ack.data;
  throw new ApiError(ERROR_STATUS[ack.code] ?? 500, ack.code, ack.message);
}
