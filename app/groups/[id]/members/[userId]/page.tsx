// One member's whole activity in a group: their numbers, then every thread and reply,
// newest first, each linked to its place in the text, with private feedback at hand.
// Owners and instructors may open anyone's; members only their own.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ExportMenu } from "@/components/export/export-menu";
import { FeedbackDisclosure } from "@/components/feedback/feedback-disclosure";
import { UuidSchema } from "@/lib/api/common";
import { ReviewQuery } from "@/lib/api/review";
import { isAppError } from "@/lib/errors";
import type { Actor } from "@/server/auth/actor";
import { requireSignedInUser } from "@/server/auth/current-user";
import { listMemberActivity } from "@/server/review/list-member-activity";

export const metadata: Metadata = { title: "Member activity" };

type Props = { params: Promise<{ id: string; userId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const KIND_LABEL = { highlight: "Highlight", comment: "Comment", note: "Note" } as const;
const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short" });

async function loadActivity(actor: Actor, groupId: string, userId: string, documentId: unknown) {
  const filter = ReviewQuery.safeParse(typeof documentId === "string" ? { documentId } : {});
  try {
    const chosen = filter.success ? filter.data : {};
    return {
      ok: true as const,
      documentId: "documentId" in chosen ? (chosen.documentId as string | undefined) : undefined,
      activity: await listMemberActivity({ actor, groupId, userId, filter: chosen }),
    };
  } catch (error) {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    if (isAppError(error) && error.code === "FORBIDDEN") return { ok: false as const, message: error.message };
    throw error;
  }
}

export default async function MemberActivityPage({ params, searchParams }: Props) {
  const { id, userId } = await params;
  const { actor } = await requireSignedInUser(`/groups/${id}/members/${userId}`);
  if (!UuidSchema.safeParse(id).success || !UuidSchema.safeParse(userId).success) notFound();
  const loaded = await loadActivity(actor, id, userId, (await searchParams).documentId);
  if (!loaded.ok) {
    return (
      <section className="wide">
        <h1 className="page-title">Member activity</h1>
        <p className="alert error" role="alert">
          {loaded.message}
        </p>
      </section>
    );
  }
  const { summary, items } = loaded.activity;
  const tags = Object.entries(summary.notesByTag);
  return (
    <section className="wide">
      <p className="breadcrumb">
        <Link href={`/groups/${id}/review`}>Review</Link>
      </p>
      <h1 className="page-title">{summary.member.name}</h1>
      {loaded.documentId ? (
        // This member's notes on the document, as the instructor may export them.
        <div className="review-tools">
          <ExportMenu documentId={loaded.documentId} filter={{ visibility: id, authorId: userId }} filtered />
        </div>
      ) : null}
      <dl className="summary-list">
        <div>
          <dt>Threads</dt>
          <dd>{summary.annotations}</dd>
        </div>
        <div>
          <dt>Replies</dt>
          <dd>{summary.replies}</dd>
        </div>
        <div>
          <dt>Words</dt>
          <dd>{summary.words}</dd>
        </div>
        <div>
          <dt>Tags</dt>
          <dd>{tags.length > 0 ? tags.map(([tag, count]) => `${tag} ${count}`).join(", ") : "none"}</dd>
        </div>
      </dl>
      {items.length === 0 ? <p className="empty">Nothing written here yet.</p> : null}
      <ol className="search-results" aria-label="Threads and replies, newest first">
        {items.map((item) => (
          <li key={item.id} className="card">
            <p className="entry-meta">
              <span className="kind-badge">{item.isReply ? "Reply" : KIND_LABEL[item.kind]}</span>
              <span>{item.document.title}</span>
              <time dateTime={item.createdAt}>{dateFormat.format(new Date(item.createdAt))}</time>
              {item.resolved ? <span>Resolved</span> : null}
              {item.hidden ? <span className="hidden-badge">Hidden by a moderator</span> : null}
            </p>
            {item.quote ? <blockquote className="quote">{item.quote}</blockquote> : null}
            {item.text ? <p className="entry-body">{item.text}</p> : null}
            {item.tags.length > 0 ? (
              <ul className="entry-tags" aria-label="Tags">
                {item.tags.map((tag) => (
                  <li key={tag} className="tag-chip">
                    {tag}
                  </li>
                ))}
              </ul>
            ) : null}
            <p className="entry-actions">
              <a href={item.href}>Open in the text</a>
            </p>
            <FeedbackDisclosure annotationId={item.id} authorName={summary.member.name} />
          </li>
        ))}
      </ol>
    </section>
  );
}
