// Registers one client event: finds the ack, re-checks that the connection's session
// or token is still live (sign-out and revocation must end open sockets too; an
// ended one is answered UNAUTHENTICATED and disconnected),
// validates the payload with the event's zod schema (the REST endpoint's own), runs
// the handler and acknowledges {ok, data} or {ok: false, code, message}.
import type { z } from "zod";
import { isAppError } from "@/lib/errors";
import { requireLiveCredential } from "@/server/auth/credential-liveness";
import { parseInput } from "@/server/validation/parse-input";
import { ackError, type Ack } from "./ack";
import type { AppSocket } from "./socket-types";

type EventOptions = {
  /**
   * The handler's own statement re-checks the credential (and answers UNAUTHENTICATED
   * when it has ended), saving a round trip on the hottest event.
   */
  credentialCheckedByHandler?: boolean;
};

export function onSocketEvent<S extends z.ZodType, T>(
  socket: AppSocket,
  event: string,
  schema: S | null,
  handler: (input: z.output<S>) => Promise<T>,
  options: EventOptions = {},
) {
  socket.on(event as never, async (...args: unknown[]) => {
    const ack = args.at(-1);
    if (typeof ack !== "function") return; // every client event must be acknowledgeable
    const reply = ack as (response: Ack<T>) => void;
    const payload = args.length > 1 ? args[0] : undefined;
    try {
      if (!options.credentialCheckedByHandler) await requireLiveCredential(socket.data.actor);
      const input = schema ? parseInput(schema, payload) : (undefined as z.output<S>);
      reply({ ok: true, data: await handler(input) });
    } catch (error) {
      reply(ackError(error));
      // A credential that has ended ends the connection too.
      if (isAppError(error) && error.code === "UNAUTHENTICATED") socket.disconnect(true);
    }
  });
}
