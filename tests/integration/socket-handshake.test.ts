// socket.io handshake: every connection is authenticated (API token in `auth.token`
// or the session cookie) and a browser's Origin must be ours. Real server on an
// ephemeral port, real client over WebSocket.
import { randomUUID } from "node:crypto";
import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { io as connectClient, type Socket } from "socket.io-client";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { deleteSession } from "@/server/auth/sessions";
import { getDb } from "@/server/db/client";
import { attachSocketServer, type AttachedSocketServer } from "@/server/realtime/socket-server";
import { importTestArticle, targetAt } from "./support/annotations";
import { closeDatabase, freshDatabase } from "./support/db";
import { useGenerousRateLimits } from "./support/env";
import { createUserWithToken, sessionCookieFor, type TestUserWithToken } from "./support/users";

const ALLOWED_ORIGIN = "http://localhost:3000";

let httpServer: HttpServer;
let realtime: AttachedSocketServer;
let url: string;
let user: TestUserWithToken;
const clients: Socket[] = [];

beforeAll(async () => {
  useGenerousRateLimits();
  await freshDatabase();
  user = await createUserWithToken({ name: "Socket Sue" });
  httpServer = createServer();
  realtime = await attachSocketServer(httpServer, { allowedOrigins: [ALLOWED_ORIGIN] });
  await new Promise<void>((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
});

afterEach(() => {
  for (const client of clients.splice(0)) client.disconnect();
});

afterAll(async () => {
  await realtime?.close();
  if (httpServer?.listening) await new Promise<void>((resolve) => httpServer.close(() => resolve()));
  await closeDatabase();
});

type Outcome = { connected: true; socket: Socket } | { connected: false; error: Error };

function connect(options: { token?: unknown; cookie?: string; origin?: string } = {}): Promise<Outcome> {
  const extraHeaders: Record<string, string> = {};
  if (options.cookie !== undefined) extraHeaders.cookie = options.cookie;
  if (options.origin !== undefined) extraHeaders.origin = options.origin;
  const socket = connectClient(url, {
    path: "/socket.io",
    transports: ["websocket"],
    reconnection: false,
    forceNew: true,
    timeout: 5000,
    auth: options.token === undefined ? {} : { token: options.token },
    extraHeaders,
  });
  clients.push(socket);
  return new Promise((resolve) => {
    socket.once("connect", () => resolve({ connected: true, socket }));
    socket.once("connect_error", (error) => resolve({ connected: false, error }));
  });
}

async function expectRefused(outcome: Outcome, message?: string) {
  expect(outcome.connected).toBe(false);
  if (!outcome.connected && message !== undefined) expect(outcome.error.message).toBe(message);
}

function whoami(socket: Socket): Promise<unknown> {
  return socket.timeout(5000).emitWithAck("session:whoami");
}

describe("socket.io handshake", () => {
  it("refuses a connection without credentials with UNAUTHENTICATED", async () => {
    await expectRefused(await connect(), "UNAUTHENTICATED");
  });

  it("accepts a valid API token, and session:whoami acks the user", async () => {
    const outcome = await connect({ token: user.token });
    expect(outcome.connected).toBe(true);
    if (!outcome.connected) return;
    expect(await whoami(outcome.socket)).toEqual({
      ok: true,
      data: { id: user.id, email: user.email, name: "Socket Sue" },
    });
  });

  it("accepts our own Origin with a valid token", async () => {
    const outcome = await connect({ token: user.token, origin: ALLOWED_ORIGIN });
    expect(outcome.connected).toBe(true);
  });

  it("accepts a valid session cookie", async () => {
    const { cookie } = await sessionCookieFor(user.id);
    const outcome = await connect({ cookie, origin: ALLOWED_ORIGIN });
    expect(outcome.connected).toBe(true);
    if (!outcome.connected) return;
    expect(await whoami(outcome.socket)).toMatchObject({ ok: true, data: { id: user.id } });
  });

  it("refuses a foreign Origin even with a valid token", async () => {
    await expectRefused(await connect({ token: user.token, origin: "https://evil.example" }));
  });

  it("refuses a foreign Origin even with a valid session cookie", async () => {
    const { cookie } = await sessionCookieFor(user.id);
    await expectRefused(await connect({ cookie, origin: "https://evil.example" }));
  });

  it("refuses a look-alike Origin (same host, other port or scheme)", async () => {
    await expectRefused(await connect({ token: user.token, origin: "http://localhost:3001" }));
    await expectRefused(await connect({ token: user.token, origin: "https://localhost:3000" }));
  });

  it("refuses a revoked API token", async () => {
    const other = await createUserWithToken();
    expect((await connect({ token: other.token })).connected).toBe(true);
    await getDb().apiToken.update({ where: { id: other.tokenId }, data: { revokedAt: new Date() } });
    await expectRefused(await connect({ token: other.token }), "UNAUTHENTICATED");
  });

  it("refuses a signed-out session cookie", async () => {
    const { cookie, sessionId } = await sessionCookieFor(user.id);
    expect((await connect({ cookie })).connected).toBe(true);
    await deleteSession(sessionId);
    await expectRefused(await connect({ cookie }), "UNAUTHENTICATED");
  });

  it.each([
    ["an unknown token", "mrg_00000000_neverIssuedneverIssuedneverIssued"],
    ["a token without the prefix", "not-a-token"],
    ["a number as token", 12345],
    ["an object as token", { $ne: null }],
  ])("refuses %s with UNAUTHENTICATED", async (_label, token) => {
    await expectRefused(await connect({ token }), "UNAUTHENTICATED");
  });

  it("refuses a garbage session cookie with UNAUTHENTICATED", async () => {
    await expectRefused(await connect({ cookie: "authjs.session-token=garbage" }), "UNAUTHENTICATED");
  });
});

describe("an open socket after sign-out or revocation", () => {
  it("answers UNAUTHENTICATED and disconnects once the session is signed out", async () => {
    const { cookie, sessionId } = await sessionCookieFor(user.id);
    const outcome = await connect({ cookie });
    if (!outcome.connected) throw outcome.error;
    expect(await whoami(outcome.socket)).toMatchObject({ ok: true });

    await deleteSession(sessionId);
    const disconnected = new Promise<string>((resolve) => outcome.socket.once("disconnect", resolve));
    expect(await whoami(outcome.socket)).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
    expect(await disconnected).toBe("io server disconnect");
  });

  it("answers UNAUTHENTICATED once the API token is revoked", async () => {
    const other = await createUserWithToken({ name: "Soon Revoked" });
    const outcome = await connect({ token: other.token });
    if (!outcome.connected) throw outcome.error;
    expect(await whoami(outcome.socket)).toMatchObject({ ok: true, data: { id: other.id } });

    await getDb().apiToken.update({ where: { id: other.tokenId }, data: { revokedAt: new Date() } });
    expect(await whoami(outcome.socket)).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
  });

  // annotation:create checks the credential inside its own statement (no separate
  // check first): an ended session or token still stores nothing and ends the socket.
  it.each([
    ["a revoked API token", "token"],
    ["a signed-out session", "session"],
  ] as const)("refuses annotation:create from %s, stores nothing and disconnects", async (_label, via) => {
    const writer = await createUserWithToken({ name: `Ended ${via}` });
    const session = via === "session" ? await sessionCookieFor(writer.id) : null;
    const outcome = await connect(session ? { cookie: session.cookie, origin: ALLOWED_ORIGIN } : { token: writer.token });
    if (!outcome.connected) throw outcome.error;
    const document = await importTestArticle(`ended-credential-${via}`);
    const create = (start: number) => ({
      id: randomUUID(),
      documentId: document.documentId,
      revisionId: document.revisionId,
      groupId: null,
      kind: "highlight",
      target: targetAt(document.text, start, start + 10),
    });
    const live = create(0);
    expect(await outcome.socket.timeout(5000).emitWithAck("annotation:create", live)).toMatchObject({ ok: true, data: { id: live.id } });

    if (session) await deleteSession(session.sessionId);
    else await getDb().apiToken.update({ where: { id: writer.tokenId }, data: { revokedAt: new Date() } });
    const disconnected = new Promise<string>((resolve) => outcome.socket.once("disconnect", resolve));
    const ended = create(20);
    expect(await outcome.socket.timeout(5000).emitWithAck("annotation:create", ended)).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
    expect(await disconnected).toBe("io server disconnect");
    expect(await getDb().annotation.count({ where: { id: { in: [live.id, ended.id] } } })).toBe(1);
  });
});
