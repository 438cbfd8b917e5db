// Builds the reader's threads from the server's list a few threads at a time, as the
// list arrives: the server already sends each thread whole and the threads in document
// order, so each one is threaded on its own and appended, instead of re-threading all
// thousands of annotations in one task once everything is there.
import type { AnnotationDto } from "@/lib/api/annotations";
import { flattenThreads, threadsFrom, type AnnotationThread, type FlatAnnotation } from "./annotation-store";
import { createOrdering } from "./build-threads";
import { indexReply, threadAnnotations, type ThreadedAnnotations } from "./update-threads";

export type ThreadedFromList = {
  /** Adds threads in the order the server listed them (roots in document order, replies nested). */
  add(threads: readonly AnnotationDto[]): void;
  /** What threadAnnotations gives for every annotation added (the same threads, in the same order). */
  finish(): ThreadedAnnotations;
};

export function threadedFromList(): ThreadedFromList {
  const annotations = new Map<string, FlatAnnotation>();
  const repliesTo = new Map<string, Set<string>>();
  const threads: AnnotationThread[] = [];
  // Cleared by anything a thread-at-a-time build could get wrong (the same id twice, a
  // thread whose top replies to an annotation elsewhere in the list); then one full
  // build decides, as before.
  let wellFormed = true;

  return {
    add(listed) {
      for (const item of listed) {
        const thread = flattenThreads([item]);
        for (const annotation of thread) {
          if (annotations.has(annotation.id)) wellFormed = false;
          annotations.set(annotation.id, annotation);
          indexReply(repliesTo, annotation);
        }
        for (const built of threadsFrom(thread)) threads.push(built);
      }
    },
    finish() {
      const orphansFoundParents = threads.some((thread) => thread.parentId !== null && annotations.has(thread.parentId));
      if (!wellFormed || orphansFoundParents || !inDocumentOrder(threads)) return threadAnnotations(annotations);
      return { annotations, threads, repliesTo };
    },
  };
}

function inDocumentOrder(threads: readonly AnnotationThread[]): boolean {
  const { byDocumentOrder } = createOrdering(threads);
  for (let index = 1; index < threads.length; index++) {
    if (byDocumentOrder(threads[index - 1] as AnnotationThread, threads[index] as AnnotationThread) > 0) return false;
  }
  return true;
}
