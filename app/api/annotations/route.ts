import { CreateAnnotationRequest, ListAnnotationsQuery } from "@/lib/api/annotations";
import { createAnnotation } from "@/server/annotations/create-annotation";
import { listAnnotations } from "@/server/annotations/list-annotations";
import { requireActor } from "@/server/auth/resolve-actor";
import { requireWriter } from "@/server/rate-limit/write-rate-limit";
import { apiRoute, json, parseQuery, readJsonBody } from "@/server/http/api-route";
import { ndjson } from "@/server/http/ndjson";

export const POST = apiRoute(async (request) => {
  const actor = await requireWriter(request);
  const input = await readJsonBody(request, CreateAnnotationRequest);
  const { annotation, created } = await createAnnotation({ actor, input });
  return json(annotation, created ? 201 : 200);
});

export const GET = apiRoute(async (request) => {
  const actor = await requireActor(request.headers);
  const { format, ...filter } = parseQuery(request, ListAnnotationsQuery);
  const { items, streams } = await listAnnotations({ actor, filter });
  // The same list, as a head line then one thread per line (see ListAnnotationsQuery.format).
  if (format === "ndjson") return ndjson([{ streams }, ...items]);
  return json({ items, streams });
});
