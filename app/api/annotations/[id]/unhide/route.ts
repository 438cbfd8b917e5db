import { UuidSchema } from "@/lib/api/common";
import { ModerationRequest } from "@/lib/api/annotations";
import { setHidden } from "@/server/annotations/moderate-annotation";
import { requireWriter } from "@/server/rate-limit/write-rate-limit";
import { apiRoute, json, parseInput, readOptionalJsonBody } from "@/server/http/api-route";

export const POST = apiRoute<{ id: string }>(async (request, { params }) => {
  const actor = await requireWriter(request);
  const annotationId = parseInput(UuidSchema, (await params).id);
  const { reason } = await readOptionalJsonBody(request, ModerationRequest);
  return json(await setHidden({ actor, annotationId, hidden: false, reason }));
});
