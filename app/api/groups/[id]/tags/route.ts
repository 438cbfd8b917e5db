import { UuidSchema } from "@/lib/api/common";
import { PutTagsRequest } from "@/lib/api/groups";
import { requireActor } from "@/server/auth/resolve-actor";
import { getTagVocabulary, putTagVocabulary } from "@/server/groups/tag-vocabulary";
import { requireWriter } from "@/server/rate-limit/write-rate-limit";
import { apiRoute, json, parseInput, readJsonBody } from "@/server/http/api-route";

type Params = { id: string };

export const GET = apiRoute<Params>(async (request, { params }) => {
  const actor = await requireActor(request.headers);
  return json(await getTagVocabulary({ actor, groupId: parseInput(UuidSchema, (await params).id) }));
});

export const PUT = apiRoute<Params>(async (request, { params }) => {
  const actor = await requireWriter(request);
  const groupId = parseInput(UuidSchema, (await params).id);
  const body = await readJsonBody(request, PutTagsRequest);
  return json(await putTagVocabulary({ actor, groupId, body }));
});
