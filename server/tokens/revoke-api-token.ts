// Revokes one of the actor's API tokens; another user's token answers 404.
import { AppError } from "@/lib/errors";
import type { Actor } from "@/server/auth/actor";
import { getDb } from "@/server/db/client";
import { realtimeBus } from "@/server/realtime/realtime-bus";

export async function revokeApiToken({ actor, tokenId }: { actor: Actor; tokenId: string }): Promise<void> {
  const { count } = await getDb().apiToken.updateMany({
    where: { id: tokenId, userId: actor.userId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (count === 0) throw new AppError("NOT_FOUND", "No such API token.");
  realtimeBus()?.credentialRevoked(tokenId);
}
