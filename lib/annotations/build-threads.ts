// Turns the flat list of a revision's annotations into threads: roots in document order, each
// with its replies nested to any depth in the order they were written.

/** The fields threading needs; any other fields of an annotation are carried through untouched. */
export type ThreadableAnnotation = {
  id: string;
  parentId: string | null;
  /** ISO 8601 timestamp. */
  createdAt: string;
  /** The annotated span; null for a page note about the whole document. */
  target: { start: number; end: number } | null;
  deleted?: boolean;
};

export type Thread<T extends ThreadableAnnotation> = T & {
  replies: Thread<T>[];
  /**
   * True when this annotation is a reply whose parent is not in the list (removed for good,
   * or part of a corrupt parent cycle). It is shown as a root so that nobody's words vanish;
   * the UI can say "in reply to an annotation that no longer exists".
   */
  orphaned: boolean;
};

/*
 * Rules, and why:
 * - Replies are sorted oldest first so a conversation reads top to bottom.
 * - Roots are in reading order: page notes (about the whole document) first, oldest first,
 *   then by where their span starts, then ends, then age, then id for a total, stable order.
 * - A reply whose parent is missing becomes an orphaned root (see Thread.orphaned) rather than
 *   being dropped: dropping would silently hide a person's annotation.
 * - A deleted annotation stays as a tombstone while any live reply hangs below it, so the
 *   replies keep their context; with no live descendants it is left out entirely.
 * - Duplicate ids keep the first occurrence. Parent cycles (corrupt data) are broken at their
 *   oldest member, which becomes an orphaned root, so every annotation appears exactly once.
 * Everything is iterative: a thread may be thousands of replies deep without overflowing the stack.
 */
export function buildThreads<T extends ThreadableAnnotation>(annotations: readonly T[]): Thread<T>[] {
  const nodes = createNodes(annotations);
  const ordering = createOrdering(nodes.values());
  const roots = attachToParents(nodes);
  rescueCycles(nodes, roots, ordering.byCreation);
  const liveRoots = pruneDeadTombstones(roots);
  sortThreads(liveRoots, ordering);
  return liveRoots;
}

/** Number of live (not deleted) replies below a thread's root, at every depth. */
export function countReplies<T extends ThreadableAnnotation>(thread: Thread<T>): number {
  let count = 0;
  const pending = [...thread.replies];
  for (let node = pending.pop(); node !== undefined; node = pending.pop()) {
    if (!node.deleted) count++;
    pushAll(pending, node.replies);
  }
  return count;
}

function createNodes<T extends ThreadableAnnotation>(annotations: readonly T[]): Map<string, Thread<T>> {
  const nodes = new Map<string, Thread<T>>();
  for (const annotation of annotations) {
    if (nodes.has(annotation.id)) continue;
    // Object.assign rather than spread: V8 builds spread-then-extended objects many times slower.
    const replies: Thread<T>[] = [];
    nodes.set(annotation.id, Object.assign({}, annotation, { replies, orphaned: false }));
  }
  return nodes;
}

function attachToParents<T extends ThreadableAnnotation>(nodes: Map<string, Thread<T>>): Thread<T>[] {
  const roots: Thread<T>[] = [];
  for (const node of nodes.values()) {
    if (node.parentId === null) {
      roots.push(node);
      continue;
    }
    const parent = nodes.get(node.parentId);
    if (parent === undefined) {
      node.orphaned = true;
      roots.push(node);
    } else {
      parent.replies.push(node);
    }
  }
  return roots;
}

/**
 * Annotations unreachable from any root hang below a parent cycle (a → b → a). Each cycle is
 * cut at its oldest member, which becomes an orphaned root and takes the rest along.
 */
function rescueCycles<T extends ThreadableAnnotation>(
  nodes: Map<string, Thread<T>>,
  roots: Thread<T>[],
  byCreation: Comparator,
): void {
  const reached = new Set<Thread<T>>();
  for (const root of roots) markSubtree(root, reached);
  if (reached.size === nodes.size) return;
  for (const node of nodes.values()) {
    if (reached.has(node)) continue;
    const cut = first(cycleAbove(node, nodes), byCreation);
    const parent = parentOf(cut, nodes);
    if (parent) parent.replies.splice(parent.replies.indexOf(cut), 1);
    cut.orphaned = true;
    roots.push(cut);
    markSubtree(cut, reached);
  }
}

// An unreachable node's parent is present and unreachable too, so climbing must revisit a node.
function cycleAbove<T extends ThreadableAnnotation>(start: Thread<T>, nodes: Map<string, Thread<T>>): Thread<T>[] {
  const climbed = new Set<Thread<T>>();
  let node: Thread<T> | undefined = start;
  while (node !== undefined && !climbed.has(node)) {
    climbed.add(node);
    node = parentOf(node, nodes);
  }
  const entry = node ?? start;
  const cycle = [entry];
  for (let next = parentOf(entry, nodes); next !== undefined && next !== entry; next = parentOf(next, nodes)) {
    cycle.push(next);
  }
  return cycle;
}

function parentOf<T extends ThreadableAnnotation>(node: Thread<T>, nodes: Map<string, Thread<T>>): Thread<T> | undefined {
  return node.parentId === null ? undefined : nodes.get(node.parentId);
}

function first<T extends ThreadableAnnotation>(candidates: readonly Thread<T>[], order: Comparator): Thread<T> {
  return candidates.reduce((best, candidate) => (order(candidate, best) < 0 ? candidate : best));
}

function markSubtree<T extends ThreadableAnnotation>(root: Thread<T>, reached: Set<Thread<T>>): void {
  const pending = [root];
  for (let node = pending.pop(); node !== undefined; node = pending.pop()) {
    if (reached.has(node)) continue;
    reached.add(node);
    pushAll(pending, node.replies);
  }
}

/** Drops deleted annotations with no live reply below them, deepest first. */
function pruneDeadTombstones<T extends ThreadableAnnotation>(roots: Thread<T>[]): Thread<T>[] {
  const isKept = (node: Thread<T>) => !node.deleted || node.replies.length > 0;
  for (const node of preOrder(roots).reverse()) node.replies = node.replies.filter(isKept);
  return roots.filter(isKept);
}

function preOrder<T extends ThreadableAnnotation>(roots: readonly Thread<T>[]): Thread<T>[] {
  const order: Thread<T>[] = [];
  const pending = [...roots];
  for (let node = pending.pop(); node !== undefined; node = pending.pop()) {
    order.push(node);
    pushAll(pending, node.replies);
  }
  return order;
}

// A loop rather than push(...items): spreading a huge reply list can exceed the argument limit.
function pushAll<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item);
}

function sortThreads<T extends ThreadableAnnotation>(roots: Thread<T>[], ordering: Ordering): void {
  roots.sort(ordering.byDocumentOrder);
  for (const node of preOrder(roots)) node.replies.sort(ordering.byCreation);
}

type Comparator = (a: ThreadableAnnotation, b: ThreadableAnnotation) => number;
type Ordering = { byCreation: Comparator; byDocumentOrder: Comparator };

/**
 * Comparators over one batch of annotations, each timestamp parsed once (sorting 20,000
 * annotations would otherwise parse dates hundreds of thousands of times).
 *
 * Timestamps are compared as instants, not strings: "…00Z", "…00.000Z" and "+02:00" forms of
 * one instant do not sort lexically. Equal instants tie and fall through to the id;
 * unparseable timestamps go last, in string order.
 */
export function createOrdering(annotations: Iterable<ThreadableAnnotation>): Ordering {
  const instants = new Map<string, number>();
  for (const { createdAt } of annotations) {
    if (!instants.has(createdAt)) instants.set(createdAt, Date.parse(createdAt));
  }
  const instantOf = (timestamp: string) => instants.get(timestamp) ?? Date.parse(timestamp);

  const compareTimestamps = (a: string, b: string): number => {
    const timeA = instantOf(a);
    const timeB = instantOf(b);
    const validA = !Number.isNaN(timeA);
    const validB = !Number.isNaN(timeB);
    if (validA && validB) return timeA - timeB;
    if (validA !== validB) return validA ? -1 : 1;
    return compareStrings(a, b);
  };
  const byCreation: Comparator = (a, b) => compareTimestamps(a.createdAt, b.createdAt) || compareStrings(a.id, b.id);
  const byDocumentOrder: Comparator = (a, b) => {
    if (a.target === null || b.target === null) {
      if (a.target !== b.target) return a.target === null ? -1 : 1;
      return byCreation(a, b);
    }
    return a.target.start - b.target.start || a.target.end - b.target.end || byCreation(a, b);
  };
  return { byCreation, byDocumentOrder };
}

// Code-unit order, not locale order: the same on every server and browser.
function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
