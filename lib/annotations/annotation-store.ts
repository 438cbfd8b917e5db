// The reader's annotations as a flat map (what the server and, later, the socket send
// one at a time) and the derived views: threads in document order and highlight spans.
import type { AnnotationDto } from "@/lib/api/annotations";
import { buildThreads, type Thread } from "./build-threads";
import type { HighlightColor } from "./palette";

export type FlatAnnotation = Omit<AnnotationDto, "replies"> & { pending?: boolean };

type ThreadNode = Omit<FlatAnnotation, "target"> & {
  target: { start: number; end: number } | null;
  selectors: AnnotationDto["target"];
};
export type AnnotationThread = Thread<ThreadNode>;

export function flattenThreads(threads: readonly AnnotationDto[]): FlatAnnotation[] {
  const flat: FlatAnnotation[] = [];
  const pending = [...threads];
  for (let node = pending.pop(); node; node = pending.pop()) {
    const { replies, ...annotation } = node;
    flat.push(annotation);
    pending.push(...replies);
  }
  return flat;
}

/** Threads in document order; `target` is the character span, `selectors` the stored W3C target. */
export function threadsFrom(annotations: Iterable<FlatAnnotation>): AnnotationThread[] {
  const threadable = [...annotations].map((annotation): ThreadNode => ({
    ...annotation,
    selectors: annotation.target,
    target: spanOf(annotation),
  }));
  return buildThreads(threadable);
}

export type HighlightSpan = { id: string; start: number; end: number; color: HighlightColor };

/** What the reader paints: every live thread root with a passage. */
export function highlightSpans(threads: Iterable<AnnotationThread>): HighlightSpan[] {
  const spans: HighlightSpan[] = [];
  for (const thread of threads) {
    if (!thread.target || thread.parentId || thread.deleted) continue;
    spans.push({ id: thread.id, start: thread.target.start, end: thread.target.end, color: thread.color ?? "yellow" });
  }
  return spans;
}

/** The same spans straight from the flat list, without building threads (the fast path). */
export function highlightSpansFromFlat(annotations: Iterable<FlatAnnotation>): HighlightSpan[] {
  const spans: HighlightSpan[] = [];
  for (const annotation of annotations) {
    const position = annotation.target?.selector[0];
    if (!position || annotation.parentId || annotation.deleted) continue;
    spans.push({ id: annotation.id, start: position.start, end: position.end, color: annotation.color ?? "yellow" });
  }
  return spans;
}

export function spanOf(annotation: Pick<AnnotationDto, "target">): { start: number; end: number } | null {
  const position = annotation.target?.selector[0];
  return position ? { start: position.start, end: position.end } : null;
}
