import { DocumentIdOrSlugParam } from "@/lib/api/documents";
import { requireActor } from "@/server/auth/resolve-actor";
import { getDocument } from "@/server/documents/get-document";
import { apiRoute, json, parseInput } from "@/server/http/api-route";

export const GET = apiRoute<{ idOrSlug: string }>(async (request, { params }) => {
  const actor = await requireActor(request.headers);
  const idOrSlug = parseInput(DocumentIdOrSlugParam, (await params).idOrSlug);
  return json(await getDocument({ actor, idOrSlug }));
});
