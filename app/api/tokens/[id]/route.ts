import { UuidSchema } from "@/lib/api/common";
import { requireActor } from "@/server/auth/resolve-actor";
import { apiRoute, parseInput } from "@/server/http/api-route";
import { revokeApiToken } from "@/server/tokens/revoke-api-token";

export const DELETE = apiRoute<{ id: string }>(async (request, { params }) => {
  const actor = await requireActor(request.headers);
  const tokenId = parseInput(UuidSchema, (await params).id);
  await revokeApiToken({ actor, tokenId });
  return new Response(null, { status: 204 });
});
