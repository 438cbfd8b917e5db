// Idempotent creates: a client-chosen id that already exists is a retry when the same
// author made it, and a conflict otherwise (ids are not a way to probe others' rows).
import type { AnnotationDto } from "@/lib/api/annotations";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/server/auth/actor";
import { getDb } from "@/server/db/client";
import { annotationSelect, toAnnotationDto } from "./annotation-record";

export async function findExistingForReplay(actor: Actor, id: string): Promise<AnnotationDto | null> {
  const existing = await getDb().annotation.findUnique({ where: { id }, select: annotationSelect });
  if (!existing) return null;
  if (existing.authorId !== actor.userId) {
    throw new AppError("CONFLICT", "This id is already in use. Generate a new one.");
  }
  return toAnnotationDto(existing, actor);
}
