import { JoinGroupRequest } from "@/lib/api/groups";
import { joinGroup } from "@/server/groups/join-group";
import { requireWriter } from "@/server/rate-limit/write-rate-limit";
import { apiRoute, json, readJsonBody } from "@/server/http/api-route";

export const POST = apiRoute(async (request) => {
  const actor = await requireWriter(request);
  const { inviteCode } = await readJsonBody(request, JoinGroupRequest);
  const { joined, ...group } = await joinGroup({ actor, inviteCode });
  return json(group, joined ? 201 : 200);
});
