import { describe, expect, it } from "vitest";
import { ApiError } from "@/lib/api-client/request-json";
import { emitWrite } from "@/lib/realtime/socket-write";
import type { TabSocket } from "@/lib/realtime/tab-socket";

/** A socket whose acknowledgement is whatever the test says (or never comes). */
function socketAnswering(answer: () => Promise<unknown>) {
  const sent: Array<{ event: string; payload: unknown; timeoutMs: number }> = [];
  const socket = {
    timeout: (timeoutMs: number) => ({
      emitWithAck: (event: string, payload: unknown) => {
        sent.push({ event, payload, timeoutMs });
        return answer();
      },
    }),
  } as unknown as TabSocket;
  return { socket, sent };
}

describe("emitWrite", () => {
  it("sends the event with its payload and a timeout, and returns the acknowledged data", async () => {
    const { socket, sent } = socketAnswering(async () => ({ ok: true, data: { id: "a1" } }));
    await expect(emitWrite(socket, "annotation:create", { id: "a1" })).resolves.toEqual({ id: "a1" });
    expect(sent).toEqual([{ event: "annotation:create", payload: { id: "a1" }, timeoutMs: 8000 }]);
  });

  it("turns a refusal into the ApiError REST would give, with the code's HTTP status", async () => {
    const { socket } = socketAnswering(async () => ({ ok: false, code: "INVALID_TARGET", message: "The quote does not match." }));
    const error = await emitWrite(socket, "annotation:create", {}).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 422, code: "INVALID_TARGET", message: "The quote does not match." });
  });

  it("turns a missing acknowledgement into a retryable network error", async () => {
    const { socket } = socketAnswering(async () => {
      throw new Error("operation has timed out");
    });
    await expect(emitWrite(socket, "annotation:reply", {})).rejects.toMatchObject({ status: 0, code: "NETWORK" });
  });
});
