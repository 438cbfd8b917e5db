// Prisma where-builders for groups: a group exists for an actor only if they belong to it.
import type { Prisma } from "@/server/db/generated/client";
import type { Actor } from "@/server/auth/actor";

export function memberGroupsWhere(actor: Actor): Prisma.GroupWhereInput {
  return { memberships: { some: { userId: actor.userId } } };
}
