// Idempotent creates: a client-chosen id that already exists is a retry when the same
// author made it, and a conflict otherwise (ids are not a way to probe others' rows).
import type { AnnotationDto } from "@/lib/api/annotations";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/server/auth/actor";
import { getDb } from "@/server/db/client";
import { readableAnnotationsWhere } from "@/server/db/scopes/annotation-scope";
import { annotationSelect, toAnnotationDto } from "./annotation-record";

export async function findExistingForReplay(actor: Actor, id: string): Promise<AnnotationDto | null> {
  const db = getDb();
  const existing = await db.annotation.findUnique({ where: { id }, select: annotationSelect });
  if (!existing) return null;
  // A retry only replays what its author can still see (not after leaving the group).
  const stillVisible = await db.annotation.count({ where: { AND: [{ id }, await readableAnnotationsWhere(actor)] } });
  if (existing.authorId !== actor.userId || stillVisible === 0) {
    throw new AppError("CONFLICT", "This id is already in use. Generate a new one.");
  }
  return toAnnotationDto(existing, actor);
}
