import { JoinGroupRequest } from "@/lib/api/groups";
import { requireActor } from "@/server/auth/resolve-actor";
import { joinGroup } from "@/server/groups/join-group";
import { apiRoute, json, readJsonBody } from "@/server/http/api-route";

export const POST = apiRoute(async (request) => {
  const actor = await requireActor(request.headers);
  const { inviteCode } = await readJsonBody(request, JoinGroupRequest);
  const { joined, ...group } = await joinGroup({ actor, inviteCode });
  return json(group, joined ? 201 : 200);
});
