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
import type { Actor } from "@/server/auth/actor";
import { requireLiveCredential } from "@/server/auth/credential-liveness";
import { isForeignKeyViolation } from "@/server/db/errors";
import { findRevisionText, forgetRevision } from "@/server/documents/revision-text";
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

type CreateRequest = {
  actor: Actor;
  input: CreateAnnotationInput;
  /** A socket's actor: check in the same statement that its session or token has not ended. */
  recheckCredential?: boolean;
};

export async function createAnnotation(request: CreateRequest): Promise<CreateResult> {
  const { actor, input } = request;
  const text = await findRevisionText(input.documentId, input.revisionId);
  const verified = text !== null && input.target ? verifyTarget(text, input.target) : null;
  if (text === null || (verified && !verified.ok)) return explainRefusal(request);

  const tags = input.tags ?? [];
  let tagColors = new Map<string, string>();
  // Tags are admitted to the group's vocabulary first (which may add them), and give the color.
  if (input.groupId !== null && tags.length > 0) {
    // Admitting tags may change the vocabulary: not for a credential that has ended, and
    // not for a retry of a create already stored (it is replayed as stored, even if it could
    // no longer be made, and must not bring back a tag a moderator has retired since).
    if (request.recheckCredential) await requireLiveCredential(actor);
    if (input.id) {
      const replay = await findExistingForReplay(actor, input.id);
      if (replay) return { annotation: replay, created: false };
    }
    const role = await requireGroupRole(actor, input.groupId, "group:annotate");
    tagColors = await admitTags(input.groupId, role, tags);
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

  const inserted = (await tryInsert(request, annotation)) ?? (await explainRefusal(request, annotation));
  if ("created" in inserted) return inserted;
  publishChanges({ ...inserted.change, unlocksPeers: inserted.postFirst });
  await notifyMentions(actor, inserted.record);
  return { annotation: toAnnotationDto(inserted.record, actor), created: true };
}

async function tryInsert({ actor, recheckCredential }: CreateRequest, annotation: NewAnnotation): Promise<InsertedAnnotation | null> {
  try {
    return await insertAnnotationWithChange(actor, annotation, { recheckCredential });
  } catch (error) {
    // The document (and its revision) was deleted after its text was cached: forget it,
    // so the checks below find no revision (404) and later creates are not refused in batches.
    if (isForeignKeyViolation(error)) {
      forgetRevision(annotation.revisionId);
      return null;
    }
    throw error;
  }
}

/**
 * Why the create did not happen, checked one step at a time: an ended credential; a
 * retry of an id already stored replays it (another author's id is a conflict); then
 * the revision, the group and the target, each with its own error. If every check
 * passes (the membership changed in between), the insert is tried once more.
 */
async function explainRefusal(request: CreateRequest): Promise<CreateResult>;
async function explainRefusal(request: CreateRequest, annotation: NewAnnotation): Promise<CreateResult | InsertedAnnotation>;
async function explainRefusal(request: CreateRequest, annotation?: NewAnnotation): Promise<CreateResult | InsertedAnnotation> {
  const { actor, input } = request;
  if (request.recheckCredential) await requireLiveCredential(actor);
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
  const retried = annotation ? await tryInsert(request, annotation) : null;
  if (retried) return retried;
  // Passing every check yet still refused: a concurrent create took the id and then
  // disappeared, or the document went between the checks. Neither is the client's to fix by editing.
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
