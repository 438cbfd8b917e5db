// `session:*` events: lets a client confirm who the server thinks it is.
import type { Server } from "socket.io";
import type { AppSocket } from "./socket-server";
import { getCurrentUser } from "@/server/users/get-user";
import { ackError, type Ack } from "./ack";

export function registerSessionHandlers(_io: Server, socket: AppSocket) {
  socket.on("session:whoami" as never, async (...args: unknown[]) => {
    const ack = args.at(-1);
    if (typeof ack !== "function") return;
    const reply = ack as (response: Ack<unknown>) => void;
    try {
      reply({ ok: true, data: await getCurrentUser({ actor: socket.data.actor }) });
    } catch (error) {
      reply(ackError(error));
    }
  });
}
