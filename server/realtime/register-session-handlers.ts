// `session:*` events: lets a client confirm who the server thinks it is.
import { getCurrentUser } from "@/server/users/get-user";
import { onSocketEvent } from "./socket-event";
import type { AppServer, AppSocket } from "./socket-types";

export function registerSessionHandlers(_io: AppServer, socket: AppSocket) {
  onSocketEvent(socket, "session:whoami", null, () => getCurrentUser({ actor: socket.data.actor }));
}
