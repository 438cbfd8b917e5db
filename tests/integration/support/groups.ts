// Thin callers for every /api/groups route and for the moderation routes of annotations
// (flag, hide, unhide), plus the checks the group tests share: a fingerprint of every
// group table that refused input must leave alone, and the security log.
//
// Body-carrying callers send a Content-Length header by default, as every HTTP client does
// for a fixed-size body; `chunked: true` leaves it out, as a streaming (chunked) upload would.
import { expect } from "vitest";
import { POST as flagRoute } from "@/app/api/annotations/[id]/flag/route";
import { POST as hideRoute } from "@/app/api/annotations/[id]/hide/route";
import { POST as unhideRoute } from "@/app/api/annotations/[id]/unhide/route";
import { DELETE as revokeInviteRoute } from "@/app/api/groups/[id]/invites/[inviteId]/route";
import { GET as listInvitesRoute, POST as createInviteRoute } from "@/app/api/groups/[id]/invites/route";
import { DELETE as removeMemberRoute, PATCH as changeRoleRoute } from "@/app/api/groups/[id]/members/[userId]/route";
import { GET as listMembersRoute } from "@/app/api/groups/[id]/members/route";
import { GET as moderationLogRoute } from "@/app/api/groups/[id]/moderation-log/route";
import { GET as getGroupRoute, PATCH as patchGroupRoute } from "@/app/api/groups/[id]/route";
import { GET as getTagsRoute, PUT as putTagsRoute } from "@/app/api/groups/[id]/tags/route";
import { POST as joinRoute } from "@/app/api/groups/join/route";
import { POST as createGroupRoute } from "@/app/api/groups/route";
import {
  CreatedGroupResponse,
  GroupDetail,
  GroupInvite,
  GroupMember,
  type GroupDetailDto,
  type GroupInviteDto,
  type GroupMemberDto,
} from "@/lib/api/groups";
import { getDb } from "@/server/db/client";
import type { Auth } from "./annotations";
import { callRoute, jsonRequest, type ApiResponse } from "./http";

export type BodyOptions = {
  /** Defaults to application/json; null sends no content-type. */
  contentType?: string | null;
  /** Leave out Content-Length, as a chunked upload does. */
  chunked?: boolean;
  headers?: Record<string, string>;
};

export type CreatedGroup = { id: string; name: string; inviteCode: string; role: "owner" };
export type ModerationLogEntryDto = {
  id: string;
  action: string;
  annotationId: string | null;
  targetUserId: string | null;
  detail: string | null;
  createdAt: string;
  actorId: string;
};
export type TagVocabularyDto = { allowMemberTags: boolean; tags: Array<{ name: string; color: string; retired: boolean }> };

const enc = encodeURIComponent;

/** The Content-Length a client would send for this body (serialized as jsonRequest does). */
export function contentLengthOf(body: unknown): string {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  return String(Buffer.byteLength(text ?? "", "utf8"));
}

function request(path: string, method: string, auth: Auth, body?: unknown, options: BodyOptions = {}): Request {
  const headers: Record<string, string> = { ...options.headers };
  if (body !== undefined && !options.chunked && !Object.keys(headers).some((name) => name.toLowerCase() === "content-length")) {
    headers["content-length"] = contentLengthOf(body);
  }
  return jsonRequest(path, {
    method,
    body,
    contentType: options.contentType,
    token: auth.token,
    cookie: auth.cookie,
    headers,
  });
}

// ---- Route callers --------------------------------------------------------------------------

export function createGroup(auth: Auth, body: unknown, options?: BodyOptions) {
  return callRoute(createGroupRoute, request("/api/groups", "POST", auth, body, options));
}

export function getGroup(auth: Auth, id: string) {
  return callRoute(getGroupRoute, request(`/api/groups/${enc(id)}`, "GET", auth), { id });
}

export function patchGroup(auth: Auth, id: string, body: unknown, options?: BodyOptions) {
  return callRoute(patchGroupRoute, request(`/api/groups/${enc(id)}`, "PATCH", auth, body, options), { id });
}

export function joinGroup(auth: Auth, body: unknown, options?: BodyOptions) {
  return callRoute(joinRoute, request("/api/groups/join", "POST", auth, body, options));
}

export function listMembers(auth: Auth, id: string) {
  return callRoute(listMembersRoute, request(`/api/groups/${enc(id)}/members`, "GET", auth), { id });
}

export function changeMemberRole(auth: Auth, id: string, userId: string, body: unknown, options?: BodyOptions) {
  const path = `/api/groups/${enc(id)}/members/${enc(userId)}`;
  return callRoute(changeRoleRoute, request(path, "PATCH", auth, body, options), { id, userId });
}

export function removeMember(auth: Auth, id: string, userId: string) {
  const path = `/api/groups/${enc(id)}/members/${enc(userId)}`;
  return callRoute(removeMemberRoute, request(path, "DELETE", auth), { id, userId });
}

export function listInvites(auth: Auth, id: string) {
  return callRoute(listInvitesRoute, request(`/api/groups/${enc(id)}/invites`, "GET", auth), { id });
}

export function createInvite(auth: Auth, id: string, body: unknown = {}, options?: BodyOptions) {
  return callRoute(createInviteRoute, request(`/api/groups/${enc(id)}/invites`, "POST", auth, body, options), { id });
}

export function revokeInvite(auth: Auth, id: string, inviteId: string) {
  const path = `/api/groups/${enc(id)}/invites/${enc(inviteId)}`;
  return callRoute(revokeInviteRoute, request(path, "DELETE", auth), { id, inviteId });
}

export function getTags(auth: Auth, id: string) {
  return callRoute(getTagsRoute, request(`/api/groups/${enc(id)}/tags`, "GET", auth), { id });
}

export function putTags(auth: Auth, id: string, body: unknown, options?: BodyOptions) {
  return callRoute(putTagsRoute, request(`/api/groups/${enc(id)}/tags`, "PUT", auth, body, options), { id });
}

export function flagAnnotation(auth: Auth, id: string, body: unknown, options?: BodyOptions) {
  return callRoute(flagRoute, request(`/api/annotations/${enc(id)}/flag`, "POST", auth, body, options), { id });
}

/** POST /api/annotations/{id}/hide; the body ({reason}) is optional. */
export function hideAnnotation(auth: Auth, id: string, body?: unknown, options?: BodyOptions) {
  return callRoute(hideRoute, request(`/api/annotations/${enc(id)}/hide`, "POST", auth, body, options), { id });
}

/** POST /api/annotations/{id}/unhide; the body ({reason}) is optional. */
export function unhideAnnotation(auth: Auth, id: string, body?: unknown, options?: BodyOptions) {
  return callRoute(unhideRoute, request(`/api/annotations/${enc(id)}/unhide`, "POST", auth, body, options), { id });
}

export function moderationLog(auth: Auth, id: string) {
  return callRoute(moderationLogRoute, request(`/api/groups/${enc(id)}/moderation-log`, "GET", auth), { id });
}

// ---- Asserting callers ----------------------------------------------------------------------

function expectSchema(response: ApiResponse, status: number, schema: { safeParse(value: unknown): { success: boolean; error?: unknown } }) {
  expect(response.status, response.text).toBe(status);
  const parsed = schema.safeParse(response.body);
  expect(parsed.success, parsed.success ? "" : JSON.stringify(parsed.error)).toBe(true);
}

export async function createGroupOk(auth: Auth, name: string, extra: Record<string, unknown> = {}): Promise<CreatedGroup> {
  const response = await createGroup(auth, { name, ...extra });
  expectSchema(response, 201, CreatedGroupResponse);
  return response.body as CreatedGroup;
}

export async function getGroupOk(auth: Auth, id: string): Promise<GroupDetailDto> {
  const response = await getGroup(auth, id);
  expectSchema(response, 200, GroupDetail);
  return response.body as GroupDetailDto;
}

export async function joinOk(auth: Auth, inviteCode: string, status = 201): Promise<{ id: string; name: string; role: string }> {
  const response = await joinGroup(auth, { inviteCode });
  expect(response.status, response.text).toBe(status);
  return response.body as { id: string; name: string; role: string };
}

export async function membersOk(auth: Auth, id: string): Promise<GroupMemberDto[]> {
  const response = await listMembers(auth, id);
  expect(response.status, response.text).toBe(200);
  const items = (response.body as { items: unknown[] }).items;
  for (const item of items) expect(GroupMember.safeParse(item).success, JSON.stringify(item)).toBe(true);
  return items as GroupMemberDto[];
}

export async function createInviteOk(auth: Auth, id: string, body: Record<string, unknown> = {}): Promise<GroupInviteDto> {
  const response = await createInvite(auth, id, body);
  expectSchema(response, 201, GroupInvite);
  return response.body as GroupInviteDto;
}

export async function invitesOk(auth: Auth, id: string): Promise<GroupInviteDto[]> {
  const response = await listInvites(auth, id);
  expect(response.status, response.text).toBe(200);
  const items = (response.body as { items: unknown[] }).items;
  for (const item of items) expect(GroupInvite.safeParse(item).success, JSON.stringify(item)).toBe(true);
  return items as GroupInviteDto[];
}

export async function tagsOk(auth: Auth, id: string): Promise<TagVocabularyDto> {
  const response = await getTags(auth, id);
  expect(response.status, response.text).toBe(200);
  return response.body as TagVocabularyDto;
}

export async function moderationLogOk(auth: Auth, id: string): Promise<ModerationLogEntryDto[]> {
  const response = await moderationLog(auth, id);
  expect(response.status, response.text).toBe(200);
  return (response.body as { items: ModerationLogEntryDto[] }).items;
}

// ---- Database checks ------------------------------------------------------------------------

/**
 * A fingerprint of everything the group endpoints may change: row counts of every group and
 * annotation table, invite use counts and revocations, roles, settings, tags and hidden
 * flags. Refused input must leave it exactly as it was.
 */
export async function groupStateFingerprint(): Promise<Record<string, string | number>> {
  const rows = await getDb().$queryRawUnsafe<Array<Record<string, string | number>>>(`
    SELECT
      (SELECT count(*) FROM users)::int AS users,
      (SELECT count(*) FROM api_tokens WHERE revoked_at IS NULL)::int AS live_tokens,
      (SELECT count(*) FROM groups)::int AS groups,
      (SELECT count(*) FROM group_memberships)::int AS memberships,
      (SELECT count(*) FROM group_tags)::int AS group_tags,
      (SELECT count(*) FROM group_invites)::int AS invites,
      (SELECT coalesce(sum(uses), 0) FROM group_invites)::int AS invite_uses,
      (SELECT count(*) FROM group_invites WHERE revoked_at IS NOT NULL)::int AS revoked_invites,
      (SELECT count(*) FROM annotations)::int AS annotations,
      (SELECT count(*) FROM annotations WHERE hidden_at IS NOT NULL)::int AS hidden_annotations,
      (SELECT count(*) FROM annotations WHERE resolved_at IS NOT NULL)::int AS resolved_annotations,
      (SELECT count(*) FROM annotation_reactions)::int AS reactions,
      (SELECT count(*) FROM annotation_flags)::int AS flags,
      (SELECT count(*) FROM moderation_log)::int AS moderation_log,
      (SELECT coalesce(md5(string_agg(concat_ws('|', id, name, coalesce(description, '<null>'), post_first, allow_member_tags), ',' ORDER BY id)), '') FROM groups) AS group_settings,
      (SELECT coalesce(md5(string_agg(concat_ws('|', group_id, user_id, role), ',' ORDER BY group_id, user_id)), '') FROM group_memberships) AS roles,
      (SELECT coalesce(md5(string_agg(concat_ws('|', group_id, name, color, retired_at IS NULL), ',' ORDER BY group_id, name)), '') FROM group_tags) AS tags,
      (SELECT coalesce(md5(string_agg(concat_ws('|', id, array_to_string(tags, '/'), coalesce(body_text, ''), coalesce(color, '')), ',' ORDER BY id)), '') FROM annotations) AS annotation_content
  `);
  return rows[0]!;
}

export type SecurityEventRow = { actorId: string | null; kind: string; resource: string };

/** Security events recorded for one actor, oldest first. */
export async function securityEventsOf(userId: string): Promise<SecurityEventRow[]> {
  return getDb().securityEvent.findMany({
    where: { actorId: userId },
    orderBy: { createdAt: "asc" },
    select: { actorId: true, kind: true, resource: true },
  });
}

export async function securityEventCount(): Promise<number> {
  return getDb().securityEvent.count();
}

/** Moves an invite's expiry into the past, straight in the database. */
export async function expireInvite(inviteId: string): Promise<void> {
  await getDb().groupInvite.update({ where: { id: inviteId }, data: { expiresAt: new Date(Date.now() - 60_000) } });
}

export async function ownerCount(groupId: string): Promise<number> {
  return getDb().groupMembership.count({ where: { groupId, role: "owner" } });
}

export async function membershipRole(groupId: string, userId: string): Promise<string | null> {
  const row = await getDb().groupMembership.findUnique({ where: { groupId_userId: { groupId, userId } }, select: { role: true } });
  return row?.role ?? null;
}
