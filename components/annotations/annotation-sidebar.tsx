"use client";
// The discussion beside the text: filters (tag, author, kind, resolved, visibility,
// search) and the threads in document order, virtualized so thousands stay smooth.
import { useVirtualizer } from "@tanstack/react-virtual";
import { useCallback, useEffect, useId, useRef, type ReactNode } from "react";
import type { AnnotationThread } from "@/lib/annotations/annotation-store";
import { isFilterActive, type ThreadFilter } from "@/lib/annotations/filter-threads";
import { cardOffset, ESTIMATED_CARD_HEIGHT, measureFromResizeObserver, placeCardsNow } from "./measure-thread-card";
import type { GroupSummaryDto } from "@/lib/api/groups";
import { ThreadCard, type ThreadActions } from "./thread-card";
import type { GroupRole } from "@/lib/permissions/permission-table";
import type { LoadStatus } from "./use-annotations";

type Props = {
  threads: AnnotationThread[];
  totalCount: number;
  status: LoadStatus;
  onRetry: () => void;
  filter: ThreadFilter;
  onFilterChange: (filter: ThreadFilter) => void;
  authors: Array<{ id: string; name: string }>;
  tags: string[];
  groups: GroupSummaryDto[];
  activeId: string | null;
  scrollRequest: { id: string; nonce: number } | null;
  currentUserId: string;
  documentId: string;
  actions: ThreadActions;
  onAddPageNote: () => void;
  activeGroupId: string | null;
  onActiveGroupChange: (groupId: string | null) => void;
  composer: ReactNode;
};

export function AnnotationSidebar(props: Props) {
  const id = useId();
  const { threads, filter, onFilterChange } = props;
  const scrollElement = useRef<HTMLDivElement>(null);
  const list = useRef<HTMLDivElement>(null);
  // The same function while the threads are the same: a new one makes the virtualizer
  // measure every thread again, on every render of the sidebar.
  const getItemKey = useCallback((index: number) => threads[index]?.id ?? index, [threads]);
  const virtualizer = useVirtualizer<HTMLDivElement, HTMLDivElement>({
    count: threads.length,
    getScrollElement: () => scrollElement.current,
    estimateSize: () => ESTIMATED_CARD_HEIGHT,
    overscan: 6,
    // Before layout (server render, no JavaScript) show the first threads rather than none.
    initialRect: { width: 360, height: 1600 },
    getItemKey,
    measureElement: measureFromResizeObserver,
    onChange: (instance) => placeCardsNow(instance, list.current),
  });

  const { scrollRequest } = props;
  useEffect(() => {
    if (!scrollRequest) return;
    const index = threads.findIndex((thread) => thread.id === scrollRequest.id);
    if (index >= 0) virtualizer.scrollToIndex(index, { align: "start" });
  }, [scrollRequest, threads, virtualizer]);

  const roleIn = (groupId: string | null): GroupRole | null =>
    groupId ? (props.groups.find((group) => group.id === groupId)?.role ?? null) : null;
  const groupName = (groupId: string | null) => props.groups.find((group) => group.id === groupId)?.name ?? "A group";
  const set = (patch: Partial<ThreadFilter>) => onFilterChange({ ...filter, ...patch });

  return (
    <aside className="sidebar" aria-label="Annotations">
      <div className="sidebar-head">
        <h2 className="sidebar-title">
          Discussion <span className="count">{props.totalCount}</span>
        </h2>
        <button type="button" className="button secondary small" onClick={props.onAddPageNote}>
          Add page note
        </button>
      </div>
      <div className="field active-group">
        <label htmlFor={`${id}-active-group`}>New annotations go to</label>
        <select
          id={`${id}-active-group`}
          value={props.activeGroupId ?? "private"}
          onChange={(event) => props.onActiveGroupChange(event.target.value === "private" ? null : event.target.value)}
        >
          <option value="private">Only me</option>
          {props.groups.map((group) => (
            <option key={group.id} value={group.id}>
              {group.name}
            </option>
          ))}
        </select>
      </div>
      {postFirstLocked(props) ? (
        <p className="alert success" role="status">
          This group posts first: add an annotation of your own to this text to see what your peers wrote.
        </p>
      ) : null}
      {props.composer}
      <details className="filters" open={isFilterActive(filter)}>
        <summary>Filter and search</summary>
        <div className="filter-grid">
          <div className="field">
            <label htmlFor={`${id}-q`}>Search annotations</label>
            <input id={`${id}-q`} type="search" value={filter.query ?? ""} onChange={(event) => set({ query: event.target.value || undefined })} />
          </div>
          <FilterSelect id={`${id}-tag`} label="Tag" value={filter.tag} onChange={(tag) => set({ tag })} options={props.tags.map((tag) => [tag, tag])} />
          <FilterSelect id={`${id}-author`} label="Author" value={filter.authorId} onChange={(authorId) => set({ authorId })} options={props.authors.map((author) => [author.id, author.name])} />
          <FilterSelect
            id={`${id}-kind`}
            label="Kind"
            value={filter.kind}
            onChange={(kind) => set({ kind: kind as ThreadFilter["kind"] })}
            options={[["highlight", "Highlights"], ["comment", "Comments"], ["note", "Notes"]]}
          />
          <FilterSelect
            id={`${id}-resolved`}
            label="Status"
            value={filter.resolved === undefined ? undefined : String(filter.resolved)}
            onChange={(value) => set({ resolved: value === undefined ? undefined : value === "true" })}
            options={[["false", "Open"], ["true", "Resolved"]]}
          />
          <FilterSelect
            id={`${id}-visibility`}
            label="Visible to"
            value={filter.visibility}
            onChange={(visibility) => set({ visibility })}
            options={[["private", "Only me"], ...props.groups.map((group): [string, string] => [group.id, group.name])]}
          />
        </div>
        {isFilterActive(filter) ? (
          <button type="button" className="button link" onClick={() => onFilterChange({})}>
            Clear filters
          </button>
        ) : null}
      </details>
      {filter.tag ? (
        <p className="active-filter" role="status">
          Showing tag “{filter.tag}” ·{" "}
          <button type="button" className="button link" onClick={() => set({ tag: undefined })}>
            show all
          </button>
        </p>
      ) : null}
      <div ref={scrollElement} className="thread-scroll" role="feed" aria-label="Annotation threads" aria-busy={props.status.state === "loading"}>
        {props.status.state === "error" ? (
          <div className="alert error" role="alert">
            <p>The discussion could not be loaded: {props.status.message}</p>
            <button type="button" className="button secondary small" onClick={props.onRetry}>
              Try again
            </button>
          </div>
        ) : null}
        {props.status.state === "loading" ? (
          <p className="empty" role="status">
            Loading the discussion…
          </p>
        ) : threads.length === 0 ? (
          // After a failed load the alert says it all; below it, only my own unsent writes would show.
          props.status.state === "error" ? null : (
            <p className="empty">
              {props.totalCount === 0
                ? "No annotations yet. Select a passage to highlight or comment on it."
                : "No annotations match these filters."}
            </p>
          )
        ) : (
          <div ref={list} style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
            {virtualizer.getVirtualItems().map((item) => {
              const thread = threads[item.index]!;
              return (
                <div
                  key={item.key}
                  data-index={item.index}
                  ref={virtualizer.measureElement}
                  style={{ position: "absolute", top: 0, left: 0, width: "100%", transform: cardOffset(item.start) }}
                >
                  <ThreadCard
                    thread={thread}
                    active={thread.id === props.activeId}
                    context={{ currentUserId: props.currentUserId, roleIn, groupName, documentId: props.documentId, actions: props.actions }}
                  />
                </div>
              );
            })}
          </div>
        )}
      </div>
    </aside>
  );
}

/** A plain member of a post-first group who has not posted here yet sees only their own annotations. */
function postFirstLocked(props: Props): boolean {
  const group = props.groups.find((candidate) => candidate.id === props.activeGroupId);
  if (!group?.postFirst || group.role !== "member" || props.status.state !== "ready") return false;
  return !props.threads.some((thread) => thread.groupId === group.id && thread.author.id === props.currentUserId);
}

function FilterSelect(props: {
  id: string;
  label: string;
  value: string | undefined;
  onChange: (value: string | undefined) => void;
  options: Array<[string, string]>;
}) {
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      <select id={props.id} value={props.value ?? ""} onChange={(event) => props.onChange(event.target.value || undefined)}>
        <option value="">All</option>
        {props.options.map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
    </div>
  );
}
