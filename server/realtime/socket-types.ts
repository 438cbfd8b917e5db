// The typed socket.io server and socket of this app, and what each socket carries.
import type { Server, Socket } from "socket.io";
import type { ServerToClientEvents } from "@/lib/api/realtime";
import type { Actor } from "@/server/auth/actor";

export type SocketData = { actor: Actor; user: { id: string; name: string }; ip: string };
type ClientToServerEvents = Record<string, never>;
type InterServerEvents = Record<string, never>;

export type AppServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type AppSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
