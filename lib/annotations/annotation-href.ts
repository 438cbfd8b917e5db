// Where an annotation is read: the reader opens the thread named in the fragment.

/** The reader's address of an annotation's thread. */
export function annotationHref(documentSlug: string, threadId: string): string {
  return `/documents/${encodeURIComponent(documentSlug)}#annotation-${threadId}`;
}

/** The thread id named by a reader address's fragment, if any. */
export function threadIdFromHash(hash: string): string | null {
  const match = /^#annotation-([0-9a-f-]{36})$/i.exec(hash);
  return match?.[1] ?? null;
}
