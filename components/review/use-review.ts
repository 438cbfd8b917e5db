"use client";
// The review's data on the page: starts from the server-rendered review, and `refresh`
// refetches it (after an action here, or when REVIEW_CHANGED_EVENT names this group).
import { useCallback, useEffect, useState } from "react";
import type { ReviewDto } from "@/lib/api/review";
import { reviewClient } from "@/lib/api-client/review-client";
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
    const onChange = (event: Event) => {
      if ((event as CustomEvent<{ groupId?: string }>).detail?.groupId === groupId) void refresh();
    };
    window.addEventListener(REVIEW_CHANGED_EVENT, onChange);
    return () => window.removeEventListener(REVIEW_CHANGED_EVENT, onChange);
  }, [groupId, refresh]);
  return { review, refresh, refreshError };
}
