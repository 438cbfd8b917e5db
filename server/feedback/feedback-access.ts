// Who may see and write private feedback on an annotation: its author reads it; the
// group's owners and instructors read and write it; nobody else learns it exists. The
// annotation itself must be visible to the actor first (else 404, like any annotation).
import { AppError } from "@/lib/errors";
import { canInGroup } from "@/lib/permissions/permission-table";
import { loadAnnotationFor } from "@/server/annotations/load-annotation";
import type { Actor } from "@/server/auth/actor";
import { getDb } from "@/server/db/client";

export type FeedbackAccess = { annotationId: string; authorId: string; canRead: boolean; canWrite: boolean };

export async function feedbackAccess(actor: Actor, annotationId: string): Promise<FeedbackAccess> {
  const { record, facts } = await loadAnnotationFor(actor, annotationId, "annotation:read");
  // A personal group has no students: its owner reviewing their own notes would be noise.
  const inSharedGroup =
    record.groupId !== null && (await getDb().group.findUnique({ where: { id: record.groupId }, select: { isPersonal: true } }))?.isPersonal === false;
  const reviewer = inSharedGroup && canInGroup("group:review", facts.role);
  return {
    annotationId: record.id,
    authorId: record.authorId,
    canRead: reviewer || facts.isAuthor,
    canWrite: reviewer && record.deletedAt === null,
  };
}

export function forbiddenFeedback(): AppError {
  return new AppError("FORBIDDEN", "Only the author and the group's owners and instructors see feedback on this annotation.");
}
