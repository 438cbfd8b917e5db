"use client";
// The bell in the header: a link to my notifications with the unread count as a badge.
// It starts from the count the server rendered and refetches whenever notifications
// are announced as changed (see notification-events.ts).
import Link from "next/link";
import { useEffect, useState } from "react";
import { reviewClient } from "@/lib/api-client/review-client";
import { onNotificationsChanged } from "./notification-events";

export function NotificationBell({ initialUnread }: { initialUnread: number }) {
  const [unread, setUnread] = useState(initialUnread);
  useEffect(
    () =>
      onNotificationsChanged(() => {
        reviewClient.notifications({ unread: true, limit: 1 }).then(
          (list) => setUnread(list.unreadCount),
          () => undefined, // Offline: keep showing the last count.
        );
      }),
    [],
  );
  // Not prefetched, like the rest of the header (see site-header.tsx).
  const label = unread === 0 ? "Notifications" : `Notifications, ${unread} unread`;
  return (
    <Link href="/notifications" prefetch={false} className="notification-bell" aria-label={label}>
      <svg aria-hidden="true" focusable="false" viewBox="0 0 24 24" width="20" height="20">
        <path
          fill="currentColor"
          d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
        />
      </svg>
      {unread > 0 ? (
        <span className="badge" aria-hidden="true">
          {unread > 99 ? "99+" : unread}
        </span>
      ) : null}
    </Link>
  );
}
