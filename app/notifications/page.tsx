import type { Metadata } from "next";
import { NotificationList } from "@/components/notifications/notification-list";
import { requireSignedInUser } from "@/server/auth/current-user";
import { listNotifications } from "@/server/notifications/list-notifications";

export const metadata: Metadata = { title: "Notifications" };

export default async function NotificationsPage() {
  const { actor } = await requireSignedInUser("/notifications");
  const initial = await listNotifications({ actor, input: {} });
  return (
    <section className="wide">
      <h1 className="page-title">Notifications</h1>
      <NotificationList initial={initial} />
    </section>
  );
}
