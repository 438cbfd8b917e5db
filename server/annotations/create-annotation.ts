// Creates a highlight, comment, tagged note or page note. The client may choose the
// id: sending the same id again returns the stored annotation and creates nothing,
// so retries after a lost response are safe.
//
// The usual create is one round trip (insert-annotation.ts does the permission check,
// the insert and the change log in one statement). Only when that statement inserts
// nothing, or the target does not match the text, are the checks run one by one, in
// the order that decides which error a client sees.
import { verifyTarget } from "@/lib/anchoring/verify-target";
import type { AnnotationDto, CreateAnnotationInput } from "@/lib/api/annotations";
import { DEFAULT_HIGHLIGHT_COLOR } from "@/lib/annotations/palette";
import { AppError } from "@/lib/errors";
import { mentionedUserIds } from "@/lib/rich-text/mentions";
import type { TiptapDoc } from "@/lib/rich-text/tiptap-schema";
import type { Actor } from "@/server/auth/actor";
import { isForeignKeyViolation } from "@/server/db/errors";
import { findRevisionText } from "@/server/documents/revision-text";
import { admitTags } from "@/server/groups/admit-tags";
import { requireGroupRole } from "@/server/groups/require-group-role";
import { notifyMentions } from "@/server/notifications/notify-annotation-activity";
import { publishChanges } from "@/server/realtime/change-log";
import { toAnnotationDto } from "./annotation-record";
import { insertAnnotationWithChange, type InsertedAnnotation, type NewAnnotation } from "./insert-annotation";
import { prepareBody } from "./prepare-body";
import { findExistingForReplay } from "./replay";

export type CreateResult = { annotation: AnnotationDto; created: boolean };

type Target = NonNullable<CreateAnnotationInput["target"]>;

export async function createAnnotation({ actor, input }: { actor: Actor; input: CreateAnnotationInput }): Promise<CreateResult> {
  const text = await findRevisionText(input.documentId, input.revisionId);
  const verified = text !== null && input.target ? verifyTarget(text, input.target) : null;
  if (text === null || (verified && !verified.ok)) return explainRefusal(actor, input);

  const tags = input.tags ?? [];
  let tagColors = new Map<string, string>();
  // Tags are admitted to the group's vocabulary first (which may add them), and give the color.
  if (input.groupId !== null && tags.length > 0) {
    try {
      const role = await requireGroupRole(actor, input.groupId, "group:annotate");
      tagColors = await admitTags(input.groupId, role, tags);
    } catch (error) {
      // A retry of a stored create replays it even if it could no longer be made.
      if (input.id && error instanceof AppError) {
        const replay = await findExistingForReplay(actor, input.id);
        if (replay) return { annotation: replay, created: false };
      }
      throw error;
    }
  }
  const target = input.target ? storedTarget(input.target) : null;
  const annotation: NewAnnotation = {
    id: input.id ?? crypto.randomUUID(),
    documentId: input.documentId,
    revisionId: input.revisionId,
    groupId: input.groupId,
    kind: input.kind,
    target,
    body: input.body ? prepareBody(input.body) : null,
    tags,
    color: input.color ?? tags.map((tag) => tagColors.get(tag)).find(Boolean) ?? (target ? DEFAULT_HIGHLIGHT_COLOR : null),
  };

  const inserted = (await tryInsert(actor, annotation)) ?? (await explainRefusal(actor, input, annotation));
  if ("created" in inserted) return inserted;
  publishChanges({ ...inserted.change, unlocksPeers: inserted.postFirst });
  if (annotation.body && mentionedUserIds(annotation.body.body as TiptapDoc).length > 0) await notifyMentions(actor, annotation.id);
  return { annotation: toAnnotationDto(inserted.record, actor), created: true };
}

async function tryInsert(actor: Actor, annotation: NewAnnotation): Promise<InsertedAnnotation | null> {
  try {
    return await insertAnnotationWithChange(actor, annotation);
  } catch (error) {
    // The document (and its revision) was deleted after its text was cached.
    if (isForeignKeyViolation(error)) return null;
    throw error;
  }
}

/**
 * Why the create did not happen, checked one step at a time: a retry of an id already
 * stored replays it (another author's id is a conflict); then the revision, the group
 * and the target, each with its own error. If every check passes (the membership
 * changed in between), the insert is tried once more.
 */
async function explainRefusal(actor: Actor, input: CreateAnnotationInput): Promise<CreateResult>;
async function explainRefusal(actor: Actor, input: CreateAnnotationInput, annotation: NewAnnotation): Promise<CreateResult | InsertedAnnotation>;
async function explainRefusal(actor: Actor, input: CreateAnnotationInput, annotation?: NewAnnotation): Promise<CreateResult | InsertedAnnotation> {
  if (input.id) {
    const replay = await findExistingForReplay(actor, input.id);
    if (replay) return { annotation: replay, created: false };
  }
  const text = await findRevisionText(input.documentId, input.revisionId);
  if (text === null) throw new AppError("NOT_FOUND", "No such document revision.");
  if (input.groupId !== null) await requireGroupRole(actor, input.groupId, "group:annotate");
  if (input.target) {
    const result = verifyTarget(text, input.target);
    if (!result.ok) throw new AppError("INVALID_TARGET", result.message, { details: { reason: result.code } });
  }
  const retried = annotation ? await tryInsert(actor, annotation) : null;
  if (retried) return retried;
  // Passing every check yet still refused: the revision's document is gone, or a
  // concurrent create took the id and then disappeared. Neither is the client's to fix by editing.
  throw new AppError("CONFLICT", "The annotation could not be saved. Reload the document and try again.");
}

function storedTarget(target: Target): NonNullable<NewAnnotation["target"]> {
  const [position, quote] = target.selector;
  return {
    targetStart: position.start,
    targetEnd: position.end,
    quoteExact: quote.exact,
    quotePrefix: quote.prefix ?? "",
    quoteSuffix: quote.suffix ?? "",
  };
}
