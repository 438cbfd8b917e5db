// socket.io on the app's own port, path /socket.io. Every connection is
// authenticated in the handshake (session cookie or API token in `auth.token`)
// and must come from our own origin when a browser sends one.
import type { Server as HttpServer } from "node:http";
import { Server, type Socket } from "socket.io";
import type { Actor } from "@/server/auth/actor";
import { resolveActor } from "@/server/auth/resolve-actor";
import { registerSessionHandlers } from "./register-session-handlers";

export type SocketData = { actor: Actor };
export type AppSocket = Socket<Record<string, never>, Record<string, never>, Record<string, never>, SocketData>;

/** Socket messages are small JSON; anything near this is abuse. */
export const SOCKET_MAX_MESSAGE_BYTES = 64 * 1024;

export function attachSocketServer(httpServer: HttpServer, options: { allowedOrigins: string[] }): Server {
  const io = new Server(httpServer, {
    path: "/socket.io",
    serveClient: false,
    maxHttpBufferSize: SOCKET_MAX_MESSAGE_BYTES,
    allowRequest: (request, callback) => {
      const origin = request.headers.origin;
      // Non-browser clients send no Origin; browsers always do, and a foreign one is refused.
      callback(null, origin === undefined || options.allowedOrigins.includes(origin));
    },
  });

  io.use(async (socket, next) => {
    try {
      const headers = new Headers();
      const cookie = socket.handshake.headers.cookie;
      if (cookie) headers.set("cookie", cookie);
      const token: unknown = socket.handshake.auth?.token;
      if (typeof token === "string" && token.length > 0) headers.set("authorization", `Bearer ${token}`);
      const actor = await resolveActor(headers);
      if (!actor) return next(new Error("UNAUTHENTICATED"));
      (socket.data as SocketData).actor = actor;
      next();
    } catch (error) {
      console.error("[socket] handshake failed", error);
      next(new Error("INTERNAL"));
    }
  });

  io.on("connection", (socket) => {
    registerSessionHandlers(io, socket as AppSocket);
  });

  return io;
}
