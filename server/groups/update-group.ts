// Owners change a group's name, description and settings ("post first", member tags).
import type { z } from "zod";
import type { GroupDetailDto, UpdateGroupRequest } from "@/lib/api/groups";
import type { Actor } from "@/server/auth/actor";
import { getDb } from "@/server/db/client";
import { realtimeBus } from "@/server/realtime/realtime-bus";
import { getGroup } from "./get-group";
import { requireGroupRole } from "./require-group-role";

export async function updateGroup({
  actor,
  groupId,
  input,
}: {
  actor: Actor;
  groupId: string;
  input: z.output<typeof UpdateGroupRequest>;
}): Promise<GroupDetailDto> {
  await requireGroupRole(actor, groupId, "group:manage");
  const before = await getDb().group.findUniqueOrThrow({ where: { id: groupId }, select: { postFirst: true } });
  await getDb().group.update({ where: { id: groupId }, data: input });
  // Who sees whose annotations just changed: open readers follow the new rule at once.
  if (input.postFirst !== undefined && input.postFirst !== before.postFirst) realtimeBus()?.groupRulesChanged(groupId);
  return getGroup({ actor, groupId });
}
