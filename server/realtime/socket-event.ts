// Registers one client event: finds the ack, re-checks that the connection's session
// or token is still live (sign-out and revocation must end open sockets too),
// validates the payload with the event's zod schema (the REST endpoint's own), runs
// the handler and acknowledges {ok, data} or {ok: false, code, message}.
import type { z } from "zod";
import { AppError } from "@/lib/errors";
import { isActorCredentialLive } from "@/server/auth/credential-liveness";
import { parseInput } from "@/server/validation/parse-input";
import { ackError, type Ack } from "./ack";
import type { AppSocket } from "./socket-types";

export function onSocketEvent<S extends z.ZodType, T>(
  socket: AppSocket,
  event: string,
  schema: S | null,
  handler: (input: z.output<S>) => Promise<T>,
) {
  socket.on(event as never, async (...args: unknown[]) => {
    const ack = args.at(-1);
    if (typeof ack !== "function") return; // every client event must be acknowledgeable
    const reply = ack as (response: Ack<T>) => void;
    const payload = args.length > 1 ? args[0] : undefined;
    try {
      if (!(await isActorCredentialLive(socket.data.actor))) {
        reply(ackError(new AppError("UNAUTHENTICATED", "Your session has ended. Sign in again.")));
        socket.disconnect(true);
        return;
      }
      const input = schema ? parseInput(schema, payload) : (undefined as z.output<S>);
      reply({ ok: true, data: await handler(input) });
    } catch (error) {
      reply(ackError(error));
    }
  });
}
