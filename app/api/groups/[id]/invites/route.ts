import { UuidSchema } from "@/lib/api/common";
import { CreateInviteRequest } from "@/lib/api/groups";
import { requireActor } from "@/server/auth/resolve-actor";
import { createInvite, listInvites } from "@/server/groups/invites";
import { requireWriter } from "@/server/rate-limit/write-rate-limit";
import { apiRoute, json, parseInput, readJsonBody } from "@/server/http/api-route";

type Params = { id: string };

export const GET = apiRoute<Params>(async (request, { params }) => {
  const actor = await requireActor(request.headers);
  return json({ items: await listInvites({ actor, groupId: parseInput(UuidSchema, (await params).id) }) });
});

export const POST = apiRoute<Params>(async (request, { params }) => {
  const actor = await requireWriter(request);
  const groupId = parseInput(UuidSchema, (await params).id);
  const options = await readJsonBody(request, CreateInviteRequest);
  return json(await createInvite({ actor, groupId, options }), 201);
});
