// Prisma where-builders for what an actor may see. Every read of annotations goes
// through these, so a row outside the actor's reach simply does not exist (404).
//
// An actor sees: their own private annotations; everything in groups they moderate
// (owner, instructor); in groups they belong to, their own annotations and others'
// that are not hidden by a moderator, except that in a "post first" group a member
// sees others' annotations on a document only after posting there themselves.
import type { Prisma } from "@/server/db/generated/client";
import type { Actor } from "@/server/auth/actor";
import { getDb } from "@/server/db/client";

export async function readableAnnotationsWhere(actor: Actor): Promise<Prisma.AnnotationWhereInput> {
  const member = { memberships: { some: { userId: actor.userId } } };
  const unlocked = await postFirstUnlocks(actor);
  const visibleToMembers: Prisma.AnnotationWhereInput[] = [{ hiddenAt: null, group: { ...member, postFirst: false } }];
  if (unlocked.length > 0) {
    visibleToMembers.push({ hiddenAt: null, group: member, OR: unlocked });
  }
  return {
    OR: [
      { groupId: null, authorId: actor.userId },
      { groupId: { not: null }, authorId: actor.userId, group: member },
      { group: { memberships: { some: { userId: actor.userId, role: { in: ["owner", "instructor"] } } } } },
      ...visibleToMembers,
    ],
  };
}

/** The (group, document) pairs of post-first groups where the actor has posted, which unlock peers' annotations. */
async function postFirstUnlocks(actor: Actor): Promise<Array<{ groupId: string; documentId: string }>> {
  const posted = await getDb().annotation.findMany({
    where: { authorId: actor.userId, parentId: null, group: { postFirst: true } },
    distinct: ["groupId", "documentId"],
    select: { groupId: true, documentId: true },
  });
  return posted.flatMap((row) => (row.groupId ? [{ groupId: row.groupId, documentId: row.documentId }] : []));
}

/** Narrows readable annotations to one visibility: a group's, or only the actor's private ones. */
export function visibilityWhere(actor: Actor, groupId: string | "private" | undefined): Prisma.AnnotationWhereInput {
  if (groupId === undefined) return {};
  if (groupId === "private") return { groupId: null, authorId: actor.userId };
  return { groupId };
}
