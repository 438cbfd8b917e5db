"use client";
// The reader's annotation state and every change to it, each saved through the API
// with optimistic display ("Saving…") and a clear error when the server refuses.
import type { JSONContent } from "@tiptap/react";
import { startTransition, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { annotationsClient } from "@/lib/api-client/annotations-client";
import { groupsClient } from "@/lib/api-client/groups-client";
import type { AnnotationDto, CreateAnnotationRequest } from "@/lib/api/annotations";
import { flattenThreads, type FlatAnnotation, type HighlightSpan } from "@/lib/annotations/annotation-store";
import type { z } from "zod";

type CreateInput = z.input<typeof CreateAnnotationRequest>;
type Store = Map<string, FlatAnnotation>;

export type LoadStatus = { state: "loading" } | { state: "ready" } | { state: "error"; message: string };

/**
 * Loads the document's annotations after the page has rendered (the text never waits
 * for the discussion), hands them to `onLoaded` at once so highlights can be painted
 * before React renders the sidebar, then keeps them as a flat map.
 */
export function useAnnotations(
  documentId: string,
  currentUser: { id: string; name: string },
  onSpans: (spans: HighlightSpan[]) => void,
) {
  const [store, setStore] = useState<Store>(() => new Map());
  const [status, setStatus] = useState<LoadStatus>({ state: "loading" });
  const onSpansRef = useRef(onSpans);
  useEffect(() => {
    onSpansRef.current = onSpans;
  });

  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let current = true;
    // The passages come first (a few bytes each) so the text is highlighted at once;
    // the full discussion for the sidebar follows.
    annotationsClient.spans(documentId).then(
      (spans) => current && onSpansRef.current(spans),
      () => undefined,
    );
    annotationsClient.list(documentId).then(
      (threads) => {
        if (!current) return;
        const flat = flattenThreads(threads);
        // The sidebar is not urgent: React may render it in slices after the paint.
        startTransition(() => {
          setStore(new Map(flat.map((item) => [item.id, item])));
          setStatus({ state: "ready" });
        });
      },
      (error: unknown) => {
        if (current) setStatus({ state: "error", message: error instanceof Error ? error.message : "Please try again." });
      },
    );
    return () => {
      current = false;
    };
  }, [documentId, attempt]);

  const retry = useCallback(() => {
    setStatus({ state: "loading" });
    setAttempt((count) => count + 1);
  }, []);

  const upsert = useCallback((annotation: AnnotationDto | FlatAnnotation) => {
    const { replies: _replies, ...flat } = annotation as AnnotationDto;
    startTransition(() => setStore((current) => new Map(current).set(flat.id, flat)));
  }, []);

  const create = useCallback(
    async (input: CreateInput) => {
      const id = input.id ?? crypto.randomUUID();
      const now = new Date().toISOString();
      const optimistic: FlatAnnotation = {
        id,
        documentId: input.documentId,
        revisionId: input.revisionId,
        groupId: input.groupId,
        author: currentUser,
        kind: input.kind,
        target: input.target ? { selector: [input.target.selector[0], input.target.selector[1]] } : null,
        body: null,
        tags: input.tags ?? [],
        color: input.color ?? (input.target ? "yellow" : null),
        parentId: null,
        resolved: false,
        hidden: false,
        deleted: false,
        reactions: { counts: { helpful: 0, same_question: 0 }, mine: [] },
        createdAt: now,
        updatedAt: now,
        pending: true,
      };
      upsert(optimistic);
      try {
        const saved = await annotationsClient.create({ ...input, id });
        upsert(saved);
        return saved;
      } catch (error) {
        setStore((current) => {
          const next = new Map(current);
          next.delete(id);
          return next;
        });
        throw error;
      }
    },
    [currentUser, upsert],
  );

  const reply = useCallback(
    async (parentId: string, doc: JSONContent) => {
      upsert(await annotationsClient.reply(parentId, { id: crypto.randomUUID(), body: { format: "tiptap", doc } }));
    },
    [upsert],
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
  }, []);

  const annotations = useMemo(() => [...store.values()], [store]);
  return { annotations, status, retry, create, reply, edit, react, setResolved, setHidden, flag, remove, upsert };
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
