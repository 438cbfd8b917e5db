// Applies a live or resynced change to the reader's flat map of annotations. Changes
// to one annotation carry increasing sequence numbers, so a late, older one (from a
// resync racing live delivery) never overwrites a newer state or revives a removal.
import type { ChangeEvent } from "@/lib/api/realtime";
import type { FlatAnnotation } from "@/lib/annotations/annotation-store";

export type AnnotationMap = Map<string, FlatAnnotation>;
/** The sequence number of the last change applied to each annotation (removals included). */
export type AppliedSeqs = Map<string, number>;

export function applyChange(store: ReadonlyMap<string, FlatAnnotation>, applied: AppliedSeqs, event: ChangeEvent, viewerId: string): AnnotationMap | null {
  const ids = event.type === "annotation.removed" ? (event.removedIds ?? [event.annotationId]) : [event.annotationId];
  if (ids.every((id) => (applied.get(id) ?? 0) >= event.seq)) return null;
  for (const id of ids) applied.set(id, Math.max(applied.get(id) ?? 0, event.seq));

  const next = new Map(store);
  if (event.type === "annotation.removed") {
    for (const id of ids) next.delete(id);
    return next;
  }
  if (!event.annotation) return null;
  const { replies: _replies, ...incoming } = event.annotation;
  const known = store.get(incoming.id);
  next.set(incoming.id, { ...incoming, reactions: { counts: incoming.reactions.counts, mine: mineAfter(known, event, viewerId) } });
  return next;
}

/** The viewer's own reactions: unchanged by others, updated when one of their own tabs reacted. */
function mineAfter(known: FlatAnnotation | undefined, event: ChangeEvent, viewerId: string): FlatAnnotation["reactions"]["mine"] {
  const mine = new Set(known?.reactions.mine ?? []);
  if (event.reaction && event.reaction.userId === viewerId) {
    if (event.reaction.on) mine.add(event.reaction.type);
    else mine.delete(event.reaction.type);
  }
  return [...mine];
}
