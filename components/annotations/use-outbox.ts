"use client";
// The outbox, as the reader uses it: every new annotation and reply is written to
// IndexedDB first (lib/realtime/outbox), shown at once as pending, and sent; what fails
// for a network reason stays queued (across reloads) and is retried with backoff, on
// coming back online and on reconnecting; what the server refuses is dropped and said.
import { useCallback, useEffect, useRef, useState } from "react";
import { annotationsClient } from "@/lib/api-client/annotations-client";
import { ApiError } from "@/lib/api-client/request-json";
import type { AnnotationDto } from "@/lib/api/annotations";
import type { FlatAnnotation } from "@/lib/annotations/annotation-store";
import {
  deleteOutboxEntry,
  isRetryable,
  listOutboxEntries,
  putOutboxEntry,
  retryDelayMs,
  type OutboxEntry,
} from "@/lib/realtime/outbox";
import { emitWrite } from "@/lib/realtime/socket-write";
import { connectedTabSocket } from "@/lib/realtime/tab-socket";
import { bodyToPlainText } from "@/lib/rich-text/body-text";
import type { AnnotationBodyInput } from "@/lib/rich-text/tiptap-schema";

type CurrentUser = { id: string; name: string };
type Options = {
  documentId: string;
  currentUser: CurrentUser;
  /** Puts an annotation (pending or saved) into the reader's state. */
  upsert: (annotation: AnnotationDto | FlatAnnotation) => void;
  /** Takes a refused write's pending copy off the screen. */
  forget: (id: string) => void;
};

export function useOutbox({ documentId, currentUser, upsert, forget }: Options) {
  const [pendingCount, setPendingCount] = useState(0);
  const [outboxError, setOutboxError] = useState<string | null>(null);
  const flushing = useRef(false);
  const retryTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const flushOutbox = useCallback(async () => {
    if (flushing.current) return;
    flushing.current = true;
    if (retryTimer.current) clearTimeout(retryTimer.current);
    retryTimer.current = null;
    try {
      const entries = await listOutboxEntries(documentId);
      setPendingCount(entries.length);
      for (const entry of entries) {
        try {
          const saved = await sendOutboxEntry(entry);
          await deleteOutboxEntry(entry.id);
          upsert(saved);
        } catch (error) {
          if (error instanceof ApiError && !isRetryable(error)) {
            await deleteOutboxEntry(entry.id);
            forget(entry.id);
            setOutboxError(`A change could not be saved: ${error.message}`);
            continue;
          }
          const attempts = entry.attempts + 1;
          await putOutboxEntry({ ...entry, attempts });
          retryTimer.current = setTimeout(() => void flushOutbox(), retryDelayMs(attempts));
          break; // keep the order: later entries may be replies to this one
        }
      }
      setPendingCount((await listOutboxEntries(documentId)).length);
    } finally {
      flushing.current = false;
    }
  }, [documentId, upsert, forget]);

  useEffect(() => {
    void flushOutbox();
    const onOnline = () => void flushOutbox();
    window.addEventListener("online", onOnline);
    return () => {
      window.removeEventListener("online", onOnline);
      if (retryTimer.current) clearTimeout(retryTimer.current);
    };
  }, [flushOutbox]);

  const enqueue = useCallback(
    async (entry: OutboxEntry): Promise<AnnotationDto | FlatAnnotation> => {
      const optimistic = pendingAnnotation(entry, currentUser);
      upsert(optimistic);
      await putOutboxEntry(entry);
      setPendingCount((count) => count + 1);
      try {
        const saved = await sendOutboxEntry(entry);
        await deleteOutboxEntry(entry.id);
        setPendingCount((count) => Math.max(0, count - 1));
        upsert(saved);
        return saved;
      } catch (error) {
        if (error instanceof ApiError && !isRetryable(error)) {
          await deleteOutboxEntry(entry.id);
          setPendingCount((count) => Math.max(0, count - 1));
          forget(entry.id);
          throw error;
        }
        // Offline or the server is away: it stays queued (and on screen, pending) until it can be sent.
        retryTimer.current ??= setTimeout(() => void flushOutbox(), retryDelayMs(1));
        return optimistic;
      }
    },
    [currentUser, upsert, forget, flushOutbox],
  );

  return { enqueue, flushOutbox, pendingCount, outboxError, dismissOutboxError: () => setOutboxError(null) };
}

/**
 * Over the tab's socket when it is connected (one message on an open connection: the
 * cheapest way for the server, see BENCHMARKS.md "Sustained persisted writes"), over
 * REST otherwise. Both end in the same service; the id makes a repeat harmless.
 */
function sendOutboxEntry(entry: OutboxEntry): Promise<AnnotationDto> {
  const socket = connectedTabSocket();
  if (entry.kind === "create") {
    const input = { ...entry.input, id: entry.id };
    return socket ? emitWrite(socket, "annotation:create", input) : annotationsClient.create(input);
  }
  const input = { ...entry.input, id: entry.id };
  return socket ? emitWrite(socket, "annotation:reply", { ...input, parentId: entry.parentId }) : annotationsClient.reply(entry.parentId, input);
}

/** How a queued write shows until the server has it: the user's own words, marked pending. */
export function pendingAnnotation(entry: OutboxEntry, author: CurrentUser): FlatAnnotation {
  const input = entry.input;
  const body = input.body;
  const doc = body?.format === "tiptap" ? (body.doc as Record<string, unknown>) : null;
  const text = body ? safePlainText(body) : "";
  const base = {
    id: entry.id,
    documentId: entry.documentId,
    author,
    body: body ? { format: "tiptap" as const, doc: doc ?? { type: "doc", content: [] }, html: "", text } : null,
    resolved: false,
    hidden: false,
    deleted: false,
    reactions: { counts: { helpful: 0, same_question: 0 }, mine: [] },
    createdAt: entry.queuedAt,
    updatedAt: entry.queuedAt,
    pending: true,
  };
  if (entry.kind === "reply") {
    return { ...base, revisionId: "", groupId: entry.groupId, kind: "comment", target: null, tags: [], color: null, parentId: entry.parentId };
  }
  const create = entry.input;
  return {
    ...base,
    revisionId: create.revisionId,
    groupId: create.groupId,
    kind: create.kind,
    target: create.target ? { selector: [create.target.selector[0], create.target.selector[1]] } : null,
    tags: create.tags ?? [],
    color: create.color ?? (create.target ? "yellow" : null),
    parentId: null,
  };
}

function safePlainText(body: NonNullable<OutboxEntry["input"]["body"]>): string {
  try {
    return bodyToPlainText(body as AnnotationBodyInput);
  } catch {
    return "";
  }
}
