// Loads one annotation the actor can see, with the facts the permission table needs.
// Invisible and non-existent look the same: 404.
import { AppError } from "@/lib/errors";
import {
  canOnAnnotation,
  type AnnotationFacts,
  type AnnotationPermission,
} from "@/lib/permissions/permission-table";
import type { Actor } from "@/server/auth/actor";
import { getDb } from "@/server/db/client";
import { readableAnnotationsWhere } from "@/server/db/scopes/annotation-scope";
import { findMembershipRole } from "@/server/groups/find-membership-role";
import { recordSecurityEvent } from "@/server/security/record-security-event";
import { annotationSelect, type AnnotationRecord } from "./annotation-record";

export async function loadAnnotationFor(
  actor: Actor,
  annotationId: string,
  permission: AnnotationPermission,
): Promise<{ record: AnnotationRecord; facts: AnnotationFacts }> {
  const record = await getDb().annotation.findFirst({
    where: { AND: [{ id: annotationId }, await readableAnnotationsWhere(actor)] },
    select: annotationSelect,
  });
  if (!record) {
    await recordSecurityEvent({ actor, kind: "annotation_not_visible", resource: `annotation:${annotationId}` });
    throw new AppError("NOT_FOUND", "No such annotation.");
  }
  const facts: AnnotationFacts = {
    isAuthor: record.authorId === actor.userId,
    isShared: record.groupId !== null,
    role: record.groupId ? await findMembershipRole(actor, record.groupId) : null,
  };
  if (!canOnAnnotation(permission, facts)) {
    throw new AppError("FORBIDDEN", forbiddenMessage(permission));
  }
  return { record, facts };
}

function forbiddenMessage(permission: AnnotationPermission): string {
  switch (permission) {
    case "annotation:edit":
      return "Only the author can edit this annotation.";
    case "annotation:delete":
      return "Only the author can delete this annotation.";
    case "annotation:resolve":
      return "Only the author or the group's instructors can resolve this thread.";
    default:
      return "You may not do that with this annotation.";
  }
}
