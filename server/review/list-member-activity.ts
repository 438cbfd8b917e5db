// One member's whole activity in a group (threads and replies, newest first) with their
// participation summary. Owners and instructors see anyone's; a member sees their own.
import { annotationHref } from "@/lib/annotations/annotation-href";
import { ACTIVITY_LIMIT, type ActivityItemDto, type MemberActivityDto, type ReviewInput } from "@/lib/api/review";
import { AppError } from "@/lib/errors";
import { canInGroup } from "@/lib/permissions/permission-table";
import type { Actor } from "@/server/auth/actor";
import { getDb } from "@/server/db/client";
import { requireGroupRole } from "@/server/groups/require-group-role";
import { participationOf } from "./participation";

export async function listMemberActivity(input: { actor: Actor; groupId: string; userId: string; filter: ReviewInput }): Promise<MemberActivityDto> {
  const { actor, groupId, userId, filter } = input;
  const role = await requireGroupRole(actor, groupId, "group:read");
  if (actor.userId !== userId && !canInGroup("group:review", role)) {
    throw new AppError("FORBIDDEN", "Only the group's owners and instructors can see another member's activity.");
  }
  const [summary] = await participationOf({ groupId, documentId: filter.documentId }, userId);
  if (!summary) throw new AppError("NOT_FOUND", "No such member in this group.");
  // Deleted entries are gone for everyone; hidden ones stay listed (and marked) because
  // both their author and the group's moderators may see them.
  const rows = await getDb().annotation.findMany({
    where: { groupId, authorId: userId, deletedAt: null, ...(filter.documentId ? { documentId: filter.documentId } : {}) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: ACTIVITY_LIMIT,
    select: {
      id: true,
      rootId: true,
      kind: true,
      tags: true,
      bodyText: true,
      quoteExact: true,
      resolvedAt: true,
      hiddenAt: true,
      createdAt: true,
      document: { select: { id: true, slug: true, title: true } },
    },
  });
  const items = rows.map(
    (row): ActivityItemDto => ({
      id: row.id,
      threadId: row.rootId ?? row.id,
      kind: row.kind,
      isReply: row.rootId !== null,
      tags: row.tags,
      text: row.bodyText ?? "",
      quote: row.quoteExact,
      resolved: row.resolvedAt !== null,
      hidden: row.hiddenAt !== null,
      createdAt: row.createdAt.toISOString(),
      document: row.document,
      href: annotationHref(row.document.slug, row.rootId ?? row.id),
    }),
  );
  return { summary, items };
}
