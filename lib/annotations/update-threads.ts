// Keeps the reader's threads in step with its map of annotations without rebuilding them
// all: a change (a new highlight, a reply, someone else's edit arriving live) re-threads
// only the threads it touches and moves them into place, so one change on a document with
// thousands of annotations costs about what it costs on a document with ten.
import { threadsFrom, type AnnotationThread, type FlatAnnotation } from "./annotation-store";
import { createOrdering } from "./build-threads";

export type ThreadedAnnotations = {
  annotations: ReadonlyMap<string, FlatAnnotation>;
  /** What buildThreads would return for `annotations`: live roots in document order. */
  threads: AnnotationThread[];
  /** Ids of the annotations replying to each id (present or not): the way down a thread. */
  repliesTo: ReadonlyMap<string, ReadonlySet<string>>;
};

// Past this many changed annotations (a reload, the first load) one full rebuild is as
// quick as re-threading piece by piece, and simpler.
const MAX_INCREMENTAL_CHANGES = 64;

/**
 * Threads for `annotations`, reusing `previous` (never modified) for what did not change.
 * `changed` (ids added, removed or replaced since `previous`), when the caller knows it,
 * saves comparing the two maps entry by entry.
 */
export function threadAnnotations(
  annotations: ReadonlyMap<string, FlatAnnotation>,
  previous?: ThreadedAnnotations | null,
  changed?: readonly string[],
): ThreadedAnnotations {
  if (previous?.annotations === annotations) return previous;
  changed = changed && changed.length <= MAX_INCREMENTAL_CHANGES ? [...new Set(changed)] : undefined;
  changed ??= previous ? (changedIds(previous.annotations, annotations) ?? undefined) : undefined;
  if (previous && changed) {
    const repliesTo = updateRepliesIndex(previous, annotations, changed);
    const threads = rethread(previous, { annotations, repliesTo }, changed);
    if (threads) return { annotations, threads, repliesTo };
  }
  return { annotations, threads: threadsFrom(annotations.values()), repliesTo: repliesIndex(annotations) };
}

/** Ids added, removed or replaced between the two maps; null when there are too many to be worth it. */
function changedIds(before: ReadonlyMap<string, FlatAnnotation>, after: ReadonlyMap<string, FlatAnnotation>): string[] | null {
  const changed: string[] = [];
  for (const [id, annotation] of after) {
    if (before.get(id) !== annotation && changed.push(id) > MAX_INCREMENTAL_CHANGES) return null;
  }
  for (const id of before.keys()) {
    if (!after.has(id) && changed.push(id) > MAX_INCREMENTAL_CHANGES) return null;
  }
  return changed;
}

function repliesIndex(annotations: ReadonlyMap<string, FlatAnnotation>): Map<string, Set<string>> {
  const index = new Map<string, Set<string>>();
  for (const annotation of annotations.values()) indexReply(index, annotation);
  return index;
}

/** Adds a reply to the index of replies by parent id (a root is left out). */
export function indexReply(index: Map<string, Set<string>>, annotation: FlatAnnotation) {
  if (annotation.parentId === null) return;
  let replies = index.get(annotation.parentId);
  if (!replies) index.set(annotation.parentId, (replies = new Set()));
  replies.add(annotation.id);
}

// Copy on write: only the reply sets of parents that gained or lost a reply are new.
function updateRepliesIndex(
  previous: ThreadedAnnotations,
  annotations: ReadonlyMap<string, FlatAnnotation>,
  changed: readonly string[],
): Map<string, ReadonlySet<string>> {
  const index = new Map(previous.repliesTo);
  const copied = new Set<string>();
  const setFor = (parentId: string): Set<string> => {
    if (!copied.has(parentId)) {
      copied.add(parentId);
      index.set(parentId, new Set(index.get(parentId)));
    }
    return index.get(parentId) as Set<string>;
  };
  for (const id of changed) {
    const before = previous.annotations.get(id)?.parentId ?? null;
    const after = annotations.get(id)?.parentId ?? null;
    if (before !== null) setFor(before).delete(id);
    if (after !== null) setFor(after).add(id);
  }
  for (const parentId of copied) if (index.get(parentId)?.size === 0) index.delete(parentId);
  return index;
}

type Indexed = Pick<ThreadedAnnotations, "annotations" | "repliesTo">;

/** The threads with every thread a change touches rebuilt; null when something calls for a full rebuild. */
function rethread(previous: ThreadedAnnotations, next: Indexed, changed: readonly string[]): AnnotationThread[] | null {
  // The top of every thread that held or now holds a changed annotation, its parent or
  // its replies, in either state (a removed parent turns its replies into orphaned
  // threads of their own; a parent arriving late takes them back).
  const oldTops = new Set<string>();
  const newTops = new Set<string>();
  for (const id of changed) {
    const touched = new Set([id, ...(previous.repliesTo.get(id) ?? []), ...(next.repliesTo.get(id) ?? [])]);
    for (const parentId of [previous.annotations.get(id)?.parentId, next.annotations.get(id)?.parentId]) {
      if (parentId) touched.add(parentId);
    }
    for (const [state, tops] of [[previous, oldTops], [next, newTops]] as const) {
      for (const candidate of touched) {
        if (!state.annotations.has(candidate)) continue;
        const top = topOf(candidate, state.annotations);
        if (top === null) return null;
        tops.add(top);
      }
    }
  }

  const affected: FlatAnnotation[] = [];
  for (const top of newTops) collectThread(top, next, affected);
  const rebuilt = threadsFrom(affected);

  // Timestamps not in this batch are parsed as they are compared: a few dozen binary-search steps.
  const { byDocumentOrder } = createOrdering(rebuilt);
  const threads = previous.threads.filter((thread) => !oldTops.has(thread.id) && !newTops.has(thread.id));
  for (const thread of rebuilt) threads.splice(insertionIndex(threads, thread, byDocumentOrder), 0, thread);
  return threads;
}

/** The annotation at the top of `id`'s thread (a root, or a reply whose parent is gone); null on a parent cycle. */
function topOf(id: string, annotations: ReadonlyMap<string, FlatAnnotation>): string | null {
  const climbed = new Set<string>();
  let current = annotations.get(id);
  while (current) {
    if (climbed.has(current.id)) return null;
    climbed.add(current.id);
    const parent = current.parentId === null ? undefined : annotations.get(current.parentId);
    if (!parent) return current.id;
    current = parent;
  }
  return null;
}

function collectThread(top: string, state: Indexed, into: FlatAnnotation[]): void {
  const pending = [top];
  for (let id = pending.pop(); id !== undefined; id = pending.pop()) {
    const annotation = state.annotations.get(id);
    if (!annotation) continue;
    into.push(annotation);
    for (const reply of state.repliesTo.get(id) ?? []) pending.push(reply);
  }
}

/** Where `thread` goes in the sorted `threads` (binary search). */
function insertionIndex(threads: readonly AnnotationThread[], thread: AnnotationThread, order: (a: AnnotationThread, b: AnnotationThread) => number): number {
  let low = 0;
  let high = threads.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (order(threads[middle] as AnnotationThread, thread) < 0) low = middle + 1;
    else high = middle;
  }
  return low;
}
