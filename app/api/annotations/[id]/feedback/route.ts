import { UuidSchema } from "@/lib/api/common";
import { CreateFeedbackRequest } from "@/lib/api/feedback";
import { requireActor } from "@/server/auth/resolve-actor";
import { addFeedback } from "@/server/feedback/add-feedback";
import { listFeedback } from "@/server/feedback/list-feedback";
import { requireWriter } from "@/server/rate-limit/write-rate-limit";
import { apiRoute, json, parseInput, readJsonBody } from "@/server/http/api-route";

export const GET = apiRoute<{ id: string }>(async (request, { params }) => {
  const actor = await requireActor(request.headers);
  return json(await listFeedback({ actor, annotationId: parseInput(UuidSchema, (await params).id) }));
});

export const POST = apiRoute<{ id: string }>(async (request, { params }) => {
  const actor = await requireWriter(request);
  const annotationId = parseInput(UuidSchema, (await params).id);
  const body = await readJsonBody(request, CreateFeedbackRequest);
  const { feedback, created } = await addFeedback({ actor, annotationId, body });
  return json(feedback, created ? 201 : 200);
});
