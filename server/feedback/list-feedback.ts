// Private feedback on one annotation, oldest first, for its author and the group's reviewers.
import type { FeedbackDto, FeedbackListDto } from "@/lib/api/feedback";
import type { Actor } from "@/server/auth/actor";
import { getDb } from "@/server/db/client";
import { feedbackAccess, forbiddenFeedback } from "./feedback-access";

export const feedbackSelect = {
  id: true,
  annotationId: true,
  bodyHtml: true,
  bodyText: true,
  createdAt: true,
  author: { select: { id: true, name: true } },
} as const;

type FeedbackRecord = { id: string; annotationId: string; bodyHtml: string; bodyText: string; createdAt: Date; author: { id: string; name: string } };

export function toFeedbackDto(record: FeedbackRecord): FeedbackDto {
  return {
    id: record.id,
    annotationId: record.annotationId,
    author: record.author,
    body: { html: record.bodyHtml, text: record.bodyText },
    createdAt: record.createdAt.toISOString(),
  };
}

export async function listFeedback({ actor, annotationId }: { actor: Actor; annotationId: string }): Promise<FeedbackListDto> {
  const access = await feedbackAccess(actor, annotationId);
  if (!access.canRead) throw forbiddenFeedback();
  const records = await getDb().annotationFeedback.findMany({
    where: { annotationId: access.annotationId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: feedbackSelect,
  });
  return { items: records.map(toFeedbackDto), canWrite: access.canWrite };
}
