"use client";
// My notifications: what happened, who did it, on which document, newest first. Opening
// one marks it read; "Mark all as read" clears the badge. `refresh` runs whenever
// notifications are announced as changed, so a socket event can update the list live.
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useState } from "react";
import type { NotificationDto, NotificationListDto } from "@/lib/api/notifications";
import { reviewClient } from "@/lib/api-client/review-client";
import { useAsyncAction } from "@/components/use-async-action";
import { announceNotificationsChanged, onNotificationsChanged } from "./notification-events";

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short" });

function describe(notification: NotificationDto): string {
  const who = notification.actor.name;
  switch (notification.kind) {
    case "reply":
      return `${who} replied to your annotation`;
    case "mention":
      return `${who} mentioned you`;
    case "feedback":
      return `${who} left you private feedback`;
    case "resolved":
      return `${who} resolved your thread`;
  }
}

export function NotificationList({ initial }: { initial: NotificationListDto }) {
  const router = useRouter();
  const [list, setList] = useState(initial);
  const markAll = useAsyncAction();
  const refresh = useCallback(async () => {
    setList(await reviewClient.notifications());
  }, []);
  useEffect(() => onNotificationsChanged(() => void refresh().catch(() => undefined)), [refresh]);

  async function open(notification: NotificationDto) {
    if (!notification.read) {
      await reviewClient.markRead({ ids: [notification.id] }).catch(() => undefined);
      announceNotificationsChanged();
    }
    router.push(notification.href);
  }

  if (list.items.length === 0) return <p className="empty">Nothing yet. Replies, mentions, feedback and resolved threads will show here.</p>;
  return (
    <>
      <div className="list-actions">
        <p className="count" aria-live="polite">
          {list.unreadCount === 0 ? "All read" : `${list.unreadCount} unread`}
        </p>
        {list.unreadCount > 0 ? (
          <button
            type="button"
            className="button secondary small"
            disabled={markAll.busy}
            onClick={() =>
              markAll.run(async () => {
                await reviewClient.markRead({ all: true });
                announceNotificationsChanged();
              })
            }
          >
            Mark all as read
          </button>
        ) : null}
      </div>
      {markAll.error ? (
        <p className="field-error" role="alert">
          {markAll.error}
        </p>
      ) : null}
      <ul className="notification-list" aria-label="Notifications">
        {list.items.map((notification) => (
          <li key={notification.id} className={notification.read ? "read" : "unread"}>
            <a
              href={notification.href}
              onClick={(event) => {
                event.preventDefault();
                void open(notification);
              }}
            >
              <span className="notification-what">
                {notification.read ? null : <span className="visually-hidden">Unread: </span>}
                {describe(notification)}
              </span>
              <span className="doc-meta">
                {notification.document.title} · <time dateTime={notification.createdAt}>{dateFormat.format(new Date(notification.createdAt))}</time>
              </span>
              {notification.annotation.excerpt ? <span className="notification-excerpt">{notification.annotation.excerpt}</span> : null}
            </a>
          </li>
        ))}
      </ul>
    </>
  );
}
