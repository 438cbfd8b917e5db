import { SearchQuery } from "@/lib/api/search";
import { requireActor } from "@/server/auth/resolve-actor";
import { apiRoute, json, parseQuery } from "@/server/http/api-route";
import { searchAnnotations } from "@/server/search/search-annotations";

export const GET = apiRoute(async (request) => {
  const actor = await requireActor(request.headers);
  const input = parseQuery(request, SearchQuery);
  return json(await searchAnnotations({ actor, input }));
});
