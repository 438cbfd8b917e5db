import { UuidSchema } from "@/lib/api/common";
import { ChangeEventsQuery } from "@/lib/api/realtime";
import { requireActor } from "@/server/auth/resolve-actor";
import { apiRoute, json, parseInput, parseQuery } from "@/server/http/api-route";
import { listChangesSince } from "@/server/realtime/list-changes";

// The REST twin of the socket's `sync`: what changed on a stream after `since`.
export const GET = apiRoute<{ idOrSlug: string }>(async (request, { params }) => {
  const actor = await requireActor(request.headers);
  const documentId = parseInput(UuidSchema, (await params).idOrSlug);
  const { groupId, since } = parseQuery(request, ChangeEventsQuery);
  return json(await listChangesSince({ actor, input: { documentId, groupId, since } }));
});
