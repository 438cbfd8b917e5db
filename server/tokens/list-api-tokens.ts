// Lists the actor's own live API tokens (never their secrets).
import type { ApiTokenSummaryDto } from "@/lib/api/tokens";
import type { Actor } from "@/server/auth/actor";
import { getDb } from "@/server/db/client";

export async function listApiTokens({ actor }: { actor: Actor }): Promise<ApiTokenSummaryDto[]> {
  const rows = await getDb().apiToken.findMany({
    where: { userId: actor.userId, revokedAt: null },
    orderBy: { createdAt: "desc" },
    select: { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true },
  });
  return rows.map((row) => ({
    ...row,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  }));
}
