// Resolves a Bearer token to its user, recording when it was last used.
import { getDb } from "@/server/db/client";
import { hashApiToken } from "./api-token-secret";
import { API_TOKEN_PREFIX } from "@/lib/api/tokens";

// Writing lastUsedAt on every request would turn each read into a write; once a minute is enough.
const LAST_USED_GRANULARITY_MS = 60_000;

export async function findApiTokenOwner(token: string): Promise<{ tokenId: string; userId: string } | null> {
  if (!token.startsWith(API_TOKEN_PREFIX) || token.length > 200) return null;
  const db = getDb();
  const row = await db.apiToken.findUnique({
    where: { tokenHash: hashApiToken(token) },
    select: { id: true, userId: true, revokedAt: true, lastUsedAt: true },
  });
  if (!row || row.revokedAt) return null;
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > LAST_USED_GRANULARITY_MS) {
    await db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
  }
  return { tokenId: row.id, userId: row.userId };
}
