import { UuidSchema } from "@/lib/api/common";
import { ReviewQuery } from "@/lib/api/review";
import { requireActor } from "@/server/auth/resolve-actor";
import { apiRoute, json, parseInput, parseQuery } from "@/server/http/api-route";
import { listMemberActivity } from "@/server/review/list-member-activity";

export const GET = apiRoute<{ id: string; userId: string }>(async (request, { params }) => {
  const actor = await requireActor(request.headers);
  const { id, userId } = await params;
  const filter = parseQuery(request, ReviewQuery);
  return json(await listMemberActivity({ actor, groupId: parseInput(UuidSchema, id), userId: parseInput(UuidSchema, userId), filter }));
});
