// An owner or instructor attaches private feedback to an annotation in their group. The
// body goes through the same rich-text pipeline as comments; the author is notified.
// Idempotent on a client-chosen id, like annotations.
import type { CreateFeedbackInput, FeedbackDto } from "@/lib/api/feedback";
import { AppError } from "@/lib/errors";
import { prepareBody } from "@/server/annotations/prepare-body";
import type { Actor } from "@/server/auth/actor";
import { getDb } from "@/server/db/client";
import { isUniqueViolation } from "@/server/db/errors";
import { notifyAboutFeedback } from "@/server/notifications/notify-annotation-activity";
import { feedbackAccess } from "./feedback-access";
import { feedbackSelect, toFeedbackDto } from "./list-feedback";

export async function addFeedback(input: { actor: Actor; annotationId: string; body: CreateFeedbackInput }): Promise<{ feedback: FeedbackDto; created: boolean }> {
  const { actor, annotationId, body } = input;
  const access = await feedbackAccess(actor, annotationId);
  if (!access.canWrite) {
    throw new AppError("FORBIDDEN", "Only the group's owners and instructors can give feedback on this annotation.");
  }
  const db = getDb();
  const id = body.id ?? crypto.randomUUID();
  try {
    const record = await db.annotationFeedback.create({
      data: { id, annotationId: access.annotationId, authorId: actor.userId, ...prepareBody(body.body) },
      select: feedbackSelect,
    });
    await notifyAboutFeedback(actor, { id: access.annotationId, authorId: access.authorId });
    return { feedback: toFeedbackDto(record), created: true };
  } catch (error) {
    if (!body.id || !isUniqueViolation(error)) throw error;
    const existing = await db.annotationFeedback.findUnique({ where: { id }, select: { ...feedbackSelect, authorId: true } });
    if (!existing || existing.authorId !== actor.userId || existing.annotationId !== access.annotationId) {
      throw new AppError("CONFLICT", "That id is already taken.");
    }
    return { feedback: toFeedbackDto(existing), created: false };
  }
}
