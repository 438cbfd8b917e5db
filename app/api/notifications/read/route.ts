import { MarkReadRequest } from "@/lib/api/notifications";
import { requireWriter } from "@/server/rate-limit/write-rate-limit";
import { apiRoute, json, readJsonBody } from "@/server/http/api-route";
import { markNotificationsRead } from "@/server/notifications/mark-notifications-read";

export const POST = apiRoute(async (request) => {
  const actor = await requireWriter(request);
  return json(await markNotificationsRead({ actor, input: await readJsonBody(request, MarkReadRequest) }));
});
