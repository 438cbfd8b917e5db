// The gate for every group operation: a group the actor does not belong to does not
// exist for them (404, logged); one they belong to without the right answers 403.
import { AppError } from "@/lib/errors";
import { canInGroup, type GroupPermission, type GroupRole } from "@/lib/permissions/permission-table";
import type { Actor } from "@/server/auth/actor";
import { recordSecurityEvent } from "@/server/security/record-security-event";
import { findMembershipRole } from "./find-membership-role";

const FORBIDDEN_MESSAGES: Record<GroupPermission, string> = {
  "group:read": "You are not a member of this group.",
  "group:annotate": "You cannot annotate in this group.",
  "group:moderate": "Only the group's owners and instructors can do that.",
  "group:review": "Only the group's owners and instructors can review its discussion.",
  "group:edit-vocabulary": "Only the group's owners and instructors can change its tags.",
  "group:manage": "Only the group's owners can do that.",
};

export async function requireGroupRole(actor: Actor, groupId: string, permission: GroupPermission): Promise<GroupRole> {
  const role = await findMembershipRole(actor, groupId);
  if (role === null) {
    await recordSecurityEvent({ actor, kind: "group_not_visible", resource: `group:${groupId}` });
    throw new AppError("NOT_FOUND", "No such group.");
  }
  if (!canInGroup(permission, role)) throw new AppError("FORBIDDEN", FORBIDDEN_MESSAGES[permission]);
  return role;
}
