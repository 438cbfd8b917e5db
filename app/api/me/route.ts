import { requireActor } from "@/server/auth/resolve-actor";
import { apiRoute, json } from "@/server/http/api-route";
import { getCurrentUser } from "@/server/users/get-user";

export const GET = apiRoute(async (request) => {
  const actor = await requireActor(request.headers);
  return json(await getCurrentUser({ actor }));
});
