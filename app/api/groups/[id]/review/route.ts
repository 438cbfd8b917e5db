import { UuidSchema } from "@/lib/api/common";
import { ReviewQuery } from "@/lib/api/review";
import { requireActor } from "@/server/auth/resolve-actor";
import { apiRoute, json, parseInput, parseQuery } from "@/server/http/api-route";
import { getGroupReview } from "@/server/review/get-group-review";

export const GET = apiRoute<{ id: string }>(async (request, { params }) => {
  const actor = await requireActor(request.headers);
  const groupId = parseInput(UuidSchema, (await params).id);
  const input = parseQuery(request, ReviewQuery);
  return json(await getGroupReview({ actor, groupId, input }));
});
