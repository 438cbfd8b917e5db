// Joining by invite code. The use count is taken with one conditional UPDATE, so two
// students racing for the last use of a limited invite cannot both get in.
import { AppError } from "@/lib/errors";
import type { Actor } from "@/server/auth/actor";
import { getDb } from "@/server/db/client";
import { isUniqueViolation } from "@/server/db/errors";
import { recordSecurityEvent } from "@/server/security/record-security-event";

export async function joinGroup({ actor, inviteCode }: { actor: Actor; inviteCode: string }) {
  const db = getDb();
  const invite = await db.groupInvite.findUnique({
    where: { code: inviteCode },
    select: { id: true, groupId: true, role: true, revokedAt: true, expiresAt: true, group: { select: { name: true, isPersonal: true } } },
  });
  // Personal groups are never shared, even through an invite made before that rule.
  if (!invite || invite.revokedAt || invite.group.isPersonal) {
    await recordSecurityEvent({ actor, kind: "invalid_invite", resource: `invite:${inviteCode}` });
    throw new AppError("NOT_FOUND", "This invite code is not valid. Ask for a new one.");
  }
  const existing = await db.groupMembership.findUnique({
    where: { groupId_userId: { groupId: invite.groupId, userId: actor.userId } },
    select: { role: true },
  });
  if (existing) return { id: invite.groupId, name: invite.group.name, role: existing.role, joined: false };
  if (invite.expiresAt && invite.expiresAt.getTime() <= Date.now()) {
    await recordSecurityEvent({ actor, kind: "expired_invite", resource: `invite:${inviteCode}` });
    throw new AppError("NOT_FOUND", "This invite has expired. Ask for a new one.");
  }

  try {
    return await db.$transaction(async (tx) => {
      const taken = await tx.$executeRaw`
        UPDATE group_invites SET uses = uses + 1
        WHERE id = ${invite.id}::uuid AND revoked_at IS NULL AND (max_uses IS NULL OR uses < max_uses)`;
      if (taken === 0) throw new AppError("NOT_FOUND", "This invite has been used up. Ask for a new one.");
      await tx.groupMembership.create({ data: { groupId: invite.groupId, userId: actor.userId, role: invite.role } });
      return { id: invite.groupId, name: invite.group.name, role: invite.role, joined: true };
    });
  } catch (error) {
    // The same person joining twice at once (a double click): the first insert wins; this one
    // rolled back, its use of the invite included, and answers like any "already a member".
    if (!isUniqueViolation(error)) throw error;
    const member = await db.groupMembership.findUnique({
      where: { groupId_userId: { groupId: invite.groupId, userId: actor.userId } },
      select: { role: true },
    });
    if (!member) throw error;
    return { id: invite.groupId, name: invite.group.name, role: member.role, joined: false };
  }
}
