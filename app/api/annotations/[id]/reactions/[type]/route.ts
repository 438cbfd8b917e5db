import { UuidSchema } from "@/lib/api/common";
import { ReactionTypeSchema } from "@/lib/api/annotations";
import { setReaction } from "@/server/annotations/react-to-annotation";
import { requireWriter } from "@/server/rate-limit/write-rate-limit";
import { apiRoute, json, parseInput } from "@/server/http/api-route";

export const DELETE = apiRoute<{ id: string; type: string }>(async (request, { params }) => {
  const actor = await requireWriter(request);
  const { id, type } = await params;
  const annotationId = parseInput(UuidSchema, id);
  return json(await setReaction({ actor, annotationId, type: parseInput(ReactionTypeSchema, type), on: false }));
});
