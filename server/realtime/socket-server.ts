// socket.io on the app's own port, path /socket.io. Every connection is
// authenticated in the handshake (session cookie or API token in `auth.token`)
// and must come from our own origin when a browser sends one. With a Redis URL the
// Redis Streams adapter shares rooms between server processes (and survives a
// Redis restart); without one, this process is the whole real-time layer.
import type { Server as HttpServer } from "node:http";
import { createAdapter } from "@socket.io/redis-streams-adapter";
import { createClient } from "redis";
import { Server } from "socket.io";
import { rooms } from "@/lib/realtime/delivery";
import { parseClientId } from "@/server/auth/actor";
import { isActorCredentialLive } from "@/server/auth/credential-liveness";
import { resolveActor } from "@/server/auth/resolve-actor";
import { getDb } from "@/server/db/client";
import { resolveClientIp } from "@/server/http/client-ip";
import { registerRealtimeBus } from "./realtime-bus";
import { registerAnnotationHandlers } from "./register-annotation-handlers";
import { registerPresenceHandlers } from "./register-presence-handlers";
import { registerReviewHandlers } from "./register-review-handlers";
import { registerSessionHandlers } from "./register-session-handlers";
import { registerStreamHandlers } from "./register-stream-handlers";
import { createSocketBus, originRoom } from "./socket-bus";
import type { AppServer, SocketData } from "./socket-types";

export type { AppServer, AppSocket, SocketData } from "./socket-types";

/** How often an idle socket's session or token is checked again. */
const CREDENTIAL_RECHECK_MS = 60_000;

/** Socket messages are small JSON; anything near this is abuse. */
export const SOCKET_MAX_MESSAGE_BYTES = 64 * 1024;

export type SocketServerOptions = { allowedOrigins: string[]; redisUrl?: string; trustProxy?: boolean };
export type AttachedSocketServer = { io: AppServer; close: () => Promise<void> };

export async function attachSocketServer(httpServer: HttpServer, options: SocketServerOptions): Promise<AttachedSocketServer> {
  const redis = options.redisUrl ? createClient({ url: options.redisUrl }) : null;
  if (redis) {
    // Reconnects on its own; a Redis outage pauses cross-process delivery, not this process.
    redis.on("error", (error: unknown) => console.error("[realtime] redis", error instanceof Error ? error.message : error));
    await redis.connect();
  }
  const io: AppServer = new Server(httpServer, {
    path: "/socket.io",
    serveClient: false,
    maxHttpBufferSize: SOCKET_MAX_MESSAGE_BYTES,
    ...(redis ? { adapter: createAdapter(redis) } : {}),
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
      const user = await getDb().user.findUnique({ where: { id: actor.userId }, select: { id: true, name: true } });
      if (!user) return next(new Error("UNAUTHENTICATED"));
      const clientId = parseClientId(socket.handshake.auth?.clientId);
      const forwarded = socket.handshake.headers["x-forwarded-for"];
      const data: SocketData = {
        actor: clientId ? { ...actor, clientId } : actor,
        user,
        ip: resolveClientIp(socket.handshake.address, Array.isArray(forwarded) ? forwarded[0] : forwarded, options.trustProxy ?? false),
      };
      socket.data = data;
      next();
    } catch (error) {
      console.error("[socket] handshake failed", error);
      next(new Error("INTERNAL"));
    }
  });

  io.on("connection", (socket) => {
    const { actor } = socket.data;
    // Sessions also end by expiry, with no event to react to: check now and then that
    // this socket's credential still holds, so a silent socket stops receiving too.
    const recheck = setInterval(() => {
      isActorCredentialLive(actor).then(
        (live) => {
          if (!live) socket.disconnect(true);
        },
        () => undefined,
      );
    }, CREDENTIAL_RECHECK_MS);
    recheck.unref();
    socket.on("disconnect", () => clearInterval(recheck));
    void socket.join([
      rooms.user(actor.userId),
      rooms.credential(actor.credentialId),
      ...(actor.clientId ? [originRoom(actor.userId, actor.clientId)] : []),
    ]);
    registerSessionHandlers(io, socket);
    registerStreamHandlers(io, socket);
    registerAnnotationHandlers(io, socket);
    registerPresenceHandlers(io, socket);
    registerReviewHandlers(io, socket);
  });

  registerRealtimeBus(createSocketBus(io));

  return {
    io,
    close: async () => {
      registerRealtimeBus(undefined);
      await io.close();
      if (redis?.isOpen) await redis.quit().catch(() => undefined);
    },
  };
}
