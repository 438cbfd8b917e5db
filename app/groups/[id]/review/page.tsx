// The review page of a group (owners and instructors): pick a document, then see its
// queues, heat map, participation and activity. Members get a plain refusal, others 404.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ReviewDashboard } from "@/components/review/review-dashboard";
import { UuidSchema } from "@/lib/api/common";
import { isAppError } from "@/lib/errors";
import type { Actor } from "@/server/auth/actor";
import { requireSignedInUser } from "@/server/auth/current-user";
import { getDocument } from "@/server/documents/get-document";
import { getGroup } from "@/server/groups/get-group";
import { getGroupReview } from "@/server/review/get-group-review";
import { listReviewDocuments } from "@/server/review/list-review-documents";

export const metadata: Metadata = { title: "Review" };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

async function loadReview(actor: Actor, groupId: string, requested: unknown) {
  try {
    const group = await getGroup({ actor, groupId });
    const documents = await listReviewDocuments({ actor, groupId });
    const chosen = documents.find((document) => document.id === requested) ?? documents[0] ?? null;
    const [review, document] = await Promise.all([
      getGroupReview({ actor, groupId, input: { documentId: chosen?.id } }),
      chosen ? getDocument({ actor, idOrSlug: chosen.id }) : Promise.resolve(null),
    ]);
    return { ok: true as const, group, documents, chosen, review, document };
  } catch (error) {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    if (isAppError(error) && error.code === "FORBIDDEN") return { ok: false as const, message: error.message };
    throw error;
  }
}

export default async function ReviewPage({ params, searchParams }: Props) {
  const { id } = await params;
  const { actor } = await requireSignedInUser(`/groups/${id}/review`);
  if (!UuidSchema.safeParse(id).success) notFound();
  const loaded = await loadReview(actor, id, (await searchParams).documentId);
  if (!loaded.ok) {
    return (
      <section className="wide">
        <h1 className="page-title">Review the discussion</h1>
        <p className="alert error" role="alert">
          {loaded.message}
        </p>
        <p>
          <Link href={`/groups/${id}`}>Back to the group</Link>
        </p>
      </section>
    );
  }
  const { group, documents, chosen, review, document } = loaded;
  return (
    <section className="review-page">
      <p className="breadcrumb">
        <Link href={`/groups/${id}`}>{group.name}</Link>
      </p>
      <h1 className="page-title">Review the discussion</h1>
      <form method="get" className="inline-form review-document-form">
        <div className="field">
          <label htmlFor="review-document">Document</label>
          <select id="review-document" name="documentId" defaultValue={chosen?.id}>
            {documents.map((option) => (
              <option key={option.id} value={option.id}>
                {option.title} ({option.annotations})
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <button type="submit" className="button secondary">
            Show
          </button>
        </div>
      </form>
      <ReviewDashboard
        key={chosen?.id ?? "none"}
        groupId={id}
        initial={review}
        document={document ? { id: document.id, slug: document.slug, text: document.revision.text, blocks: document.revision.blocks } : null}
      />
    </section>
  );
}
