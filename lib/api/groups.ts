// Groups as the reader sees them: GET /api/groups.
import { z } from "zod";
import { HIGHLIGHT_COLORS } from "@/lib/annotations/palette";

export const GroupTagSchema = z.object({ name: z.string(), color: z.enum(HIGHLIGHT_COLORS) }).meta({ id: "GroupTag" });

export const GroupSummary = z
  .object({
    id: z.uuid(),
    name: z.string(),
    isPersonal: z.boolean(),
    role: z.enum(["owner", "instructor", "member"]),
    memberCount: z.int(),
    tags: z.array(GroupTagSchema),
  })
  .meta({ id: "GroupSummary" });
export type GroupSummaryDto = z.infer<typeof GroupSummary>;

export const GroupListResponse = z.object({ items: z.array(GroupSummary) }).meta({ id: "GroupList" });
