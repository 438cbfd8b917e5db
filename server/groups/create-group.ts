// Anyone creates a study group and becomes its owner; it starts with the default tag
// vocabulary and a member invite code to share.
import type { z } from "zod";
import type { CreateGroupRequest } from "@/lib/api/groups";
import type { Actor } from "@/server/auth/actor";
import { getDb } from "@/server/db/client";
import { createGroupWithVocabulary } from "./create-personal-group";
import { generateInviteCode } from "./invite-codes";

export async function createGroup({ actor, input }: { actor: Actor; input: z.output<typeof CreateGroupRequest> }) {
  return getDb().$transaction(async (tx) => {
    const group = await createGroupWithVocabulary(tx, {
      name: input.name,
      description: input.description,
      members: [{ userId: actor.userId, role: "owner" }],
    });
    const invite = await tx.groupInvite.create({
      data: { groupId: group.id, code: generateInviteCode(), createdById: actor.userId, role: "member" },
      select: { code: true },
    });
    return { id: group.id, name: group.name, inviteCode: invite.code, role: "owner" as const };
  });
}
