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
      update: { title: imported.title },
      select: { id: true },
    });
    const same = await tx.documentRevision.findUnique({
      where: { documentId_contentHash: { documentId: document.id, contentHash } },
      select: { id: true, number: true },
    });
    if (same) {
      return { documentId: document.id, revisionId: same.id, revisionNumber: same.number, created: false, imported };
    }
    const latest = await tx.documentRevision.findFirst({
      where: { documentId: document.id },
      orderBy: { number: "desc" },
      select: { number: true },
    });
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
    return { documentId: document.id, revisionId: revision.id, revisionNumber: revision.number, created: true, imported };
  });
}
