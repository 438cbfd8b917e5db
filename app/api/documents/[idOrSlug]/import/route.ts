import { DocumentIdOrSlugParam } from "@/lib/api/documents";
import { ImportQuery, ImportRequest, MAX_IMPORT_BODY_BYTES } from "@/lib/api/exports";
import { importAnnotations } from "@/server/imports/import-annotations";
import { apiRoute, json, parseInput, parseQuery, readJsonBody } from "@/server/http/api-route";
import { requireWriter } from "@/server/rate-limit/write-rate-limit";

export const POST = apiRoute<{ idOrSlug: string }>(async (request, { params }) => {
  const actor = await requireWriter(request);
  const idOrSlug = parseInput(DocumentIdOrSlugParam, (await params).idOrSlug);
  const { groupId } = parseQuery(request, ImportQuery);
  const file = await readJsonBody(request, ImportRequest, { maxBytes: MAX_IMPORT_BODY_BYTES });
  return json(await importAnnotations({ actor, input: { idOrSlug, groupId, file } }));
});
