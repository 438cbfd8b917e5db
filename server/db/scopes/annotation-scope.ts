// Prisma where-builders for what an actor may see. Every read of annotations goes
// through these, so a row outside the actor's reach simply does not exist (404).
import type { Prisma } from "@/server/db/generated/client";
import type { Actor } from "@/server/auth/actor";

/** Annotations the actor may read: their own private ones, and shared ones in their groups. */
export function readableAnnotationsWhere(actor: Actor): Prisma.AnnotationWhereInput {
  return {
    OR: [
      { groupId: null, authorId: actor.userId },
      { groupId: { not: null }, group: { memberships: { some: { userId: actor.userId } } } },
    ],
  };
}

/** Narrows readable annotations to one visibility: a group's, or only the actor's private ones. */
export function visibilityWhere(actor: Actor, groupId: string | "private" | undefined): Prisma.AnnotationWhereInput {
  if (groupId === undefined) return {};
  if (groupId === "private") return { groupId: null, authorId: actor.userId };
  return { groupId };
}
