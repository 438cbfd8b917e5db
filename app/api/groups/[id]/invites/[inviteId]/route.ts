import { UuidSchema } from "@/lib/api/common";
import { revokeInvite } from "@/server/groups/invites";
import { requireWriter } from "@/server/rate-limit/write-rate-limit";
import { apiRoute, parseInput } from "@/server/http/api-route";

export const DELETE = apiRoute<{ id: string; inviteId: string }>(async (request, { params }) => {
  const actor = await requireWriter(request);
  const { id, inviteId } = await params;
  await revokeInvite({ actor, groupId: parseInput(UuidSchema, id), inviteId: parseInput(UuidSchema, inviteId) });
  return new Response(null, { status: 204 });
});
