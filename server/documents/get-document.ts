// Reads documents with their current (latest) revision. Every signed-in reader may read them.
import type { DocumentDto, DocumentSummaryDto } from "@/lib/api/documents";
import { DocumentBlockSchema } from "@/lib/api/documents";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/server/auth/actor";
import { getDb } from "@/server/db/client";

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const latestRevision = { orderBy: { number: "desc" as const }, take: 1 };

export async function listDocuments(_: { actor: Actor }): Promise<DocumentSummaryDto[]> {
  const documents = await getDb().document.findMany({
    orderBy: { title: "asc" },
    select: { id: true, slug: true, title: true, revisions: { ...latestRevision, select: { id: true } } },
  });
  return documents.flatMap(({ revisions, ...document }) =>
    revisions[0] ? [{ ...document, revisionId: revisions[0].id }] : [],
  );
}

export async function getDocument({ idOrSlug }: { actor: Actor; idOrSlug: string }): Promise<DocumentDto> {
  const where = UUID_PATTERN.test(idOrSlug) ? { id: idOrSlug } : { slug: idOrSlug };
  const document = await getDb().document.findUnique({
    where,
    select: {
      id: true,
      slug: true,
      title: true,
      revisions: { ...latestRevision, select: { id: true, number: true, text: true, contentHash: true, blocks: true } },
    },
  });
  const revision = document?.revisions[0];
  if (!document || !revision) throw new AppError("NOT_FOUND", "No such document.");
  return {
    id: document.id,
    slug: document.slug,
    title: document.title,
    revision: { ...revision, blocks: DocumentBlockSchema.array().parse(revision.blocks) },
  };
}
