// Browser sessions as rows: the Auth.js JWT only names a row, so sign-out (deleting
// the row) really ends the session, even for a copied cookie.
import { randomBytes } from "node:crypto";
import { getDb } from "@/server/db/client";

export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

export async function createSession(userId: string): Promise<string> {
  const id = randomBytes(32).toString("base64url");
  await getDb().session.create({
    data: { id, userId, expiresAt: new Date(Date.now() + SESSION_MAX_AGE_SECONDS * 1000) },
  });
  return id;
}

/** The user id of a live session, or null when it was signed out or has expired. */
export async function findSessionUserId(sessionId: string): Promise<string | null> {
  const session = await getDb().session.findUnique({ where: { id: sessionId }, select: { userId: true, expiresAt: true } });
  if (!session || session.expiresAt.getTime() <= Date.now()) return null;
  return session.userId;
}

export async function deleteSession(sessionId: string): Promise<void> {
  await getDb().session.deleteMany({ where: { id: sessionId } });
}
