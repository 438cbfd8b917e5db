// The facts that decide what one reader receives on a (document, group) stream:
// their role, and whether a "post first" group still hides their peers from them.
import { AppError } from "@/lib/errors";
import type { StreamGroup } from "@/lib/api/realtime";
import { isModerator, type StreamViewer } from "@/lib/realtime/delivery";
import type { Actor } from "@/server/auth/actor";
import { getDb } from "@/server/db/client";
import { requireGroupRole } from "@/server/groups/require-group-role";

export async function resolveStreamViewer(actor: Actor, documentId: string, groupId: StreamGroup): Promise<StreamViewer> {
  const db = getDb();
  const document = await db.document.findUnique({ where: { id: documentId }, select: { id: true } });
  if (!document) throw new AppError("NOT_FOUND", "No such document.");
  if (groupId === "private") return { userId: actor.userId, role: null, seesPeers: false };
  const role = await requireGroupRole(actor, groupId, "group:read");
  if (isModerator(role)) return { userId: actor.userId, role, seesPeers: true };
  const group = await db.group.findUniqueOrThrow({ where: { id: groupId }, select: { postFirst: true } });
  if (!group.postFirst) return { userId: actor.userId, role, seesPeers: true };
  const posted = await db.annotation.findFirst({
    where: { authorId: actor.userId, groupId, documentId, parentId: null },
    select: { id: true },
  });
  return { userId: actor.userId, role, seesPeers: posted !== null };
}
