// Whether the session or API token behind a long-lived connection still holds. Every
// socket event asks (sign-out and revocation must stop an open socket at its next
// event, in whichever process it lives), so the question is batched: the checks that
// arrive while one query runs are answered together by the next (group commit, see
// lib/batching/in-flight-batcher.ts), one named statement straight on the pool.
// The rules are those of resolveActor (findSessionUserId, findApiTokenOwner): a session
// row not yet expired, a token not revoked, either still belonging to the same user.
import { createInFlightBatcher } from "@/lib/batching/in-flight-batcher";
import { AppError } from "@/lib/errors";
import { getPool } from "@/server/db/client";
import { namedStatement } from "@/server/db/named-statement";
import type { Actor } from "./actor";

type Credential = Pick<Actor, "userId" | "via" | "credentialId">;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const LIVE_CREDENTIALS = `
  SELECT 'token' AS via, id::text AS id, user_id::text AS user_id FROM api_tokens
  WHERE id = ANY($1::uuid[]) AND revoked_at IS NULL
  UNION ALL
  SELECT 'session', id, user_id::text FROM sessions
  WHERE id = ANY($2::text[]) AND expires_at > now()`;

const liveCredentials = namedStatement("live-credentials", LIVE_CREDENTIALS);

async function checkBatch(credentials: readonly Credential[]): Promise<boolean[]> {
  const tokenIds = credentials.filter((c) => c.via === "token" && UUID.test(c.credentialId)).map((c) => c.credentialId);
  const sessionIds = credentials.filter((c) => c.via === "session").map((c) => c.credentialId);
  const { rows } = await getPool().query<{ via: string; id: string; user_id: string }>(liveCredentials([tokenIds, sessionIds]));
  const owners = new Map(rows.map((row) => [`${row.via}:${row.id.toLowerCase()}`, row.user_id]));
  return credentials.map((c) => owners.get(`${c.via}:${c.credentialId.toLowerCase()}`) === c.userId.toLowerCase());
}

const checkLive = createInFlightBatcher<Credential, boolean>({ run: checkBatch, maxBatch: 256, maxInFlight: 2 });

/** For connections that outlive a request: is the session or token behind this actor still live? */
export function isActorCredentialLive(actor: Actor): Promise<boolean> {
  return checkLive({ userId: actor.userId, via: actor.via, credentialId: actor.credentialId });
}

/** Throws UNAUTHENTICATED (which also ends the socket) when the actor's session or token has ended. */
export async function requireLiveCredential(actor: Actor): Promise<void> {
  if (!(await isActorCredentialLive(actor))) throw new AppError("UNAUTHENTICATED", "Your session has ended. Sign in again.");
}
