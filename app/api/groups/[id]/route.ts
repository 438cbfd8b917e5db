import { UuidSchema } from "@/lib/api/common";
import { UpdateGroupRequest } from "@/lib/api/groups";
import { requireActor } from "@/server/auth/resolve-actor";
import { getGroup } from "@/server/groups/get-group";
import { updateGroup } from "@/server/groups/update-group";
import { requireWriter } from "@/server/rate-limit/write-rate-limit";
import { apiRoute, json, parseInput, readJsonBody } from "@/server/http/api-route";

type Params = { id: string };

export const GET = apiRoute<Params>(async (request, { params }) => {
  const actor = await requireActor(request.headers);
  return json(await getGroup({ actor, groupId: parseInput(UuidSchema, (await params).id) }));
});

export const PATCH = apiRoute<Params>(async (request, { params }) => {
  const actor = await requireWriter(request);
  const groupId = parseInput(UuidSchema, (await params).id);
  const input = await readJsonBody(request, UpdateGroupRequest);
  return json(await updateGroup({ actor, groupId, input }));
});
