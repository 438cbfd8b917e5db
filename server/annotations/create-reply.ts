// Replies form threads of any depth. A reply lives where its thread lives: same
// document, revision and group; idempotent on a client-chosen id like any create.
import type { AnnotationDto, CreateReplyInput } from "@/lib/api/annotations";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/server/auth/actor";
import { getDb } from "@/server/db/client";
import { isUniqueViolation } from "@/server/db/errors";
import { appendChange, publishChanges } from "@/server/realtime/change-log";
import { notifyAboutReply } from "@/server/notifications/notify-annotation-activity";
import { annotationSelect, toAnnotationDto } from "./annotation-record";
import { loadAnnotationFor } from "./load-annotation";
import { prepareBody } from "./prepare-body";
import { findExistingForReplay } from "./replay";

export async function createReply({
  actor,
  parentId,
  input,
}: {
  actor: Actor;
  parentId: string;
  input: CreateReplyInput;
}): Promise<{ annotation: AnnotationDto; created: boolean }> {
  if (input.id) {
    const replay = await findExistingForReplay(actor, input.id);
    if (replay) return { annotation: replay, created: false };
  }
  const { record: parent } = await loadAnnotationFor(actor, parentId, "annotation:reply");
  if (parent.deletedAt) throw new AppError("CONFLICT", "You cannot reply to a deleted annotation.");
  try {
    const { reply, change } = await getDb().$transaction(async (tx) => {
      const reply = await tx.annotation.create({
        data: {
          id: input.id ?? crypto.randomUUID(),
          documentId: parent.documentId,
          revisionId: parent.revisionId,
          groupId: parent.groupId,
          authorId: actor.userId,
          kind: "comment",
          parentId: parent.id,
          rootId: parent.rootId ?? parent.id,
          ...prepareBody(input.body),
        },
        select: annotationSelect,
      });
      return { reply, change: await appendChange(tx, { type: "annotation.upserted", actor, record: reply }) };
    });
    publishChanges(change);
    await notifyAboutReply(actor, reply, parent);
    return { annotation: toAnnotationDto(reply, actor), created: true };
  } catch (error) {
    if (input.id && isUniqueViolation(error)) {
      const replay = await findExistingForReplay(actor, input.id);
      if (replay) return { annotation: replay, created: false };
    }
    throw error;
  }
}
