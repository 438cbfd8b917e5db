// Browser calls for groups, invites, members, tags and moderation.
import type { z } from "zod";
import type { AnnotationDto } from "@/lib/api/annotations";
import type {
  CreateGroupRequest,
  CreateInviteRequest,
  GroupDetailDto,
  GroupInviteDto,
  PutTagsRequest,
  UpdateGroupRequest,
} from "@/lib/api/groups";
import type { GroupRole } from "@/lib/permissions/permission-table";
import { requestJson } from "./request-json";

type Input<S extends z.ZodType> = z.input<S>;

export const groupsClient = {
  create: (input: Input<typeof CreateGroupRequest>) =>
    requestJson<{ id: string; name: string; inviteCode: string; role: "owner" }>("POST", "/api/groups", input),
  update: (groupId: string, input: Input<typeof UpdateGroupRequest>) =>
    requestJson<GroupDetailDto>("PATCH", `/api/groups/${groupId}`, input),
  join: (inviteCode: string) => requestJson<{ id: string; name: string; role: GroupRole }>("POST", "/api/groups/join", { inviteCode }),
  changeRole: (groupId: string, userId: string, role: GroupRole) =>
    requestJson<{ userId: string; role: GroupRole }>("PATCH", `/api/groups/${groupId}/members/${userId}`, { role }),
  removeMember: (groupId: string, userId: string) => requestJson<void>("DELETE", `/api/groups/${groupId}/members/${userId}`),
  createInvite: (groupId: string, input: Input<typeof CreateInviteRequest>) =>
    requestJson<GroupInviteDto>("POST", `/api/groups/${groupId}/invites`, input),
  revokeInvite: (groupId: string, inviteId: string) => requestJson<void>("DELETE", `/api/groups/${groupId}/invites/${inviteId}`),
  putTags: (groupId: string, input: Input<typeof PutTagsRequest>) => requestJson<unknown>("PUT", `/api/groups/${groupId}/tags`, input),
  flag: (annotationId: string, reason: string) => requestJson<{ flagged: true }>("POST", `/api/annotations/${annotationId}/flag`, { reason }),
  setHidden: (annotationId: string, hidden: boolean) =>
    requestJson<AnnotationDto>("POST", `/api/annotations/${annotationId}/${hidden ? "hide" : "unhide"}`, {}),
};
