// The actor's role in a group, or null when they are not a member.
import type { GroupRole } from "@/lib/permissions/permission-table";
import type { Actor } from "@/server/auth/actor";
import { getDb } from "@/server/db/client";

export async function findMembershipRole(actor: Actor, groupId: string): Promise<GroupRole | null> {
  const membership = await getDb().groupMembership.findUnique({
    where: { groupId_userId: { groupId, userId: actor.userId } },
    select: { role: true },
  });
  return membership?.role ?? null;
}
