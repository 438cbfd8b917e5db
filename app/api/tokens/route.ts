import { CreateTokenRequest } from "@/lib/api/tokens";
import { requireActor } from "@/server/auth/resolve-actor";
import { apiRoute, json, readJsonBody } from "@/server/http/api-route";
import { clientIpFromHeaders } from "@/server/http/client-ip";
import { createApiToken } from "@/server/tokens/create-api-token";
import { listApiTokens } from "@/server/tokens/list-api-tokens";

export const POST = apiRoute(async (request) => {
  const input = await readJsonBody(request, CreateTokenRequest);
  const created = await createApiToken({ input, ip: clientIpFromHeaders(request.headers) });
  return json(created, 201);
});

export const GET = apiRoute(async (request) => {
  const actor = await requireActor(request.headers);
  return json({ items: await listApiTokens({ actor }) });
});
