// Starts Marginalia: one HTTP server on one port serving Next.js pages and API
// routes plus socket.io, so the real-time layer shares sessions and origin.
import { createServer, type IncomingMessage } from "node:http";
import next from "next";
import { disconnectDb } from "@/server/db/client";
import { getEnv, publicOrigin } from "@/server/env";
import { CLIENT_IP_HEADER, resolveClientIp } from "@/server/http/client-ip";
import { attachSocketServer } from "@/server/realtime/socket-server";

export type RunningServer = { url: string; close: () => Promise<void> };

export async function startAppServer(options: { dev?: boolean } = {}): Promise<RunningServer> {
  const env = getEnv();
  const origin = publicOrigin(env);
  // Auth.js builds its callback URLs from AUTH_URL; without it they point at Next's internal origin.
  process.env.AUTH_URL ??= origin;

  const app = next({ dev: options.dev ?? false, hostname: "localhost", port: env.PORT });
  const handle = app.getRequestHandler();
  await app.prepare();

  const server = createServer((request, response) => {
    stampClientIp(request, env.TRUST_PROXY);
    void handle(request, response);
  });
  const realtime = await attachSocketServer(server, {
    allowedOrigins: [origin, `http://localhost:${env.PORT}`],
    redisUrl: env.REDIS_URL,
    trustProxy: env.TRUST_PROXY,
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(env.PORT, env.HOST, () => resolve());
  });

  return {
    url: origin,
    close: async () => {
      await realtime.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await app.close();
      await disconnectDb();
    },
  };
}

function stampClientIp(request: IncomingMessage, trustProxy: boolean) {
  const forwarded = request.headers["x-forwarded-for"];
  request.headers[CLIENT_IP_HEADER] = resolveClientIp(
    request.socket.remoteAddress,
    Array.isArray(forwarded) ? forwarded[0] : forwarded,
    trustProxy,
  );
}
