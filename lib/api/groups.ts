// Groups as the reader sees them: GET /api/groups.
import "@/lib/zod-setup";
import { z } from "zod";
import { isStorableText, UNSTORABLE_TEXT_MESSAGE } from "@/lib/validation/storable-text";
import { HIGHLIGHT_COLORS } from "@/lib/annotations/palette";

export const GroupTagSchema = z.object({ name: z.string(), color: z.enum(HIGHLIGHT_COLORS) }).meta({ id: "GroupTag" });

export const GroupSummary = z
  .object({
    id: z.uuid(),
    name: z.string(),
    isPersonal: z.boolean(),
    role: z.enum(["owner", "instructor", "member"]),
    memberCount: z.int(),
    /** "Post first, then see peers" is on. */
    postFirst: z.boolean(),
    tags: z.array(GroupTagSchema),
  })
  .meta({ id: "GroupSummary" });
export type GroupSummaryDto = z.infer<typeof GroupSummary>;

export const GroupListResponse = z.object({ items: z.array(GroupSummary) }).meta({ id: "GroupList" });

export const GroupRoleSchema = z.enum(["owner", "instructor", "member"]);

const GroupName = z
  .string()
  .trim()
  .min(1, "Give the group a name.")
  .max(100, "A group name has at most 100 characters.")
  .refine(isStorableText, UNSTORABLE_TEXT_MESSAGE);
const GroupDescription = z
  .string()
  .trim()
  .max(1000, "A description has at most 1,000 characters.")
  .refine(isStorableText, UNSTORABLE_TEXT_MESSAGE);

export const CreateGroupRequest = z
  .strictObject({ name: GroupName, description: GroupDescription.optional() })
  .meta({ id: "CreateGroupRequest" });

export const CreatedGroupResponse = z
  .object({ id: z.uuid(), name: z.string(), inviteCode: z.string(), role: z.literal("owner") })
  .meta({ id: "CreatedGroup" });

export const UpdateGroupRequest = z
  .strictObject({
    name: GroupName.optional(),
    description: GroupDescription.nullable().optional(),
    postFirst: z.boolean().optional(),
    allowMemberTags: z.boolean().optional(),
  })
  .refine((input) => Object.keys(input).length > 0, { message: "Send at least one setting to change." })
  .meta({ id: "UpdateGroupRequest" });

export const GroupDetail = z
  .object({
    id: z.uuid(),
    name: z.string(),
    description: z.string().nullable(),
    isPersonal: z.boolean(),
    role: GroupRoleSchema,
    memberCount: z.int(),
    postFirst: z.boolean(),
    allowMemberTags: z.boolean(),
    tags: z.array(GroupTagSchema),
  })
  .meta({ id: "GroupDetail" });
export type GroupDetailDto = z.infer<typeof GroupDetail>;

/** Short codes avoid look-alike characters so they can be read aloud in class. */
export const InviteCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-HJ-NP-Z2-9]{8}$/, "An invite code has 8 letters and digits.");

export const JoinGroupRequest = z.strictObject({ inviteCode: InviteCodeSchema }).meta({ id: "JoinGroupRequest" });

export const GroupMember = z
  .object({ userId: z.uuid(), name: z.string(), role: GroupRoleSchema, joinedAt: z.string() })
  .meta({ id: "GroupMember" });
export type GroupMemberDto = z.infer<typeof GroupMember>;

export const ChangeRoleRequest = z.strictObject({ role: GroupRoleSchema }).meta({ id: "ChangeRoleRequest" });

export const CreateInviteRequest = z
  .strictObject({
    role: z.enum(["instructor", "member"]).default("member"),
    /** Hours until the invite stops working; absent = never. */
    expiresInHours: z.int().min(1).max(24 * 365).optional(),
    maxUses: z.int().min(1).max(10_000).optional(),
  })
  .meta({ id: "CreateInviteRequest" });

export const GroupInvite = z
  .object({
    id: z.uuid(),
    code: z.string(),
    role: GroupRoleSchema,
    expiresAt: z.string().nullable(),
    maxUses: z.int().nullable(),
    uses: z.int(),
    revoked: z.boolean(),
    createdAt: z.string(),
  })
  .meta({ id: "GroupInvite" });
export type GroupInviteDto = z.infer<typeof GroupInvite>;

export const PutTagsRequest = z
  .strictObject({
    tags: z
      .array(
        z.strictObject({
          /** The current name when renaming; absent for a new tag. */
          previousName: z.string().trim().min(1).max(40).refine(isStorableText, UNSTORABLE_TEXT_MESSAGE).optional(),
          name: z.string().trim().toLowerCase().min(1).max(40).regex(/^[\p{L}\p{N}][\p{L}\p{N} '&+./-]*$/u, "A tag uses letters, digits, spaces and - ' & + . / only."),
          color: z.enum(HIGHLIGHT_COLORS),
          retired: z.boolean().default(false),
        }),
      )
      .max(100, "At most 100 tags in a vocabulary."),
  })
  .meta({ id: "PutTagsRequest" });
