// Browser calls for the review features: private feedback, notifications, the review
// itself and a member's activity.
import type { AnnotationDto } from "@/lib/api/annotations";
import type { FeedbackDto, FeedbackListDto } from "@/lib/api/feedback";
import type { NotificationListDto } from "@/lib/api/notifications";
import type { MemberActivityDto, ReviewDto } from "@/lib/api/review";
import { requestJson } from "./request-json";

const withDocument = (documentId: string | null | undefined) => (documentId ? `?documentId=${encodeURIComponent(documentId)}` : "");

export const reviewClient = {
  feedback: (annotationId: string) => requestJson<FeedbackListDto>("GET", `/api/annotations/${annotationId}/feedback`),
  giveFeedback: (annotationId: string, text: string) =>
    requestJson<FeedbackDto>("POST", `/api/annotations/${annotationId}/feedback`, { id: crypto.randomUUID(), body: { format: "text", text } }),
  notifications: (options: { unread?: boolean; limit?: number } = {}) => {
    const query = new URLSearchParams();
    if (options.unread) query.set("unread", "true");
    if (options.limit) query.set("limit", String(options.limit));
    const search = query.toString();
    return requestJson<NotificationListDto>("GET", `/api/notifications${search ? `?${search}` : ""}`);
  },
  markRead: (input: { ids: string[] } | { all: true }) => requestJson<{ unreadCount: number }>("POST", "/api/notifications/read", input),
  review: (groupId: string, documentId: string | null) => requestJson<ReviewDto>("GET", `/api/groups/${groupId}/review${withDocument(documentId)}`),
  memberActivity: (groupId: string, userId: string, documentId?: string | null) =>
    requestJson<MemberActivityDto>("GET", `/api/groups/${groupId}/members/${userId}/activity${withDocument(documentId)}`),
  groupThreads: async (documentId: string, groupId: string) => {
    const query = new URLSearchParams({ documentId, groupId }).toString();
    return (await requestJson<{ items: AnnotationDto[] }>("GET", `/api/annotations?${query}`)).items;
  },
  reply: (annotationId: string, text: string) =>
    requestJson<unknown>("POST", `/api/annotations/${annotationId}/replies`, { id: crypto.randomUUID(), body: { format: "text", text } }),
  resolve: (annotationId: string) => requestJson<unknown>("POST", `/api/annotations/${annotationId}/resolve`),
  hide: (annotationId: string) => requestJson<unknown>("POST", `/api/annotations/${annotationId}/hide`),
};
