import { ListNotificationsQuery } from "@/lib/api/notifications";
import { requireActor } from "@/server/auth/resolve-actor";
import { apiRoute, json, parseQuery } from "@/server/http/api-route";
import { listNotifications } from "@/server/notifications/list-notifications";

export const GET = apiRoute(async (request) => {
  const actor = await requireActor(request.headers);
  return json(await listNotifications({ actor, input: parseQuery(request, ListNotificationsQuery) }));
});
