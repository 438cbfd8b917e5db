// The security log: refused attempts to reach another group's data. Writing it must
// never turn a clean 404 into a 500, so failures are only reported to the console.
import type { Actor } from "@/server/auth/actor";
import { getDb } from "@/server/db/client";

export async function recordSecurityEvent(event: { actor: Actor | null; kind: string; resource: string; ip?: string }) {
  try {
    await getDb().securityEvent.create({
      data: { actorId: event.actor?.userId ?? null, kind: event.kind, resource: event.resource, ip: event.ip ?? null },
    });
  } catch (error) {
    console.error("[security] could not record event", error);
  }
}
