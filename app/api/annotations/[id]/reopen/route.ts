import { UuidSchema } from "@/lib/api/common";
import { setResolved } from "@/server/annotations/set-resolved";
import { requireWriter } from "@/server/rate-limit/write-rate-limit";
import { apiRoute, json, parseInput } from "@/server/http/api-route";

export const POST = apiRoute<{ id: string }>(async (request, { params }) => {
  const actor = await requireWriter(request);
  const annotationId = parseInput(UuidSchema, (await params).id);
  return json(await setResolved({ actor, annotationId, resolved: false }));
});
