// Group membership: listing, role changes (owners) and removal (moderators remove
// members; anyone may leave). A group never loses its last owner.
import type { GroupMemberDto } from "@/lib/api/groups";
import { AppError } from "@/lib/errors";
import type { GroupRole } from "@/lib/permissions/permission-table";
import type { Actor } from "@/server/auth/actor";
import { getDb } from "@/server/db/client";
import { realtimeBus } from "@/server/realtime/realtime-bus";
import { requireGroupRole } from "./require-group-role";

export async function listMembers({ actor, groupId }: { actor: Actor; groupId: string }): Promise<GroupMemberDto[]> {
  await requireGroupRole(actor, groupId, "group:read");
  const members = await getDb().groupMembership.findMany({
    where: { groupId },
    orderBy: [{ role: "asc" }, { joinedAt: "asc" }],
    select: { userId: true, role: true, joinedAt: true, user: { select: { name: true } } },
  });
  return members.map((member) => ({
    userId: member.userId,
    name: member.user.name,
    role: member.role,
    joinedAt: member.joinedAt.toISOString(),
  }));
}

export async function changeMemberRole(input: { actor: Actor; groupId: string; userId: string; role: GroupRole }) {
  const { actor, groupId, userId, role } = input;
  await requireGroupRole(actor, groupId, "group:manage");
  const db = getDb();
  const changed = await db.$transaction(async (tx) => {
    await lockGroup(tx, groupId);
    const member = await tx.groupMembership.findUnique({ where: { groupId_userId: { groupId, userId } }, select: { role: true } });
    if (!member) throw new AppError("NOT_FOUND", "That person is not a member of this group.");
    if (member.role === "owner" && role !== "owner") await assertAnotherOwner(tx, groupId, userId);
    await tx.groupMembership.update({ where: { groupId_userId: { groupId, userId } }, data: { role } });
    await tx.moderationLogEntry.create({
      data: { groupId, actorId: actor.userId, action: "change_role", targetUserId: userId, detail: `${member.role} → ${role}` },
    });
    return { userId, role };
  });
  // Their open sockets drop this group's rooms and join again with the new role.
  realtimeBus()?.membershipChanged(userId, groupId);
  return changed;
}

export async function removeMember({ actor, groupId, userId }: { actor: Actor; groupId: string; userId: string }) {
  const leaving = userId === actor.userId;
  const actorRole = await requireGroupRole(actor, groupId, leaving ? "group:read" : "group:moderate");
  const db = getDb();
  await db.$transaction(async (tx) => {
    await lockGroup(tx, groupId);
    const member = await tx.groupMembership.findUnique({ where: { groupId_userId: { groupId, userId } }, select: { role: true } });
    if (!member) throw new AppError("NOT_FOUND", "That person is not a member of this group.");
    // Instructors remove members; only owners remove instructors or other owners.
    if (!leaving && member.role !== "member" && actorRole !== "owner") {
      throw new AppError("FORBIDDEN", "Only the group's owners can remove an instructor or an owner.");
    }
    if (member.role === "owner") await assertAnotherOwner(tx, groupId, userId);
    await tx.groupMembership.delete({ where: { groupId_userId: { groupId, userId } } });
    await tx.moderationLogEntry.create({
      data: { groupId, actorId: actor.userId, action: leaving ? "leave" : "remove_member", targetUserId: userId },
    });
  });
  // Stop live delivery at once: their open sockets leave the group's rooms.
  realtimeBus()?.membershipChanged(userId, groupId);
}

type Tx = Parameters<Parameters<ReturnType<typeof getDb>["$transaction"]>[0]>[0];

/**
 * Role changes and removals in one group take turns: without this, two owners demoting or
 * removing each other at once would each still count the other and leave no owner at all.
 */
async function lockGroup(tx: Tx, groupId: string) {
  await tx.$queryRaw`SELECT id FROM groups WHERE id = ${groupId}::uuid FOR UPDATE`;
}

async function assertAnotherOwner(tx: Tx, groupId: string, userId: string) {
  const owners = await tx.groupMembership.count({ where: { groupId, role: "owner", userId: { not: userId } } });
  if (owners === 0) throw new AppError("CONFLICT", "A group needs at least one owner. Make someone else an owner first.");
}
