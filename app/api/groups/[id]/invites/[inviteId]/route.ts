import { UuidSchema } from "@/lib/api/common";
import { requireActor } from "@/server/auth/resolve-actor";
import { revokeInvite } from "@/server/groups/invites";
import { apiRoute, parseInput } from "@/server/http/api-route";

export const DELETE = apiRoute<{ id: string; inviteId: string }>(async (request, { params }) => {
  const actor = await requireActor(request.headers);
  const { id, inviteId } = await params;
  await revokeInvite({ actor, groupId: parseInput(UuidSchema, id), inviteId: parseInput(UuidSchema, inviteId) });
  return new Response(null, { status: 204 });
});
