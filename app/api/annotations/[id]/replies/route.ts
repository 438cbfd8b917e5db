import { UuidSchema } from "@/lib/api/common";
import { CreateReplyRequest } from "@/lib/api/annotations";
import { createReply } from "@/server/annotations/create-reply";
import { requireActor } from "@/server/auth/resolve-actor";
import { apiRoute, json, parseInput, readJsonBody } from "@/server/http/api-route";

export const POST = apiRoute<{ id: string }>(async (request, { params }) => {
  const actor = await requireActor(request.headers);
  const parentId = parseInput(UuidSchema, (await params).id);
  const input = await readJsonBody(request, CreateReplyRequest);
  const { annotation, created } = await createReply({ actor, parentId, input });
  return json(annotation, created ? 201 : 200);
});
