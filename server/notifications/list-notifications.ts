// My notifications, newest first, with the unread count for the bell's badge.
import { NOTIFICATION_PAGE_SIZE, type ListNotificationsInput, type NotificationListDto } from "@/lib/api/notifications";
import type { Actor } from "@/server/auth/actor";
import { Prisma } from "@/server/db/generated/client";
import { countUnread, readNotifications } from "./notification-record";

export async function listNotifications({ actor, input }: { actor: Actor; input: ListNotificationsInput }): Promise<NotificationListDto> {
  const where = input.unread ? Prisma.sql`n.read_at IS NULL` : Prisma.sql`TRUE`;
  const [items, unreadCount] = await Promise.all([
    readNotifications(actor.userId, where, input.limit ?? NOTIFICATION_PAGE_SIZE),
    countUnread(actor.userId),
  ]);
  return { items, unreadCount };
}

/** The bell's badge. */
export async function countUnreadNotifications({ actor }: { actor: Actor }): Promise<number> {
  return countUnread(actor.userId);
}
