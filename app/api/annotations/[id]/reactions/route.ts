import { UuidSchema } from "@/lib/api/common";
import { ReactionRequest } from "@/lib/api/annotations";
import { setReaction } from "@/server/annotations/react-to-annotation";
import { requireWriter } from "@/server/rate-limit/write-rate-limit";
import { apiRoute, json, parseInput, readJsonBody } from "@/server/http/api-route";

export const POST = apiRoute<{ id: string }>(async (request, { params }) => {
  const actor = await requireWriter(request);
  const annotationId = parseInput(UuidSchema, (await params).id);
  const { type } = await readJsonBody(request, ReactionRequest);
  return json(await setReaction({ actor, annotationId, type, on: true }));
});
