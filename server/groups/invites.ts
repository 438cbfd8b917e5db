// Owners' invitations: create (with optional expiry and use limit), list and revoke.
import type { z } from "zod";
import type { CreateInviteRequest, GroupInviteDto } from "@/lib/api/groups";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/server/auth/actor";
import { getDb } from "@/server/db/client";
import { generateInviteCode } from "./invite-codes";
import { requireGroupRole } from "./require-group-role";

const inviteSelect = { id: true, code: true, role: true, expiresAt: true, maxUses: true, uses: true, revokedAt: true, createdAt: true } as const;

type InviteRow = { id: string; code: string; role: "owner" | "instructor" | "member"; expiresAt: Date | null; maxUses: number | null; uses: number; revokedAt: Date | null; createdAt: Date };

function toDto(row: InviteRow): GroupInviteDto {
  return {
    id: row.id,
    code: row.code,
    role: row.role,
    expiresAt: row.expiresAt?.toISOString() ?? null,
    maxUses: row.maxUses,
    uses: row.uses,
    revoked: row.revokedAt !== null,
    createdAt: row.createdAt.toISOString(),
  };
}

export async function createInvite(input: { actor: Actor; groupId: string; options: z.output<typeof CreateInviteRequest> }) {
  const { actor, groupId, options } = input;
  await requireGroupRole(actor, groupId, "group:manage");
  const group = await getDb().group.findUniqueOrThrow({ where: { id: groupId }, select: { isPersonal: true } });
  if (group.isPersonal) {
    throw new AppError("UNPROCESSABLE", "A personal group is yours alone. Create a study group to read with others.");
  }
  const row = await getDb().groupInvite.create({
    data: {
      groupId,
      code: generateInviteCode(),
      role: options.role,
      createdById: actor.userId,
      expiresAt: options.expiresInHours ? new Date(Date.now() + options.expiresInHours * 3_600_000) : null,
      maxUses: options.maxUses ?? null,
    },
    select: inviteSelect,
  });
  return toDto(row);
}

export async function listInvites({ actor, groupId }: { actor: Actor; groupId: string }) {
  await requireGroupRole(actor, groupId, "group:manage");
  const rows = await getDb().groupInvite.findMany({ where: { groupId }, orderBy: { createdAt: "desc" }, select: inviteSelect });
  return rows.map(toDto);
}

export async function revokeInvite({ actor, groupId, inviteId }: { actor: Actor; groupId: string; inviteId: string }) {
  await requireGroupRole(actor, groupId, "group:manage");
  const { count } = await getDb().groupInvite.updateMany({
    where: { id: inviteId, groupId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (count === 0) throw new AppError("NOT_FOUND", "No such invite, or it was already revoked.");
}
