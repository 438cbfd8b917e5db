import { UuidSchema } from "@/lib/api/common";
import { requireActor } from "@/server/auth/resolve-actor";
import { listMembers } from "@/server/groups/members";
import { apiRoute, json, parseInput } from "@/server/http/api-route";

export const GET = apiRoute<{ id: string }>(async (request, { params }) => {
  const actor = await requireActor(request.headers);
  return json({ items: await listMembers({ actor, groupId: parseInput(UuidSchema, (await params).id) }) });
});
