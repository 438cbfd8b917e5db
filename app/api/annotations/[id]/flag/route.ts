import { UuidSchema } from "@/lib/api/common";
import { FlagRequest } from "@/lib/api/annotations";
import { flagAnnotation } from "@/server/annotations/moderate-annotation";
import { requireWriter } from "@/server/rate-limit/write-rate-limit";
import { apiRoute, json, parseInput, readJsonBody } from "@/server/http/api-route";

export const POST = apiRoute<{ id: string }>(async (request, { params }) => {
  const actor = await requireWriter(request);
  const annotationId = parseInput(UuidSchema, (await params).id);
  const { reason } = await readJsonBody(request, FlagRequest);
  return json(await flagAnnotation({ actor, annotationId, reason }), 201);
});
