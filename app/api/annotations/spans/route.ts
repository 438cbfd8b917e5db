import { HighlightSpansQuery } from "@/lib/api/annotations";
import { listHighlightSpans } from "@/server/annotations/list-highlight-spans";
import { requireActor } from "@/server/auth/resolve-actor";
import { apiRoute, json, parseQuery } from "@/server/http/api-route";

export const GET = apiRoute(async (request) => {
  const actor = await requireActor(request.headers);
  const { documentId } = parseQuery(request, HighlightSpansQuery);
  return json(await listHighlightSpans({ actor, documentId }));
});
