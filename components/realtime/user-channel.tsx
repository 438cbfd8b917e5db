"use client";
// The signed-in user's own live channel, on every page: turns the socket's personal
// pushes into page-wide announcements (the bell refetches on a new notification; a
// review page refetches when its group's discussion moved).
import { useEffect } from "react";
import { announceNotificationsChanged } from "@/components/notifications/notification-events";
import { announceReviewChanged } from "@/components/review/review-events";
import { acquireTabSocket, releaseTabSocket } from "@/lib/realtime/tab-socket";

export function UserChannel() {
  useEffect(() => {
    const socket = acquireTabSocket();
    const onNotification = () => announceNotificationsChanged();
    const onReview = ({ groupId }: { groupId: string }) => announceReviewChanged(groupId);
    socket.on("notification:new", onNotification);
    socket.on("review:changed", onReview);
    return () => {
      socket.off("notification:new", onNotification);
      socket.off("review:changed", onReview);
      releaseTabSocket();
    };
  }, []);
  return null;
}
