import { UuidSchema } from "@/lib/api/common";
import { UpdateAnnotationRequest } from "@/lib/api/annotations";
import { deleteAnnotation } from "@/server/annotations/delete-annotation";
import { getAnnotation } from "@/server/annotations/get-annotation";
import { updateAnnotation } from "@/server/annotations/update-annotation";
import { requireActor } from "@/server/auth/resolve-actor";
import { requireWriter } from "@/server/rate-limit/write-rate-limit";
import { apiRoute, json, parseInput, readJsonBody } from "@/server/http/api-route";

type Params = { id: string };

export const GET = apiRoute<Params>(async (request, { params }) => {
  const actor = await requireActor(request.headers);
  const annotationId = parseInput(UuidSchema, (await params).id);
  return json(await getAnnotation({ actor, annotationId }));
});

export const PATCH = apiRoute<Params>(async (request, { params }) => {
  const actor = await requireWriter(request);
  const annotationId = parseInput(UuidSchema, (await params).id);
  const input = await readJsonBody(request, UpdateAnnotationRequest);
  return json(await updateAnnotation({ actor, annotationId, input }));
});

export const DELETE = apiRoute<Params>(async (request, { params }) => {
  const actor = await requireWriter(request);
  const annotationId = parseInput(UuidSchema, (await params).id);
  await deleteAnnotation({ actor, annotationId });
  return new Response(null, { status: 204 });
});
