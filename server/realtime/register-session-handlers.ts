// `session:*` events: lets a client confirm who the server thinks it is.
import type { Server } from "socket.io";
import { getCurrentUser } from "@/server/users/get-user";
import { onSocketEvent } from "./socket-event";
import type { AppSocket } from "./socket-server";

export function registerSessionHandlers(_io: Server, socket: AppSocket) {
  onSocketEvent(socket, "session:whoami", () => getCurrentUser({ actor: socket.data.actor }));
}
