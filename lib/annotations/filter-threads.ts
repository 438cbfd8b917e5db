// The sidebar's filters, applied to whole threads: a thread shows when its root matches
// the tag, author, kind and resolved filters and the search text appears anywhere in it.
import type { AnnotationThread } from "./annotation-store";

export type ThreadFilter = {
  tag?: string;
  authorId?: string;
  kind?: "highlight" | "comment" | "note";
  resolved?: boolean;
  /** "private" = only my private annotations; a group id = that group's. */
  visibility?: string;
  query?: string;
};

export function filterThreads(threads: readonly AnnotationThread[], filter: ThreadFilter): AnnotationThread[] {
  const query = filter.query?.trim().toLowerCase();
  return threads.filter(
    (thread) =>
      (!filter.tag || thread.tags.includes(filter.tag)) &&
      (!filter.authorId || thread.author.id === filter.authorId) &&
      (!filter.kind || thread.kind === filter.kind) &&
      (filter.resolved === undefined || thread.resolved === filter.resolved) &&
      (!filter.visibility || (filter.visibility === "private" ? thread.groupId === null : thread.groupId === filter.visibility)) &&
      (!query || threadMentions(thread, query)),
  );
}

function threadMentions(thread: AnnotationThread, query: string): boolean {
  const pending: AnnotationThread[] = [thread];
  for (let node = pending.pop(); node; node = pending.pop()) {
    const haystacks = [node.body?.text, node.selectors?.selector[1].exact, node.author.name, ...node.tags];
    if (haystacks.some((text) => text?.toLowerCase().includes(query))) return true;
    pending.push(...node.replies);
  }
  return false;
}

export function isFilterActive(filter: ThreadFilter): boolean {
  return Object.values(filter).some((value) => value !== undefined && value !== "");
}
