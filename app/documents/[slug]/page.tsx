import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { DocumentReader } from "@/components/reader/document-reader";
import { DocumentIdOrSlugParam } from "@/lib/api/documents";
import { isAppError } from "@/lib/errors";
import { requireSignedInUser } from "@/server/auth/current-user";
import { getDocument } from "@/server/documents/get-document";

type Params = Promise<{ slug: string }>;

async function loadDocument(slug: string) {
  const { actor } = await requireSignedInUser(`/documents/${slug}`);
  if (!DocumentIdOrSlugParam.safeParse(slug).success) notFound();
  try {
    return await getDocument({ actor, idOrSlug: slug });
  } catch (error) {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  }
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const document = await loadDocument((await params).slug);
  return { title: document.title };
}

export default async function DocumentPage({ params }: { params: Params }) {
  const document = await loadDocument((await params).slug);
  const wordCount = document.revision.text.split(/\s+/).filter(Boolean).length;
  return (
    <article className="reader" aria-labelledby="document-title">
      <h1 id="document-title" className="reader-title">
        {document.title}
      </h1>
      <p className="reader-meta">
        Revision {document.revision.number} · {wordCount.toLocaleString("en")} words · about{" "}
        {Math.max(1, Math.round(wordCount / 230))} min read
      </p>
      <DocumentReader text={document.revision.text} blocks={document.revision.blocks} label={document.title} />
    </article>
  );
}
