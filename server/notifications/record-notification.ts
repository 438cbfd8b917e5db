// Creates a notification and tells the recipient's open tabs ("notification:new" with the
// notification as listed). Nobody is notified of their own action, nor about an
// annotation they may not read: the same check the socket layer applies per recipient.
import { NEW_NOTIFICATION_EVENT, type NotificationDto } from "@/lib/api/notifications";
import { getDb } from "@/server/db/client";
import { Prisma } from "@/server/db/generated/client";
import { canUserReadAnnotation } from "@/server/db/scopes/readable-annotations-sql";
import { notifyUser } from "@/server/realtime/realtime-bus";
import { readNotifications } from "./notification-record";

export type NotificationEvent = {
  userId: string;
  kind: NotificationDto["kind"];
  annotationId: string;
  actorId: string;
};

export async function recordNotification(event: NotificationEvent): Promise<void> {
  if (event.userId === event.actorId) return;
  const db = getDb();
  if (!(await canUserReadAnnotation(db, event.userId, event.annotationId))) return;
  const id = crypto.randomUUID();
  await db.notification.create({ data: { id, ...event } });
  const [notification] = await readNotifications(event.userId, Prisma.sql`n.id = ${id}::uuid`, 1);
  if (notification) notifyUser(event.userId, { event: NEW_NOTIFICATION_EVENT, payload: notification });
}
