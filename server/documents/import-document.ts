// Imports a plain-text source as a document's next immutable revision. Importing
// the same text again changes nothing, so seeding is idempotent.
import { createHash } from "node:crypto";
import { importPlainText, type ImportedDocument } from "@/lib/document/import-text";
import { getDb } from "@/server/db/client";

export type ImportDocumentResult = {
  documentId: string;
  revisionId: string;
  revisionNumber: number;
  created: boolean;
  imported: ImportedDocument;
};

export async function importDocumentFromText(input: {
  slug: string;
  source: string;
  title?: string;
}): Promise<ImportDocumentResult> {
  const imported = importPlainText(input.source, input.title ? { title: input.title } : undefined);
  const contentHash = createHash("sha256").update(imported.text).digest("hex");

  return getDb().$transaction(async (tx) => {
    const document = await tx.document.upsert({
      where: { slug: input.slug },
      create: { slug: input.slug, title: imported.title },
      update: {},
      select: { id: true },
    });
    // Only the current revision counts as "the same": re-importing an older text
    // makes it current again as a new revision, rather than silently doing nothing.
    const latest = await tx.documentRevision.findFirst({
      where: { documentId: document.id },
      orderBy: { number: "desc" },
      select: { id: true, number: true, contentHash: true },
    });
    if (latest?.contentHash === contentHash) {
      return { documentId: document.id, revisionId: latest.id, revisionNumber: latest.number, created: false, imported };
    }
    const revision = await tx.documentRevision.create({
      data: {
        documentId: document.id,
        number: (latest?.number ?? 0) + 1,
        text: imported.text,
        contentHash,
        blocks: imported.blocks,
        importReport: { dropped: imported.dropped },
      },
      select: { id: true, number: true },
    });
    await tx.document.update({ where: { id: document.id }, data: { title: imported.title } });
    return { documentId: document.id, revisionId: revision.id, revisionNumber: revision.number, created: true, imported };
  });
}
