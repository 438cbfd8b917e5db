// Creates a highlight, comment, tagged note or page note. The client may choose the
// id: sending the same id again returns the stored annotation and creates nothing,
// so retries after a lost response are safe.
import { verifyTarget } from "@/lib/anchoring/verify-target";
import type { AnnotationDto, CreateAnnotationInput } from "@/lib/api/annotations";
import { DEFAULT_HIGHLIGHT_COLOR } from "@/lib/annotations/palette";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/server/auth/actor";
import { getDb } from "@/server/db/client";
import { isUniqueViolation } from "@/server/db/errors";
import { admitTags } from "@/server/groups/admit-tags";
import { notifyMentions } from "@/server/notifications/notify-annotation-activity";
import { requireGroupRole } from "@/server/groups/require-group-role";
import { appendChange, publishChanges } from "@/server/realtime/change-log";
import { annotationSelect, toAnnotationDto, type AnnotationRecord } from "./annotation-record";
import { prepareBody } from "./prepare-body";
import { findExistingForReplay } from "./replay";

export type CreateResult = { annotation: AnnotationDto; created: boolean };

const { author: _author, reactions: _reactions, ...annotationColumns } = annotationSelect;

export async function createAnnotation({ actor, input }: { actor: Actor; input: CreateAnnotationInput }): Promise<CreateResult> {
  if (input.id) {
    const replay = await findExistingForReplay(actor, input.id);
    if (replay) return { annotation: replay, created: false };
  }
  const db = getDb();
  // The author's name is only needed for the result: look it up alongside the checks.
  const author = db.user.findUniqueOrThrow({ where: { id: actor.userId }, select: { id: true, name: true } });
  author.catch(() => undefined); // awaited below; a check failing first must not leave it unhandled
  const revision = await db.documentRevision.findFirst({
    where: { id: input.revisionId, documentId: input.documentId },
    select: { text: true },
  });
  if (!revision) throw new AppError("NOT_FOUND", "No such document revision.");

  let tagColors = new Map<string, string>();
  let postFirst = false;
  if (input.groupId !== null) {
    const role = await requireGroupRole(actor, input.groupId, "group:annotate");
    // Without tags there is nothing to admit and no tag color to take: skip the vocabulary.
    if ((input.tags ?? []).length > 0) tagColors = await admitTags(input.groupId, role, input.tags ?? []);
    postFirst = (await db.group.findUnique({ where: { id: input.groupId }, select: { postFirst: true } }))?.postFirst ?? false;
  }

  const target = input.target ? verifiedTarget(revision.text, input.target) : null;
  const tags = input.tags ?? [];
  const body = input.body ? prepareBody(input.body) : null;
  const color = input.color ?? tags.map((tag) => tagColors.get(tag)).find(Boolean) ?? (target ? DEFAULT_HIGHLIGHT_COLOR : null);

  try {
    const { record, change } = await db.$transaction(async (tx) => {
      // Columns only (one INSERT … RETURNING): a new annotation has no reactions yet, and its
      // author is known, so reading them back would cost two more queries inside the transaction.
      const row = await tx.annotation.create({
        data: {
          id: input.id ?? crypto.randomUUID(),
          documentId: input.documentId,
          revisionId: input.revisionId,
          groupId: input.groupId,
          authorId: actor.userId,
          kind: input.kind,
          ...(target ?? {}),
          ...(body ?? {}),
          tags,
          color,
        },
        select: annotationColumns,
      });
      const record: AnnotationRecord = { ...row, author: await author, reactions: [] };
      return { record, change: await appendChange(tx, { type: "annotation.upserted", actor, record }) };
    });
    publishChanges({ ...change, unlocksPeers: postFirst });
    if (body) await notifyMentions(actor, record.id);
    return { annotation: toAnnotationDto(record, actor), created: true };
  } catch (error) {
    // The same id sent twice at once: the first insert wins, the second replays it.
    if (input.id && isUniqueViolation(error)) {
      const replay = await findExistingForReplay(actor, input.id);
      if (replay) return { annotation: replay, created: false };
    }
    throw error;
  }
}

function verifiedTarget(text: string, target: NonNullable<CreateAnnotationInput["target"]>) {
  const result = verifyTarget(text, target);
  if (!result.ok) throw new AppError("INVALID_TARGET", result.message, { details: { reason: result.code } });
  const [, quote] = target.selector;
  return {
    targetStart: result.range.start,
    targetEnd: result.range.end,
    quoteExact: quote.exact,
    quotePrefix: quote.prefix ?? "",
    quoteSuffix: quote.suffix ?? "",
  };
}

