// A group's tag vocabulary: read by members, replaced by owners and instructors (add,
// rename, recolor, retire). Renaming a tag renames it on the group's annotations too.
import type { z } from "zod";
import type { PutTagsRequest } from "@/lib/api/groups";
import type { HighlightColor } from "@/lib/annotations/palette";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/server/auth/actor";
import { getDb } from "@/server/db/client";
import { isUniqueViolation } from "@/server/db/errors";
import { requireGroupRole } from "./require-group-role";

export type VocabularyEntry = { name: string; color: HighlightColor; retired: boolean };

export async function getTagVocabulary({ actor, groupId }: { actor: Actor; groupId: string }) {
  await requireGroupRole(actor, groupId, "group:read");
  return readVocabulary(groupId);
}

async function readVocabulary(groupId: string) {
  const group = await getDb().group.findUniqueOrThrow({
    where: { id: groupId },
    select: { allowMemberTags: true, tags: { orderBy: { createdAt: "asc" }, select: { name: true, color: true, retiredAt: true } } },
  });
  return {
    allowMemberTags: group.allowMemberTags,
    tags: group.tags.map((tag): VocabularyEntry => ({ name: tag.name, color: tag.color as HighlightColor, retired: tag.retiredAt !== null })),
  };
}

export async function putTagVocabulary(input: { actor: Actor; groupId: string; body: z.output<typeof PutTagsRequest> }) {
  const { actor, groupId, body } = input;
  await requireGroupRole(actor, groupId, "group:edit-vocabulary");
  const names = body.tags.map((tag) => tag.name);
  if (new Set(names).size !== names.length) throw new AppError("VALIDATION_FAILED", "Each tag name may appear once.");

  try {
    await getDb().$transaction(async (tx) => {
      for (const tag of body.tags) {
        const retiredAt = tag.retired ? new Date() : null;
        if (tag.previousName && tag.previousName !== tag.name) {
          const taken = await tx.groupTag.findUnique({ where: { groupId_name: { groupId, name: tag.name } }, select: { id: true } });
          if (taken) throw nameTaken(tag.name);
          const renamed = await tx.groupTag.updateMany({
            where: { groupId, name: tag.previousName },
            data: { name: tag.name, color: tag.color, retiredAt },
          });
          if (renamed.count === 0) throw new AppError("NOT_FOUND", `No tag "${tag.previousName}" to rename.`);
          await tx.$executeRaw`
            UPDATE annotations SET tags = array_replace(tags, ${tag.previousName}, ${tag.name})
            WHERE group_id = ${groupId}::uuid AND ${tag.previousName} = ANY(tags)`;
          continue;
        }
        await tx.groupTag.upsert({
          where: { groupId_name: { groupId, name: tag.name } },
          create: { groupId, name: tag.name, color: tag.color, retiredAt },
          update: { color: tag.color, retiredAt },
        });
      }
    });
  } catch (error) {
    // Two editors saving the same new name at once: the unique index decides.
    throw isUniqueViolation(error) ? nameTaken() : error;
  }
  return readVocabulary(groupId);
}

function nameTaken(name?: string) {
  const which = name === undefined ? "that name" : `a tag "${name}"`;
  return new AppError("CONFLICT", `The vocabulary already has ${which} (perhaps retired). Rename or recolor that one instead.`);
}
