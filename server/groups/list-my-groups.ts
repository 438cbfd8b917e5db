// The groups the actor belongs to, with their role and tag vocabulary (for the reader's switcher).
import type { GroupSummaryDto } from "@/lib/api/groups";
import type { Actor } from "@/server/auth/actor";
import { getDb } from "@/server/db/client";
import { memberGroupsWhere } from "@/server/db/scopes/group-scope";
import type { HighlightColor } from "@/lib/annotations/palette";

export async function listMyGroups({ actor }: { actor: Actor }): Promise<GroupSummaryDto[]> {
  const groups = await getDb().group.findMany({
    where: memberGroupsWhere(actor),
    orderBy: [{ isPersonal: "asc" }, { name: "asc" }],
    select: {
      id: true,
      name: true,
      isPersonal: true,
      postFirst: true,
      memberships: { where: { userId: actor.userId }, select: { role: true } },
      tags: { where: { retiredAt: null }, orderBy: { createdAt: "asc" }, select: { name: true, color: true } },
      _count: { select: { memberships: true } },
    },
  });
  return groups.map((group) => ({
    id: group.id,
    name: group.name,
    isPersonal: group.isPersonal,
    role: group.memberships[0]?.role ?? "member",
    memberCount: group._count.memberships,
    postFirst: group.postFirst,
    tags: group.tags.map((tag) => ({ name: tag.name, color: tag.color as HighlightColor })),
  }));
}
