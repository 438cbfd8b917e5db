import { UuidSchema } from "@/lib/api/common";
import { CreateReplyRequest } from "@/lib/api/annotations";
import { createReply } from "@/server/annotations/create-reply";
import { requireWriter } from "@/server/rate-limit/write-rate-limit";
import { apiRoute, json, parseInput, readJsonBody } from "@/server/http/api-route";

export const POST = apiRoute<{ id: string }>(async (request, { params }) => {
  const actor = await requireWriter(request);
  const parentId = parseInput(UuidSchema, (await params).id);
  const input = await readJsonBody(request, CreateReplyRequest);
  const { annotation, created } = await createReply({ actor, parentId, input });
  return json(annotation, created ? 201 : 200);
});
