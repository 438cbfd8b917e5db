// The bridge from services to the socket server. Route handlers run inside Next's
// bundles while socket.io lives in the custom server's module graph, so the server
// registers its bus on globalThis and services look it up here. Without a socket
// server (unit and in-process integration tests, scripts) publishing is a no-op:
// the change is already durable in Postgres and clients catch up through sync.
import type { RecordedChange } from "./change-log";

export type UserNotice = { event: string; payload: unknown };

export interface RealtimeBus {
  /** Sends a server event to every open socket of one user, on every node. */
  toUser(userId: string, notice: UserNotice): void;
  /** Delivers a committed annotation change to everyone who may see it. */
  publishChange(change: RecordedChange): void;
  /** A user's role in a group changed or ended: their sockets drop the group's rooms and rejoin. */
  membershipChanged(userId: string, groupId: string): void;
  /** A group's visibility rules changed ("post first"): every socket following it joins again. */
  groupRulesChanged(groupId: string): void;
  /** A session or token was revoked: its sockets are disconnected. */
  credentialRevoked(credentialId: string): void;
}

const BUS_KEY = Symbol.for("marginalia.realtimeBus");
type BusHolder = { [BUS_KEY]?: RealtimeBus };

export function registerRealtimeBus(bus: RealtimeBus | undefined) {
  (globalThis as BusHolder)[BUS_KEY] = bus;
}

export function realtimeBus(): RealtimeBus | undefined {
  return (globalThis as BusHolder)[BUS_KEY];
}

/** Tells a user's open tabs about something meant for them (a notification, feedback). */
export function notifyUser(userId: string, notice: UserNotice) {
  realtimeBus()?.toUser(userId, notice);
}
