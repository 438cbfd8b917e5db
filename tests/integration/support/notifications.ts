// Callers for private feedback and notifications, and a recording realtime bus (the
// interface the socket server registers) to see what would be pushed to whom.
import { expect } from "vitest";
import { GET as feedbackListRoute, POST as feedbackCreateRoute } from "@/app/api/annotations/[id]/feedback/route";
import { POST as markReadRoute } from "@/app/api/notifications/read/route";
import { GET as notificationsRoute } from "@/app/api/notifications/route";
import { NotificationListResponse, type NotificationListDto } from "@/lib/api/notifications";
import { registerRealtimeBus, type UserNotice } from "@/server/realtime/realtime-bus";
import type { Auth } from "./annotations";
import { callRoute, jsonRequest } from "./http";

const enc = encodeURIComponent;

export function getFeedback(auth: Auth, annotationId: string) {
  return callRoute(feedbackListRoute, jsonRequest(`/api/annotations/${enc(annotationId)}/feedback`, auth), { id: annotationId });
}

export function postFeedback(auth: Auth, annotationId: string, body: unknown) {
  return callRoute(feedbackCreateRoute, jsonRequest(`/api/annotations/${enc(annotationId)}/feedback`, { method: "POST", body, ...auth }), { id: annotationId });
}

export function getNotifications(auth: Auth, query: Record<string, string> = {}) {
  const search = new URLSearchParams(query).toString();
  return callRoute(notificationsRoute, jsonRequest(`/api/notifications${search ? `?${search}` : ""}`, auth));
}

export async function notificationsOk(auth: Auth, query: Record<string, string> = {}): Promise<NotificationListDto> {
  const response = await getNotifications(auth, query);
  expect(response.status, response.text).toBe(200);
  const parsed = NotificationListResponse.safeParse(response.body);
  expect(parsed.success, parsed.success ? "" : JSON.stringify(parsed.error.issues)).toBe(true);
  return response.body as NotificationListDto;
}

export function markRead(auth: Auth, body: unknown) {
  return callRoute(markReadRoute, jsonRequest("/api/notifications/read", { method: "POST", body, ...auth }));
}

/** Registers a bus that records every notice instead of sending it; returns the log. */
export function recordRealtimeNotices(): Array<{ userId: string; notice: UserNotice }> {
  const sent: Array<{ userId: string; notice: UserNotice }> = [];
  registerRealtimeBus({
    toUser: (userId, notice) => sent.push({ userId, notice }),
    // Annotation changes and room upkeep are not what these tests look at.
    publishChange: () => undefined,
    membershipChanged: () => undefined,
    groupRulesChanged: () => undefined,
    credentialRevoked: () => undefined,
  });
  return sent;
}

/** A Tiptap body: text with @mentions, as the comment editor sends it. */
export function bodyMentioning(text: string, people: Array<{ id: string; label: string }>) {
  return {
    format: "tiptap" as const,
    doc: {
      type: "doc",
      content: [
        {
          type: "paragraph",
          content: [
            { type: "text", text },
            ...people.flatMap((person) => [{ type: "text", text: " " }, { type: "mention", attrs: { id: person.id, label: person.label, mentionSuggestionChar: "@" } }]),
          ],
        },
      ],
    },
  };
}
