// Real-time test support: the socket.io server attached in-process to an HTTP server on
// an ephemeral port (as the app server does), real socket.io clients that record every
// push they receive, and the REST callers the real-time tests need (writes carrying an
// `x-client-id`, and GET /api/documents/{id}/events). REST calls made in-process publish
// through the same globalThis bus, because attachSocketServer registered it here.
//
// "Does not receive" is proven with a barrier, never a sleep: socket.io keeps the order of
// emits to one socket, so once a client has received a change published after the one it
// must not get, that earlier change would already be in its log if it had been sent.
import { randomBytes } from "node:crypto";
import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { io as connectClient, type Socket } from "socket.io-client";
import { expect } from "vitest";
import { GET as eventsRoute } from "@/app/api/documents/[idOrSlug]/events/route";
import { POST as reactRoute } from "@/app/api/annotations/[id]/reactions/route";
import { POST as replyRoute } from "@/app/api/annotations/[id]/replies/route";
import { PATCH as patchRoute, DELETE as deleteRoute } from "@/app/api/annotations/[id]/route";
import { POST as createRoute } from "@/app/api/annotations/route";
import type { AnnotationDto } from "@/lib/api/annotations";
import {
  ChangeEventSchema,
  StreamTickSchema,
  type ChangeEvent,
  type PresenceList,
  type PresenceSelection,
  type PresenceTyping,
  type StreamTick,
  type SyncResult,
} from "@/lib/api/realtime";
import type { ErrorCode } from "@/lib/errors";
import { getDb } from "@/server/db/client";
import { attachSocketServer, type AttachedSocketServer } from "@/server/realtime/socket-server";
import { textBody, type Auth, type TestDocument } from "./annotations";
import { callRoute, jsonRequest, type ApiResponse } from "./http";

export const REALTIME_ORIGIN = "http://localhost:3000";
const WAIT_MS = 5000;

export type RealtimeServer = { url: string; realtime: AttachedSocketServer; close: () => Promise<void> };

/** attachSocketServer on a fresh HTTP server listening on 127.0.0.1, port 0. */
export async function startRealtimeServer(): Promise<RealtimeServer> {
  const httpServer: HttpServer = createServer();
  const realtime = await attachSocketServer(httpServer, { allowedOrigins: [REALTIME_ORIGIN] });
  await new Promise<void>((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
  return {
    url,
    realtime,
    close: async () => {
      await realtime.close();
      if (httpServer.listening) await new Promise<void>((resolve) => httpServer.close(() => resolve()));
    },
  };
}

/** A fresh tab id, as the browser client makes one per tab. */
export function newClientId(label = "tab"): string {
  return `${label}-${randomBytes(8).toString("hex")}`;
}

export type Received = { event: string; payload: unknown };
export type AckResult<T = unknown> = { ok: true; data: T } | { ok: false; code: ErrorCode; message: string };

type Waiter = { match: (received: Received) => boolean; resolve: (received: Received) => void };

/** One socket.io connection (one "tab"), with a log of every server push in arrival order. */
export class RealtimeClient {
  readonly log: Received[] = [];
  private readonly waiters = new Set<Waiter>();

  constructor(
    readonly socket: Socket,
    readonly userId: string,
    readonly clientId: string | undefined,
    readonly label: string,
  ) {
    socket.onAny((event: string, payload: unknown) => {
      const received = { event, payload };
      this.log.push(received);
      for (const waiter of [...this.waiters]) {
        if (waiter.match(received)) {
          this.waiters.delete(waiter);
          waiter.resolve(received);
        }
      }
    });
  }

  /** The first push (already received or still to come) of `event` matching `predicate`. */
  waitFor<T>(event: string, predicate: (payload: T) => boolean = () => true, timeoutMs = WAIT_MS): Promise<T> {
    const match = (received: Received) => received.event === event && predicate(received.payload as T);
    return this.waitForMatch(match, `a matching ${event}`, timeoutMs).then((received) => received.payload as T);
  }

  /** The change or tick that carries number `seq` of a stream, whichever this tab gets. */
  waitForSeq(groupId: string, seq: number): Promise<Received> {
    return this.waitForMatch((received) => {
      if (received.event !== "annotation:changed" && received.event !== "stream:tick") return false;
      const payload = received.payload as { groupId: string; seq: number };
      return payload.groupId === groupId && payload.seq === seq;
    }, `seq ${seq} of ${groupId}`);
  }

  private waitForMatch(match: (received: Received) => boolean, what: string, timeoutMs = WAIT_MS): Promise<Received> {
    const seen = this.log.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise<Received>((resolve, reject) => {
      const waiter: Waiter = {
        match,
        resolve: (received) => {
          clearTimeout(timer);
          resolve(received);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        const log = this.log.map((entry) => entry.event).join(", ");
        reject(new Error(`${this.label} did not receive ${what} within ${timeoutMs} ms (log: ${log || "empty"})`));
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  /** A change about this annotation, in the given form. */
  waitForChange(annotationId: string, predicate: (event: ChangeEvent) => boolean = () => true): Promise<ChangeEvent> {
    return this.waitFor<ChangeEvent>("annotation:changed", (event) => event.annotationId === annotationId && predicate(event));
  }

  waitForTick(seq: number, groupId?: string): Promise<StreamTick> {
    return this.waitFor<StreamTick>("stream:tick", (tick) => tick.seq === seq && (groupId === undefined || tick.groupId === groupId));
  }

  /** Every annotation:changed received so far (optionally about one annotation). */
  changes(annotationId?: string): ChangeEvent[] {
    return this.payloads<ChangeEvent>("annotation:changed").filter((event) => annotationId === undefined || event.annotationId === annotationId);
  }

  ticks(): StreamTick[] {
    return this.payloads<StreamTick>("stream:tick");
  }

  payloads<T>(event: string): T[] {
    return this.log.filter((entry) => entry.event === event).map((entry) => entry.payload as T);
  }

  events(): string[] {
    return this.log.map((entry) => entry.event);
  }

  ack<T = unknown>(event: string, ...args: unknown[]): Promise<AckResult<T>> {
    return this.socket.timeout(WAIT_MS).emitWithAck(event, ...args) as Promise<AckResult<T>>;
  }

  async ackOk<T = unknown>(event: string, payload: unknown): Promise<T> {
    const result = await this.ack<T>(event, payload);
    expect(result, `${this.label} ${event}`).toMatchObject({ ok: true });
    return (result as { ok: true; data: T }).data;
  }

  async ackError(event: string, payload: unknown, code: ErrorCode): Promise<void> {
    const result = await this.ack(event, payload);
    expect(result, `${this.label} ${event} ${JSON.stringify(payload)?.slice(0, 200)}`).toMatchObject({ ok: false, code });
    expect(typeof (result as { message?: unknown }).message).toBe("string");
  }

  /** room:join, asserting it succeeded; returns the stream's head. */
  async join(documentId: string, groupId: string): Promise<number> {
    const data = await this.ackOk<{ groupId: string; head: number }>("room:join", { documentId, groupId });
    expect(data.groupId).toBe(groupId);
    return data.head;
  }

  sync(documentId: string, groupId: string, since: number): Promise<AckResult<SyncResult>> {
    return this.ack<SyncResult>("sync", { documentId, groupId, since });
  }

  async syncOk(documentId: string, groupId: string, since: number): Promise<SyncResult> {
    return this.ackOk<SyncResult>("sync", { documentId, groupId, since });
  }

  get connected(): boolean {
    return this.socket.connected;
  }

  close(): void {
    this.socket.disconnect();
  }
}

export type ClientOptions = { token: string; userId: string; clientId?: string | null; label?: string };

/** Connects one real socket.io client over WebSocket; clientId null sends none. */
export function connectRealtime(url: string, options: ClientOptions): Promise<RealtimeClient> {
  const clientId = options.clientId === null ? undefined : (options.clientId ?? newClientId());
  const socket = connectClient(url, {
    path: "/socket.io",
    transports: ["websocket"],
    reconnection: false,
    forceNew: true,
    timeout: WAIT_MS,
    auth: clientId ? { token: options.token, clientId } : { token: options.token },
  });
  const client = new RealtimeClient(socket, options.userId, clientId, options.label ?? options.userId);
  return new Promise((resolve, reject) => {
    socket.once("connect", () => resolve(client));
    socket.once("connect_error", (error) => {
      socket.disconnect();
      reject(error);
    });
  });
}

/** Closes every client in the list (and empties it); waits until each has disconnected. */
export async function closeClients(clients: RealtimeClient[]): Promise<void> {
  await Promise.all(
    clients.splice(0).map(
      (client) =>
        new Promise<void>((resolve) => {
          if (!client.socket.connected) return resolve();
          client.socket.once("disconnect", () => resolve());
          client.close();
        }),
    ),
  );
}

/** Every change event must match the published schema; every tick too. */
export function expectValidChange(event: unknown): ChangeEvent {
  const parsed = ChangeEventSchema.safeParse(event);
  expect(parsed.success, parsed.success ? "" : JSON.stringify(parsed.error.issues)).toBe(true);
  return event as ChangeEvent;
}

export function expectValidTick(tick: unknown): StreamTick {
  const parsed = StreamTickSchema.safeParse(tick);
  expect(parsed.success, parsed.success ? "" : JSON.stringify(parsed.error.issues)).toBe(true);
  return tick as StreamTick;
}

/** A change event as a recipient who may only learn it is gone receives it: no content at all. */
export function expectRedacted(event: ChangeEvent, annotationId: string): void {
  expect(event.type).toBe("annotation.removed");
  expect(event.removedIds).toEqual([annotationId]);
  expect(event).not.toHaveProperty("annotation");
  expect(event).not.toHaveProperty("reaction");
  expect(JSON.stringify(event)).not.toMatch(/"body"|"text"|"quote|"tags"/);
}

export type PresenceEvents = { readers: PresenceList; selection: PresenceSelection; typing: PresenceTyping };

// ---- REST callers that carry a client id ----------------------------------------------------

function restOptions(auth: Auth, clientId?: string) {
  return { token: auth.token, cookie: auth.cookie, headers: clientId ? { "x-client-id": clientId } : undefined };
}

export function restCreate(auth: Auth, body: unknown, clientId?: string): Promise<ApiResponse> {
  return callRoute(createRoute, jsonRequest("/api/annotations", { method: "POST", body, ...restOptions(auth, clientId) }));
}

export async function restCreateOk(auth: Auth, body: unknown, clientId?: string): Promise<AnnotationDto> {
  const response = await restCreate(auth, body, clientId);
  expect(response.status, response.text).toBe(201);
  return response.body as AnnotationDto;
}

export async function restUpdateOk(auth: Auth, id: string, body: unknown, clientId?: string): Promise<AnnotationDto> {
  const request = jsonRequest(`/api/annotations/${id}`, { method: "PATCH", body, ...restOptions(auth, clientId) });
  const response = await callRoute(patchRoute, request, { id });
  expect(response.status, response.text).toBe(200);
  return response.body as AnnotationDto;
}

export async function restReplyOk(auth: Auth, parentId: string, text: string, clientId?: string): Promise<AnnotationDto> {
  const request = jsonRequest(`/api/annotations/${parentId}/replies`, {
    method: "POST",
    body: { body: textBody(text) },
    ...restOptions(auth, clientId),
  });
  const response = await callRoute(replyRoute, request, { id: parentId });
  expect(response.status, response.text).toBe(201);
  return response.body as AnnotationDto;
}

export async function restReactOk(auth: Auth, id: string, type: string, clientId?: string): Promise<void> {
  const request = jsonRequest(`/api/annotations/${id}/reactions`, { method: "POST", body: { type }, ...restOptions(auth, clientId) });
  const response = await callRoute(reactRoute, request, { id });
  expect(response.status, response.text).toBeLessThan(300);
}

export async function restDeleteOk(auth: Auth, id: string, clientId?: string): Promise<void> {
  const request = jsonRequest(`/api/annotations/${id}`, { method: "DELETE", ...restOptions(auth, clientId) });
  const response = await callRoute(deleteRoute, request, { id });
  expect(response.status, response.text).toBeLessThan(300);
}

/** GET /api/documents/{id}/events with a raw query string (bad input included). */
export function restEvents(auth: Auth, documentId: string, query: string): Promise<ApiResponse> {
  const request = jsonRequest(`/api/documents/${encodeURIComponent(documentId)}/events?${query}`, restOptions(auth));
  return callRoute(eventsRoute, request, { idOrSlug: documentId });
}

export async function restEventsOk(auth: Auth, documentId: string, groupId: string, since: number): Promise<SyncResult> {
  const response = await restEvents(auth, documentId, new URLSearchParams({ groupId, since: String(since) }).toString());
  expect(response.status, response.text).toBe(200);
  return response.body as SyncResult;
}

// ---- Bodies and database checks -------------------------------------------------------------

/** A page comment (no target) in a group, or private with groupId null. */
export function commentInput(doc: TestDocument, groupId: string | null, text: string, extra: Record<string, unknown> = {}) {
  return { documentId: doc.documentId, revisionId: doc.revisionId, groupId, kind: "comment", body: textBody(text), ...extra };
}

export async function annotationRowCount(id: string): Promise<number> {
  return getDb().annotation.count({ where: { id } });
}

/** The change-log rows about one annotation, in order. */
export async function changeEventRows(annotationId: string) {
  return getDb().changeEvent.findMany({ where: { annotationId }, orderBy: { seq: "asc" } });
}

export async function changeEventCount(): Promise<number> {
  return getDb().changeEvent.count();
}

/**
 * A barrier: the client's user writes a private note over REST (no client id, so every
 * tab of theirs that joined the private stream gets it in full) and the client waits for
 * it. Anything published before it that was meant for this client has arrived by then.
 */
export async function barrier(client: RealtimeClient, auth: Auth, doc: TestDocument): Promise<void> {
  const note = await restCreateOk(auth, commentInput(doc, null, `barrier for ${client.label}`));
  await client.waitForChange(note.id);
}
