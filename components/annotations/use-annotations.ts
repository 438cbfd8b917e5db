"use client";
// The reader's annotation state and every change to it: loaded after the page has
// rendered, kept live by the socket (others' changes arrive as they happen), and
// written through the outbox (use-outbox), so a new annotation or reply made offline
// is shown as pending, survives a reload, and is sent when the connection returns.
import type { JSONContent } from "@tiptap/react";
import { startTransition, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { annotationsClient } from "@/lib/api-client/annotations-client";
import { groupsClient } from "@/lib/api-client/groups-client";
import type { AnnotationDto, CreateAnnotationRequest, StreamHead } from "@/lib/api/annotations";
import type { ChangeEvent } from "@/lib/api/realtime";
import type { FlatAnnotation, HighlightSpan } from "@/lib/annotations/annotation-store";
import { threadedFromList } from "@/lib/annotations/threaded-from-list";
import { threadAnnotations, type ThreadedAnnotations } from "@/lib/annotations/update-threads";
import { applyChange, type AppliedSeqs } from "@/lib/realtime/apply-change";
import { pendingAnnotation, useOutbox } from "./use-outbox";
import { listOutboxEntries, type OutboxEntry } from "@/lib/realtime/outbox";
import type { z } from "zod";

type CreateInput = z.input<typeof CreateAnnotationRequest>;
type Store = ReadonlyMap<string, FlatAnnotation>;
type CurrentUser = { id: string; name: string };

export type LoadStatus = { state: "loading" } | { state: "ready" } | { state: "error"; message: string };

/**
 * Loads the document's annotations after the page has rendered (the text never waits
 * for the discussion), hands the passages to `onSpans` at once so highlights can be
 * painted before React renders the sidebar, then keeps everything as a flat map.
 */
/** Longest the full discussion waits for `discussionAfter`. */
const DISCUSSION_WAIT_MS = 2000;

export function useAnnotations(
  documentId: string,
  currentUser: CurrentUser,
  onSpans: (spans: HighlightSpan[]) => void,
  /** Settles when the page is ready for the discussion (it is asked for then, or after DISCUSSION_WAIT_MS). */
  discussionAfter?: Promise<unknown>,
) {
  // The annotations and their threads, kept together: each change re-threads only what it
  // touches (lib/annotations/update-threads), so the sidebar never rebuilds thousands of threads for one.
  const [threaded, setThreaded] = useState<ThreadedAnnotations>(() => threadAnnotations(new Map()));
  // `changed`: the ids an update adds, removes or replaces, when known (saves comparing maps).
  const setStore = useCallback(
    (change: Store | ((current: Store) => Store), changed?: string[]) =>
      setThreaded((current) => threadAnnotations(typeof change === "function" ? change(current.annotations) : change, current, changed)),
    [],
  );
  const store = threaded.annotations;
  const [status, setStatus] = useState<LoadStatus>({ state: "loading" });
  const [streams, setStreams] = useState<StreamHead[] | null>(null);
  const applied = useRef<AppliedSeqs>(new Map());
  const onSpansRef = useRef(onSpans);
  useEffect(() => {
    onSpansRef.current = onSpans;
  });

  const [attempt, setAttempt] = useState(0);
  const { id: userId, name: userName } = currentUser;
  useEffect(() => {
    let current = true;
    const author = { id: userId, name: userName };
    // The passages come first (a few bytes each) so the text is highlighted at once;
    // the full discussion for the sidebar is asked for only once they are painted and the
    // page is ready for it (discussionAfter): on a busy document it is megabytes, and the
    // server computing it (one process) or the browser parsing it would otherwise delay
    // the highlights, or the code that makes the text selectable, by a few hundred ms.
    const spansPainted = annotationsClient.spans(documentId).then(
      (spans) => {
        if (current) onSpansRef.current(spans);
      },
      () => undefined,
    );
    const queuedWrites = listOutboxEntries(documentId).catch((): OutboxEntry[] => []);
    const aborted = new AbortController();
    // Threaded as it arrives, a few threads per task: parsing and threading thousands of
    // annotations at once, once all have arrived, would be one long task.
    const threading = threadedFromList();
    spansPainted
      .then(() => Promise.race([discussionAfter, new Promise((resolve) => setTimeout(resolve, DISCUSSION_WAIT_MS))]))
      .then(() => annotationsClient.listInSlices(documentId, threading.add, aborted.signal))
      .then(
        async ({ streams: heads }) => {
          const queued = await queuedWrites;
          if (!current) return;
          const listed = threading.finish();
          applied.current = new Map();
          // Writes still waiting in the outbox (from before a reload) show as pending.
          const pending = queued.filter((entry) => !listed.annotations.has(entry.id));
          const next = new Map(listed.annotations);
          for (const entry of pending) next.set(entry.id, pendingAnnotation(entry, author));
          const threaded = pending.length === 0 ? listed : threadAnnotations(next, listed, pending.map((entry) => entry.id));
          // The sidebar is not urgent: React may render it in slices after the paint.
          startTransition(() => {
            setThreaded(threaded);
            setStreams(heads);
            setStatus({ state: "ready" });
          });
        },
        async (error: unknown) => {
          const queued = await queuedWrites;
          if (!current) return;
          // Even when the discussion cannot load, my own unsent writes are mine to see.
          if (queued.length > 0) setStore(new Map(queued.map((entry) => [entry.id, pendingAnnotation(entry, author)])));
          setStatus({ state: "error", message: error instanceof Error ? error.message : "Please try again." });
        },
      );
    return () => {
      current = false;
      aborted.abort();
    };
  }, [documentId, attempt, userId, userName, setStore, discussionAfter]);

  const retry = useCallback(() => {
    setStatus({ state: "loading" });
    setAttempt((count) => count + 1);
  }, []);
  /** Too far behind to catch up change by change: load again, keeping what is on screen meanwhile. */
  const reload = useCallback(() => setAttempt((count) => count + 1), []);

  const upsert = useCallback((annotation: AnnotationDto | FlatAnnotation) => {
    const { replies: _replies, ...flat } = annotation as AnnotationDto;
    startTransition(() => setStore((current) => new Map(current).set(flat.id, flat), [flat.id]));
  }, [setStore]);

  const applyChanges = useCallback(
    (events: ChangeEvent[]) => {
      startTransition(() =>
        setStore((current) => {
          let next = current;
          for (const event of events) next = applyChange(next, applied.current, event, currentUser.id) ?? next;
          return next;
        }, events.flatMap(changedIdsOf)),
      );
    },
    [currentUser.id, setStore],
  );

  const forget = useCallback((id: string) => setStore((current) => withoutId(current, id), [id]), [setStore]);
  const { enqueue, flushOutbox, pendingCount, outboxError, dismissOutboxError } = useOutbox({ documentId, currentUser, upsert, forget });

  const create = useCallback(
    (input: CreateInput) =>
      enqueue({
        id: input.id ?? crypto.randomUUID(),
        documentId,
        kind: "create",
        input: { ...input, id: input.id ?? undefined },
        queuedAt: new Date().toISOString(),
        attempts: 0,
      }),
    [documentId, enqueue],
  );

  const storeRef = useRef(store);
  useEffect(() => {
    storeRef.current = store;
  });
  const reply = useCallback(
    async (parentId: string, doc: JSONContent) => {
      const id = crypto.randomUUID();
      const parent = storeRef.current.get(parentId);
      await enqueue({
        groupId: parent?.groupId ?? null,
        id,
        documentId,
        kind: "reply",
        parentId,
        input: { id, body: { format: "tiptap", doc } },
        queuedAt: new Date().toISOString(),
        attempts: 0,
      });
    },
    [documentId, enqueue],
  );

  const edit = useCallback(
    async (id: string, doc: JSONContent) => upsert(await annotationsClient.update(id, { body: { format: "tiptap", doc } })),
    [upsert],
  );

  const react = useCallback(
    async (id: string, type: "helpful" | "same_question", on: boolean) => upsert(await annotationsClient.react(id, type, on)),
    [upsert],
  );

  const setResolved = useCallback(
    async (id: string, resolved: boolean) => upsert(await annotationsClient.setResolved(id, resolved)),
    [upsert],
  );

  const setHidden = useCallback(
    async (id: string, hidden: boolean) => upsert(await groupsClient.setHidden(id, hidden)),
    [upsert],
  );

  const flag = useCallback(async (id: string, reason: string) => {
    await groupsClient.flag(id, reason);
  }, []);

  const remove = useCallback(async (id: string) => {
    await annotationsClient.remove(id);
    setStore((current) => removeLocally(current, id));
  }, [setStore]);

  const annotations = useMemo(() => [...store.values()], [store]);
  return {
    annotations,
    /** The same annotations by id. */
    byId: store,
    /** Threads in document order (what buildThreads gives), updated incrementally. */
    threads: threaded.threads,
    status,
    retry,
    reload,
    streams,
    applyChanges,
    pendingCount,
    outboxError,
    dismissOutboxError,
    flushOutbox,
    create,
    reply,
    edit,
    react,
    setResolved,
    setHidden,
    flag,
    remove,
    upsert,
  };
}

function changedIdsOf(event: ChangeEvent): string[] {
  if (event.type === "annotation.removed") return event.removedIds ?? [event.annotationId];
  return event.annotation ? [event.annotationId, event.annotation.id] : [event.annotationId];
}

function withoutId(current: Store, id: string): Store {
  const next = new Map(current);
  next.delete(id);
  return next;
}

/** Mirrors the server's delete: a tombstone while replies remain, else gone, tidying empty tombstones above. */
function removeLocally(current: Store, id: string): Store {
  const next = new Map(current);
  const hasChildren = (parentId: string) => [...next.values()].some((item) => item.parentId === parentId);
  const target = next.get(id);
  if (!target) return next;
  if (hasChildren(id)) {
    next.set(id, { ...target, deleted: true, body: null, tags: [] });
    return next;
  }
  next.delete(id);
  let parentId = target.parentId;
  while (parentId) {
    const parent = next.get(parentId);
    if (!parent || !parent.deleted || hasChildren(parentId)) break;
    next.delete(parentId);
    parentId = parent.parentId;
  }
  return next;
}
