"use client";
// The reading page: the text with its highlights, the selection toolbar, and the
// discussion sidebar, kept in step (click a highlight to open its thread, click a
// thread to scroll to its passage).
import type { JSONContent } from "@tiptap/react";
import dynamic from "next/dynamic";
import { startTransition, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { describeTextRange } from "@/lib/anchoring/describe-range";
import { threadIdFromHash } from "@/lib/annotations/annotation-href";
import type { GroupSummaryDto } from "@/lib/api/groups";
import { highlightSpans, highlightSpansFromFlat, spanOf } from "@/lib/annotations/annotation-store";
import { filterThreads, isFilterActive, type ThreadFilter } from "@/lib/annotations/filter-threads";
import type { HighlightColor } from "@/lib/annotations/palette";
import type { RevisionBlock } from "@/lib/document/revision-content";
import { afterNextPaint } from "@/components/after-next-paint";

import { DocumentReader, type DocumentReaderHandle, type ReaderShortcut, type TextSelection } from "@/components/reader/document-reader";
import { LiveHintsProvider, type LiveHints } from "@/components/realtime/live-hints";
import { PresenceBar } from "@/components/realtime/presence-bar";
import { useLiveStream } from "@/components/realtime/use-live-stream";
import { AnnotationComposer, type ComposerDraft, type ComposerSubmission } from "./annotation-composer";

import { SelectionToolbar } from "./selection-toolbar";
import type { ThreadActions } from "./thread-card";
import { clearDraft, useStoredDraft } from "./use-draft";
import { useAnnotations } from "./use-annotations";

// The sidebar (threads, their cards, the virtual list, the composer) and the export and
// import tools are most of this page's code: as chunks of their own they are evaluated and
// hydrated in tasks of their own, not all in the one task that hydrates the page. The server
// still renders them into the page's HTML.
const AnnotationSidebar = dynamic(() => import("./annotation-sidebar").then((module) => module.AnnotationSidebar));
const DocumentTools = dynamic(() => import("@/components/export/document-tools").then((module) => module.DocumentTools));

type Props = {
  document: { id: string; title: string; revision: { id: string; text: string; blocks: RevisionBlock[] } };
  groups: GroupSummaryDto[];
  currentUser: { id: string; name: string };
};

export function AnnotatedReader({ document, groups, currentUser }: Props) {
  const { text, blocks } = document.revision;
  const reader = useRef<DocumentReaderHandle>(null);
  const layout = useRef<HTMLDivElement>(null);
  // Settles when the text is interactive: the discussion is asked for then (see useAnnotations).
  const [textInteractive] = useState(() => {
    let settle = () => {};
    const promise = new Promise<void>((resolve) => (settle = resolve));
    return { promise, settle };
  });
  const store = useAnnotations(document.id, currentUser, (loadedSpans) => reader.current?.paint(loadedSpans), textInteractive.promise);
  const [filter, setFilter] = useState<ThreadFilter>({});
  const [activeId, setActiveId] = useState<string | null>(null);
  const [scrollRequest, setScrollRequest] = useState<{ id: string; nonce: number } | null>(null);
  const [selection, setSelection] = useState<(TextSelection & { toolbarAt: { top: number; left: number } }) | null>(null);
  const [color, setColor] = useState<HighlightColor>("yellow");
  const [announcement, setAnnouncement] = useState("");
  const [toolbarError, setToolbarError] = useState<string | null>(null);
  const composerKey = `${document.id}:composer`;
  // An unfinished annotation from before a reload reopens on its own.
  const restoredComposer = useStoredDraft<ComposerDraft>(composerKey);
  const [openedComposer, setComposer] = useState<ComposerDraft | null>(null);
  const composer = openedComposer ?? restoredComposer;
  const [saving, setSaving] = useState(false);
  const [composerError, setComposerError] = useState<string | null>(null);

  // Where new annotations go: the reader's active group, or "Only me" (null).
  const [activeGroupId, setActiveGroupId] = useState<string | null>(
    () => (groups.find((group) => !group.isPersonal) ?? groups[0])?.id ?? null,
  );
  const defaultGroupId = activeGroupId;

  // Live: others' changes, who is reading, what they select and who is replying.
  const live = useLiveStream({
    documentId: document.id,
    viewerId: currentUser.id,
    streams: store.streams,
    onChanges: store.applyChanges,
    onReload: store.reload,
  });
  const { flushOutbox } = store;
  useEffect(() => {
    if (live.status === "live") void flushOutbox();
  }, [live.status, flushOutbox]);
  const peerSpans = useMemo(
    () => live.selections.filter((selection) => selection.groupId === activeGroupId).flatMap((selection) => (selection.range ? [selection.range] : [])),
    [live.selections, activeGroupId],
  );
  useEffect(() => {
    reader.current?.paintPeers(peerSpans);
  }, [peerSpans]);
  const { sendSelection, sendTyping, typing } = live;
  const liveHints = useMemo<LiveHints>(
    () => ({
      replyingTo: (annotationId) => typing.filter((hint) => hint.threadId === annotationId).map((hint) => hint.user.name),
      setReplying: (annotation, replying) => sendTyping(annotation.groupId, annotation.id, replying),
    }),
    [typing, sendTyping],
  );
  const lastSentSelection = useRef("");
  const shareSelection = useCallback(
    (range: { start: number; end: number } | null) => {
      const key = range ? `${range.start}:${range.end}` : "";
      if (key === lastSentSelection.current) return;
      lastSentSelection.current = key;
      sendSelection(activeGroupId, range);
    },
    [sendSelection, activeGroupId],
  );
  const { threads } = store;
  const visibleThreads = useMemo(() => filterThreads(threads, filter), [threads, filter]);
  const filtering = isFilterActive(filter);
  const spans = useMemo(
    () => (filtering ? highlightSpans(visibleThreads) : highlightSpansFromFlat(store.annotations)),
    [filtering, visibleThreads, store.annotations],
  );
  const activeSpan = useMemo(() => {
    const active = activeId ? store.byId.get(activeId) : undefined;
    return active ? spanOf(active) : null;
  }, [store.byId, activeId]);
  const authors = useMemo(() => uniqueBy(store.annotations.map((annotation) => annotation.author), (author) => author.id), [store.annotations]);
  const tags = useMemo(() => [...new Set(store.annotations.flatMap((annotation) => annotation.tags))].sort(), [store.annotations]);

  const openThread = useCallback((id: string) => {
    setActiveId(id);
    setScrollRequest({ id, nonce: Date.now() });
  }, []);

  // A link from search, the review page or a notification names a thread in the fragment
  // (#annotation-<id>): open it once the discussion has loaded.
  const openedFromHash = useRef(false);
  useEffect(() => {
    if (openedFromHash.current || store.status.state !== "ready") return;
    openedFromHash.current = true;
    const id = threadIdFromHash(window.location.hash);
    // After the next paint, so the sidebar has laid out the thread it scrolls to.
    if (id && store.byId.has(id)) requestAnimationFrame(() => openThread(id));
  }, [store.status.state, store.byId, openThread]);

  const handleHighlightActivate = useCallback(
    (ids: string[]) => {
      // Overlapping highlights: open the innermost (shortest) passage under the pointer.
      const byLength = ids
        .map((id) => store.byId.get(id))
        .flatMap((annotation) => (annotation && spanOf(annotation) ? [{ id: annotation.id, span: spanOf(annotation)! }] : []))
        .sort((a, b) => a.span.end - a.span.start - (b.span.end - b.span.start));
      if (byLength[0]) openThread(byLength[0].id);
    },
    [store.byId, openThread],
  );

  const target = (range: { start: number; end: number }) => {
    const described = describeTextRange(text, range.start, range.end);
    if (!described.ok) throw new Error(described.message);
    return { range: described.range, target: { selector: described.selectors } };
  };

  async function createHighlight() {
    if (!selection) return;
    try {
      const { range, target: selectors } = target(selection);
      // Chosen here so the new highlight is active at once, not when the save returns
      // (by then the reader may have clicked something else).
      const id = crypto.randomUUID();
      // Paint first, outside React, adding just this range: the highlight is on screen in
      // the next frame however many annotations there are.
      reader.current?.addHighlight({ id, ...range, color });
      reader.current?.clearSelection();
      // Everything else (toolbar, active thread, the save and the sidebar it re-renders)
      // waits until that frame is on screen, so the click itself stays a few milliseconds.
      await afterNextPaint();
      startTransition(() => {
        setToolbarError(null);
        setSelection(null);
        setActiveId(id);
      });
      await store.create({
        id,
        documentId: document.id,
        revisionId: document.revision.id,
        groupId: defaultGroupId,
        kind: "highlight",
        target: selectors,
        color,
      });
      setAnnouncement("Highlight saved.");
    } catch (error) {
      setToolbarError(error instanceof Error ? error.message : "The highlight could not be saved.");
    }
  }

  function openComposer(kind: "comment" | "note", range: { start: number; end: number } | null) {
    setComposerError(null);
    if (range) {
      const described = describeTextRange(text, range.start, range.end);
      if (!described.ok) return setToolbarError(described.message);
      const quote = described.selectors[1].exact;
      setComposer({ kind, target: { ...described.range, quote }, doc: null, tags: [], groupId: defaultGroupId });
    } else {
      setComposer({ kind, target: null, doc: null, tags: [], groupId: defaultGroupId });
    }
    setSelection(null);
  }

  function handleShortcut(shortcut: ReaderShortcut) {
    if (!selection) return;
    if (shortcut === "highlight") void createHighlight();
    else openComposer(shortcut, selection);
  }

  async function submitComposer(submission: ComposerSubmission) {
    if (!composer) return;
    setSaving(true);
    setComposerError(null);
    try {
      const saved = await store.create({
        documentId: document.id,
        revisionId: document.revision.id,
        groupId: submission.groupId,
        kind: submission.kind,
        target: composer.target ? target(composer.target).target : undefined,
        body: submission.doc ? { format: "tiptap", doc: submission.doc as Record<string, unknown> } : undefined,
        tags: submission.tags,
      });
      clearDraft(composerKey);
      setComposer(null);
      openThread(saved.id);
      setAnnouncement(submission.kind === "note" ? "Note saved." : "Comment saved.");
    } catch (error) {
      setComposerError(error instanceof Error ? error.message : "Your annotation could not be saved.");
    } finally {
      setSaving(false);
    }
  }

  const actions: ThreadActions = {
    reply: (parentId: string, doc: JSONContent) => store.reply(parentId, doc).then(() => setAnnouncement("Reply posted.")),
    edit: (id: string, doc: JSONContent) => store.edit(id, doc).then(() => setAnnouncement("Changes saved.")),
    remove: (id: string) => store.remove(id).then(() => setAnnouncement("Annotation deleted.")),
    react: store.react,
    setResolved: (id: string, resolved: boolean) =>
      store.setResolved(id, resolved).then(() => setAnnouncement(resolved ? "Thread resolved." : "Thread reopened.")),
    flag: store.flag,
    setHidden: (id: string, hidden: boolean) =>
      store.setHidden(id, hidden).then(() => setAnnouncement(hidden ? "Annotation hidden from the group." : "Annotation visible again.")),
    filterByTag: (tag: string) => setFilter((current) => ({ ...current, tag })),
    showInText: (id: string) => {
      const annotation = store.byId.get(id);
      const span = annotation ? spanOf(annotation) : null;
      setActiveId(id);
      if (span) reader.current?.scrollToSpan(span);
    },
  };

  return (
    <div className="annotated-layout" ref={layout}>
      <article className="reader" aria-labelledby="document-title">
        <h1 id="document-title" className="reader-title">
          {document.title}
        </h1>
        <ReaderMeta text={text} />
        <DocumentTools documentId={document.id} groups={groups} filter={filter} onImported={store.retry} />
        <PresenceBar
          status={live.status}
          readers={live.readersIn(activeGroupId)}
          pendingCount={store.pendingCount}
          groupName={groups.find((group) => group.id === activeGroupId)?.name ?? null}
        />
        {store.outboxError ? (
          <p className="alert error" role="alert">
            {store.outboxError}{" "}
            <button type="button" className="button secondary small" onClick={store.dismissOutboxError}>
              Dismiss
            </button>
          </p>
        ) : null}
        <DocumentReader
          ref={reader}
          text={text}
          blocks={blocks}
          label={document.title}
          spans={spans}
          spansReady={store.status.state === "ready"}
          spansPending={store.status.state === "loading"}
          onInteractive={textInteractive.settle}
          activeSpan={activeSpan}
          pendingSpan={composer?.target ?? null}
          onSelectionChange={(next) => {
            // Measured now, in the event, because layout must not be read during render.
            if (next && layout.current) {
              setSelection({ ...next, toolbarAt: positionFor(next, layout.current) });
              setToolbarError(null);
            } else {
              // Clearing is never urgent (and happens inside a click that just painted).
              startTransition(() => setSelection(null));
            }
            shareSelection(next ? { start: next.start, end: next.end } : null);
          }}
          onHighlightActivate={handleHighlightActivate}
          onShortcut={handleShortcut}
        />
        {toolbarError ? (
          <p className="alert error toolbar-error" role="alert">
            {toolbarError}
          </p>
        ) : null}
      </article>
      {selection ? (
        <SelectionToolbar
          position={selection.toolbarAt}
          color={color}
          onColorChange={setColor}
          onHighlight={() => void createHighlight()}
          onComment={() => openComposer("comment", selection)}
          onNote={() => openComposer("note", selection)}
        />
      ) : null}
      <LiveHintsProvider value={liveHints}>
        <AnnotationSidebar
          threads={visibleThreads}
          totalCount={threads.length}
          status={store.status}
          onRetry={store.retry}
          filter={filter}
          onFilterChange={setFilter}
          authors={authors}
          tags={tags}
          groups={groups}
          activeId={activeId}
          scrollRequest={scrollRequest}
          currentUserId={currentUser.id}
          documentId={document.id}
          actions={actions}
          onAddPageNote={() => openComposer("comment", null)}
          activeGroupId={activeGroupId}
          onActiveGroupChange={setActiveGroupId}
          composer={
            composer ? (
              <AnnotationComposer
                key={`${composer.kind}:${composer.target?.start ?? "page"}:${composer.target?.end ?? ""}`}
                draftKey={composerKey}
                initialDraft={composer}
                groups={groups}
                saving={saving}
                error={composerError}
                onSubmit={(submission) => void submitComposer(submission)}
                onCancel={() => {
                  clearDraft(composerKey);
                  setComposer(null);
                }}
              />
            ) : null
          }
        />
      </LiveHintsProvider>
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
    </div>
  );
}

function ReaderMeta({ text }: { text: string }) {
  const words = text.split(/\s+/).filter(Boolean).length;
  return (
    <p className="reader-meta">
      {words.toLocaleString("en")} words · about {Math.max(1, Math.round(words / 230))} min read
    </p>
  );
}

function positionFor(selection: TextSelection, container: HTMLElement) {
  const box = container.getBoundingClientRect();
  return { top: selection.rect.top - box.top - 52, left: Math.max(0, selection.rect.left - box.left) };
}

function uniqueBy<T>(items: T[], key: (item: T) => string): T[] {
  const seen = new Map<string, T>();
  for (const item of items) if (!seen.has(key(item))) seen.set(key(item), item);
  return [...seen.values()].sort((a, b) => String(key(a)).localeCompare(String(key(b))));
}
