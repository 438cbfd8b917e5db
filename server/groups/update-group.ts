// Owners change a group's name, description and settings ("post first", member tags).
import type { z } from "zod";
import type { GroupDetailDto, UpdateGroupRequest } from "@/lib/api/groups";
import type { Actor } from "@/server/auth/actor";
import { getDb } from "@/server/db/client";
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
  await getDb().group.update({ where: { id: groupId }, data: input });
  return getGroup({ actor, groupId });
}
