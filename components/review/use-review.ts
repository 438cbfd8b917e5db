"use client";
// The review's data on the page: starts from the server-rendered review, and `refresh`
// refetches it (after an action here, or when REVIEW_CHANGED_EVENT names this group).
import { useCallback, useEffect, useState } from "react";
import type { ReviewDto } from "@/lib/api/review";
import { reviewClient } from "@/lib/api-client/review-client";
import { acquireTabSocket, releaseTabSocket } from "@/lib/realtime/tab-socket";
import { REVIEW_CHANGED_EVENT } from "./review-events";

export function useReview(groupId: string, documentId: string | null, initial: ReviewDto) {
  const [review, setReview] = useState(initial);
  const [refreshError, setRefreshError] = useState<string | null>(null);
  const refresh = useCallback(async () => {
    try {
      setReview(await reviewClient.review(groupId, documentId));
      setRefreshError(null);
    } catch (error) {
      setRefreshError(error instanceof Error ? error.message : "The review could not be updated.");
    }
  }, [groupId, documentId]);
  useEffect(() => {
    // A burst of changes (a class writing at once) becomes one refetch.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onChange = (event: Event) => {
      if ((event as CustomEvent<{ groupId?: string }>).detail?.groupId !== groupId) return;
      clearTimeout(timer);
      timer = setTimeout(() => void refresh(), 300);
    };
    window.addEventListener(REVIEW_CHANGED_EVENT, onChange);
    return () => {
      clearTimeout(timer);
      window.removeEventListener(REVIEW_CHANGED_EVENT, onChange);
    };
  }, [groupId, refresh]);

  // Follow the group live while this page is open (the user channel turns pushes into events).
  useEffect(() => {
    const socket = acquireTabSocket();
    const watch = () => socket.emit("review:watch", { groupId }, () => undefined);
    socket.on("connect", watch);
    if (socket.connected) watch();
    return () => {
      socket.off("connect", watch);
      socket.emit("review:unwatch", { groupId }, () => undefined);
      releaseTabSocket();
    };
  }, [groupId]);
  return { review, refresh, refreshError };
}
