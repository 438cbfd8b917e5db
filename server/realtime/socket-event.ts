// Registers one client event: finds the ack, re-checks that the connection's session
// or token is still live (sign-out and revocation must end open sockets too), runs the
// handler and acknowledges {ok, data} or {ok: false, code, message}.
import { AppError } from "@/lib/errors";
import { isActorCredentialLive } from "@/server/auth/resolve-actor";
import { ackError, type Ack } from "./ack";
import type { AppSocket } from "./socket-server";

type EventHandler<T> = (payload: unknown) => Promise<T>;

export function onSocketEvent<T>(socket: AppSocket, event: string, handler: EventHandler<T>) {
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
      reply({ ok: true, data: await handler(payload) });
    } catch (error) {
      reply(ackError(error));
    }
  });
}
