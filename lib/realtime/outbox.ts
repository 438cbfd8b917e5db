// The browser's outbox: new annotations and replies are written here (IndexedDB)
// before they are sent, and leave only when the server has acknowledged them. So a
// note written offline survives a reload and is sent when the connection returns;
// its client-chosen id makes every retry safe (the server creates it once).
import { openDB, type IDBPDatabase } from "idb";
import type { z } from "zod";
import type { CreateAnnotationRequest, CreateReplyRequest } from "@/lib/api/annotations";

export type OutboxEntry =
  | { id: string; documentId: string; kind: "create"; input: z.input<typeof CreateAnnotationRequest>; queuedAt: string; attempts: number }
  | {
      id: string;
      documentId: string;
      kind: "reply";
      parentId: string;
      /** The thread's group, so the pending reply shows where its thread does. */
      groupId: string | null;
      input: z.input<typeof CreateReplyRequest>;
      queuedAt: string;
      attempts: number;
    };

const DATABASE = "marginalia-outbox";
const STORE = "pending-writes";

let database: Promise<IDBPDatabase | null> | null = null;
// Where IndexedDB is unavailable (some private modes), the outbox still works for this tab.
const memory = new Map<string, OutboxEntry>();

function open(): Promise<IDBPDatabase | null> {
  database ??= typeof indexedDB === "undefined"
    ? Promise.resolve(null)
    : openDB(DATABASE, 1, {
        upgrade(db) {
          const store = db.createObjectStore(STORE, { keyPath: "id" });
          store.createIndex("documentId", "documentId");
        },
      }).catch(() => null);
  return database;
}

export async function putOutboxEntry(entry: OutboxEntry): Promise<void> {
  const db = await open();
  if (db) await db.put(STORE, entry);
  else memory.set(entry.id, entry);
}

export async function deleteOutboxEntry(id: string): Promise<void> {
  const db = await open();
  if (db) await db.delete(STORE, id);
  else memory.delete(id);
}

/** The document's pending writes, oldest first (a reply is never sent before its parent). */
export async function listOutboxEntries(documentId: string): Promise<OutboxEntry[]> {
  const db = await open();
  const entries: OutboxEntry[] = db
    ? await db.getAllFromIndex(STORE, "documentId", documentId)
    : [...memory.values()].filter((entry) => entry.documentId === documentId);
  return entries.sort((a, b) => a.queuedAt.localeCompare(b.queuedAt));
}

/**
 * Exponential backoff with jitter, 1 s doubling to at most 8 s: a reader waiting to see
 * their note saved should not wait long once the server is back (coming back online
 * and reconnecting send at once anyway).
 */
export function retryDelayMs(attempts: number, random: () => number = Math.random): number {
  const base = Math.min(8000, 1000 * 2 ** Math.max(0, attempts - 1));
  return Math.round(base * (0.75 + random() * 0.5));
}

/** Whether a failed send should stay queued: the network or the server's state, not the request itself. */
export function isRetryable(error: { status: number; code: string }): boolean {
  return error.code === "NETWORK" || error.status === 0 || error.status === 429 || error.status >= 500;
}
