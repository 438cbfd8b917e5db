// Thin callers for the review routes (group review, a member's activity), parsed
// against their published schemas.
import { expect } from "vitest";
import { GET as activityRoute } from "@/app/api/groups/[id]/members/[userId]/activity/route";
import { GET as reviewRoute } from "@/app/api/groups/[id]/review/route";
import { MemberActivityResponse, ReviewResponse, type MemberActivityDto, type ReviewDto } from "@/lib/api/review";
import type { Auth } from "./annotations";
import { callRoute, jsonRequest, type ApiResponse } from "./http";

const enc = encodeURIComponent;
const queryString = (query: Record<string, string>) => (Object.keys(query).length > 0 ? `?${new URLSearchParams(query).toString()}` : "");

export function getReview(auth: Auth, groupId: string, query: Record<string, string> = {}) {
  return callRoute(reviewRoute, jsonRequest(`/api/groups/${enc(groupId)}/review${queryString(query)}`, auth), { id: groupId });
}

export function getMemberActivity(auth: Auth, groupId: string, userId: string, query: Record<string, string> = {}) {
  const path = `/api/groups/${enc(groupId)}/members/${enc(userId)}/activity${queryString(query)}`;
  return callRoute(activityRoute, jsonRequest(path, auth), { id: groupId, userId });
}

function parsed<T>(response: ApiResponse, schema: { safeParse(value: unknown): { success: boolean; error?: unknown } }): T {
  expect(response.status, response.text).toBe(200);
  const result = schema.safeParse(response.body);
  expect(result.success, result.success ? "" : JSON.stringify(result.error)).toBe(true);
  return response.body as T;
}

export async function reviewOk(auth: Auth, groupId: string, query: Record<string, string> = {}): Promise<ReviewDto> {
  return parsed<ReviewDto>(await getReview(auth, groupId, query), ReviewResponse);
}

export async function memberActivityOk(auth: Auth, groupId: string, userId: string, query: Record<string, string> = {}): Promise<MemberActivityDto> {
  return parsed<MemberActivityDto>(await getMemberActivity(auth, groupId, userId, query), MemberActivityResponse);
}
