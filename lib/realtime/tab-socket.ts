// One socket.io connection per browser tab, shared by everything on the page that
// listens (the reader's streams, the notification bell, the review page). Each user
// acquires it and releases it when unmounted; the last release closes it.
import { io, type Socket } from "socket.io-client";
import type { ServerToClientEvents } from "@/lib/api/realtime";
import { tabClientId } from "./client-id";

// Client events are acknowledged calls; their payloads are checked by the server's schemas.
type ClientEvents = Record<string, (payload: unknown, ack: (reply: unknown) => void) => void>;
export type TabSocket = Socket<ServerToClientEvents, ClientEvents>;

let shared: TabSocket | null = null;
let holders = 0;

export function acquireTabSocket(): TabSocket {
  shared ??= io({ path: "/socket.io", auth: { clientId: tabClientId() }, withCredentials: true });
  holders += 1;
  return shared;
}

export function releaseTabSocket() {
  holders = Math.max(0, holders - 1);
  if (holders > 0 || !shared) return;
  shared.disconnect();
  shared = null;
}

/**
 * The tab's socket when it is connected now, for writes that can go either way. Not
 * while the browser says it is offline: an open WebSocket can outlive the network for
 * a while, and a write sent into it would wait for its ack timeout instead of being
 * queued at once.
 */
export function connectedTabSocket(): TabSocket | null {
  if (typeof navigator !== "undefined" && navigator.onLine === false) return null;
  return shared?.connected ? shared : null;
}
