// Marks some or all of my notifications read; ids that are not mine are ignored (they
// simply do not exist for me). Returns what is left unread.
import type { MarkReadInput } from "@/lib/api/notifications";
import type { Actor } from "@/server/auth/actor";
import { getDb } from "@/server/db/client";
import { countUnread } from "./notification-record";

export async function markNotificationsRead({ actor, input }: { actor: Actor; input: MarkReadInput }): Promise<{ unreadCount: number }> {
  await getDb().notification.updateMany({
    where: { userId: actor.userId, readAt: null, ...("ids" in input ? { id: { in: input.ids } } : {}) },
    data: { readAt: new Date() },
  });
  return { unreadCount: await countUnread(actor.userId) };
}
