// One group as its member sees it: settings, vocabulary and their own role.
import type { GroupDetailDto } from "@/lib/api/groups";
import type { HighlightColor } from "@/lib/annotations/palette";
import type { Actor } from "@/server/auth/actor";
import { getDb } from "@/server/db/client";
import { requireGroupRole } from "./require-group-role";

export async function getGroup({ actor, groupId }: { actor: Actor; groupId: string }): Promise<GroupDetailDto> {
  const role = await requireGroupRole(actor, groupId, "group:read");
  const group = await getDb().group.findUniqueOrThrow({
    where: { id: groupId },
    select: {
      id: true,
      name: true,
      description: true,
      isPersonal: true,
      postFirst: true,
      allowMemberTags: true,
      tags: { where: { retiredAt: null }, orderBy: { createdAt: "asc" }, select: { name: true, color: true } },
      _count: { select: { memberships: true } },
    },
  });
  const { _count, tags, ...rest } = group;
  return {
    ...rest,
    role,
    memberCount: _count.memberships,
    tags: tags.map((tag) => ({ name: tag.name, color: tag.color as HighlightColor })),
  };
}
