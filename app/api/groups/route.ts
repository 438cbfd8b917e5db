import { CreateGroupRequest } from "@/lib/api/groups";
import { requireActor } from "@/server/auth/resolve-actor";
import { createGroup } from "@/server/groups/create-group";
import { listMyGroups } from "@/server/groups/list-my-groups";
import { requireWriter } from "@/server/rate-limit/write-rate-limit";
import { apiRoute, json, readJsonBody } from "@/server/http/api-route";

export const GET = apiRoute(async (request) => {
  const actor = await requireActor(request.headers);
  return json({ items: await listMyGroups({ actor }) });
});

export const POST = apiRoute(async (request) => {
  const actor = await requireWriter(request);
  const input = await readJsonBody(request, CreateGroupRequest);
  return json(await createGroup({ actor, input }), 201);
});
