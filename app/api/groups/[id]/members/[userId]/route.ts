import { UuidSchema } from "@/lib/api/common";
import { ChangeRoleRequest } from "@/lib/api/groups";
import { changeMemberRole, removeMember } from "@/server/groups/members";
import { requireWriter } from "@/server/rate-limit/write-rate-limit";
import { apiRoute, json, parseInput, readJsonBody } from "@/server/http/api-route";

type Params = { id: string; userId: string };

export const PATCH = apiRoute<Params>(async (request, { params }) => {
  const actor = await requireWriter(request);
  const { id, userId } = await params;
  const { role } = await readJsonBody(request, ChangeRoleRequest);
  return json(await changeMemberRole({ actor, groupId: parseInput(UuidSchema, id), userId: parseInput(UuidSchema, userId), role }));
});

export const DELETE = apiRoute<Params>(async (request, { params }) => {
  const actor = await requireWriter(request);
  const { id, userId } = await params;
  await removeMember({ actor, groupId: parseInput(UuidSchema, id), userId: parseInput(UuidSchema, userId) });
  return new Response(null, { status: 204 });
});
