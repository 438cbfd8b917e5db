// Authenticates any request, REST or socket handshake, the same way: an API token
// (Authorization: Bearer) or the Auth.js session cookie naming a live session row.
import { getToken } from "@auth/core/jwt";
import { AppError } from "@/lib/errors";
import { getEnv, usesSecureCookies } from "@/server/env";
import { findApiTokenOwner } from "@/server/tokens/find-token-user";
import { CLIENT_ID_HEADER, parseClientId, type Actor } from "./actor";
import { findSessionUserId } from "./sessions";

type HeaderSource = { get(name: string): string | null };

export async function resolveActor(headers: HeaderSource): Promise<Actor | null> {
  const actor = await resolveCredential(headers);
  const clientId = parseClientId(headers.get(CLIENT_ID_HEADER));
  return actor && clientId ? { ...actor, clientId } : actor;
}

async function resolveCredential(headers: HeaderSource): Promise<Actor | null> {
  const authorization = headers.get("authorization");
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!match?.[1]) return null;
    const owner = await findApiTokenOwner(match[1]);
    return owner ? { userId: owner.userId, via: "token", credentialId: owner.tokenId } : null;
  }
  const cookie = headers.get("cookie");
  if (!cookie) return null;
  return resolveSessionCookie(cookie);
}

export async function resolveSessionCookie(cookie: string): Promise<Actor | null> {
  const token = await getToken({
    req: { headers: { cookie } },
    secret: getEnv().AUTH_SECRET,
    secureCookie: usesSecureCookies(),
  }).catch(() => null);
  const sessionId = typeof token?.sid === "string" ? token.sid : null;
  if (!sessionId) return null;
  const userId = await findSessionUserId(sessionId);
  return userId ? { userId, via: "session", credentialId: sessionId } : null;
}

export async function requireActor(headers: HeaderSource): Promise<Actor> {
  const actor = await resolveActor(headers);
  if (!actor) throw new AppError("UNAUTHENTICATED", "Sign in, or send an API token as `Authorization: Bearer <token>`.");
  return actor;
}
