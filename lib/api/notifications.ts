// In-app notifications: schemas of GET /api/notifications and POST /api/notifications/read,
// and of the "notification:new" socket event that carries one NotificationDto.
import "@/lib/zod-setup";
import { z } from "zod";

export const NOTIFICATION_KINDS = ["reply", "mention", "feedback", "resolved"] as const;
export const NOTIFICATION_PAGE_SIZE = 50;
export const NEW_NOTIFICATION_EVENT = "notification:new";

const booleanQuery = z.enum(["true", "false"]).transform((value) => value === "true");

export const ListNotificationsQuery = z
  .strictObject({
    unread: booleanQuery.optional(),
    limit: z.coerce.number().int().min(1).max(NOTIFICATION_PAGE_SIZE).optional(),
  })
  .meta({ id: "ListNotificationsQuery" });
export type ListNotificationsInput = z.output<typeof ListNotificationsQuery>;

export const Notification = z
  .object({
    id: z.uuid(),
    kind: z.enum(NOTIFICATION_KINDS),
    read: z.boolean(),
    createdAt: z.string(),
    actor: z.object({ id: z.uuid(), name: z.string() }),
    annotation: z.object({ id: z.uuid(), threadId: z.uuid(), excerpt: z.string() }),
    document: z.object({ slug: z.string(), title: z.string() }),
    href: z.string(),
  })
  .meta({ id: "Notification" });
export type NotificationDto = z.infer<typeof Notification>;

export const NotificationListResponse = z
  .object({ items: z.array(Notification), unreadCount: z.int() })
  .meta({ id: "NotificationList" });
export type NotificationListDto = z.infer<typeof NotificationListResponse>;

export const MarkReadRequest = z
  .union([
    z.strictObject({ ids: z.array(z.uuid()).min(1).max(100) }),
    z.strictObject({ all: z.literal(true) }),
  ])
  .meta({ id: "MarkNotificationsReadRequest" });
export type MarkReadInput = z.output<typeof MarkReadRequest>;

export const UnreadCountResponse = z.object({ unreadCount: z.int() }).meta({ id: "UnreadNotificationCount" });
