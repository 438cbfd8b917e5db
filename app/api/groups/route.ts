import { requireActor } from "@/server/auth/resolve-actor";
import { listMyGroups } from "@/server/groups/list-my-groups";
import { apiRoute, json } from "@/server/http/api-route";

export const GET = apiRoute(async (request) => {
  const actor = await requireActor(request.headers);
  return json({ items: await listMyGroups({ actor }) });
});
