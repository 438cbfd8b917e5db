// The text of a document revision, for checking annotation targets against it.
// Revisions are immutable (an edited document gets a new revision), so their text is
// cached per process: every create would otherwise read the whole text again. A
// revision deleted with its document stays cached until the annotation's foreign key
// refuses a create for it, which forgets it (see create-annotation.ts).
import { LRUCache } from "lru-cache";
import { getDb } from "@/server/db/client";

type CachedRevision = { documentId: string; text: string };

const revisions = new LRUCache<string, CachedRevision>({
  // Bounded by size, not count: a long book's text can be megabytes.
  maxSize: 32 * 1024 * 1024,
  sizeCalculation: (revision) => Math.max(1, revision.text.length * 2),
});

/** The revision's text, or null when the document has no such revision. */
export async function findRevisionText(documentId: string, revisionId: string): Promise<string | null> {
  let revision = revisions.get(revisionId);
  if (!revision) {
    const row = await getDb().documentRevision.findUnique({ where: { id: revisionId }, select: { documentId: true, text: true } });
    if (!row) return null;
    revision = row;
    revisions.set(revisionId, revision);
  }
  return revision.documentId === documentId ? revision.text : null;
}

/** Drops a revision that turned out to be gone (its document was deleted after it was cached). */
export function forgetRevision(revisionId: string) {
  revisions.delete(revisionId);
}
