// Imports one annotation from a file, already parsed into our shape: anchors it in the
// revision (roots) or hangs it under its imported parent (replies), validates it with the
// API's own request schemas, and creates it through createAnnotation / createReply, so an
// import writes exactly as the API does. Never throws for the annotation's own faults:
// the outcome says what happened, for the import report.
import { describeTextRange } from "@/lib/anchoring/describe-range";
import { CreateAnnotationRequest, CreateReplyRequest, MAX_TAGS, TagSchema } from "@/lib/api/annotations";
import type { DocumentDto } from "@/lib/api/documents";
import { isAppError } from "@/lib/errors";
import { anchorQuote, type Anchoring } from "@/lib/import/anchor-quote";
import { importedBodyInput } from "@/lib/import/imported-body";
import type { SourceAnnotation } from "@/lib/import/web-annotation-input";
import { MAX_COMMENT_TEXT_LENGTH } from "@/lib/rich-text/tiptap-schema";
import { createAnnotation } from "@/server/annotations/create-annotation";
import { createReply } from "@/server/annotations/create-reply";
import type { Actor } from "@/server/auth/actor";
import { isUniqueViolation } from "@/server/db/errors";

// Comments are capped at 10,000 characters of text; Markdown a little longer than twice that
// cannot fit, and is refused before it is parsed.
const MAX_IMPORTED_BODY_LENGTH = 2 * MAX_COMMENT_TEXT_LENGTH + 1000;

export type ImportOutcome =
  | { status: "created" | "skipped"; id: string; parentId: string | null; anchoredBy: "position" | "exact" | "fuzzy" | "page" | "reply"; fuzzy?: { score: number; matched: string } }
  | { status: "orphaned"; reason: string; score: number | null }
  | { status: "refused"; code: string; message: string };

type Destination = { actor: Actor; document: DocumentDto; groupId: string | null };

export function importRootAnnotation(destination: Destination, source: SourceAnnotation, id: string): Promise<ImportOutcome> {
  return settle(id, source, () => createRoot(destination, source, id));
}

export function importReplyAnnotation(destination: Destination, source: SourceAnnotation, id: string, parentId: string): Promise<ImportOutcome> {
  return settle(id, source, async () => {
    if (!source.body) return { status: "refused", code: "VALIDATION_FAILED", message: "A reply needs a body." };
    const parsed = CreateReplyRequest.safeParse({ id, body: importedBodyInput(source.body) });
    if (!parsed.success) return refusedBy(parsed.error.issues);
    const { annotation, created } = await createReply({ actor: destination.actor, parentId, input: parsed.data });
    return { status: created ? "created" : "skipped", id: annotation.id, parentId, anchoredBy: "reply" };
  });
}

async function settle(id: string, source: SourceAnnotation, attempt: () => Promise<ImportOutcome>): Promise<ImportOutcome> {
  if (source.body && source.body.value.length > MAX_IMPORTED_BODY_LENGTH) {
    return { status: "refused", code: "VALIDATION_FAILED", message: "The comment is longer than 10,000 characters." };
  }
  try {
    return await attempt().catch((error: unknown) => {
      // Two annotations of one import adding the same new tag to a group at once: the other
      // insert won, the tag now exists, and the second try goes through.
      if (isUniqueViolation(error)) return attempt();
      throw error;
    });
  } catch (error) {
    // Someone else in the group imported the same file: theirs stands, nothing new is created.
    if (isAppError(error) && error.code === "CONFLICT" && error.message.startsWith("This id is already in use")) {
      return { status: "skipped", id, parentId: null, anchoredBy: "reply" };
    }
    if (isAppError(error) && error.status < 500) return { status: "refused", code: error.code, message: error.message };
    throw error;
  }
}

async function createRoot({ actor, document, groupId }: Destination, source: SourceAnnotation, id: string): Promise<ImportOutcome> {
  const text = document.revision.text;
  let anchoring: Anchoring | null = null;
  let target: { selector: unknown } | undefined;
  let matched = "";
  if (source.quote || source.position) {
    anchoring = anchorQuote(text, source.quote, source.position);
    if (anchoring.method === "orphaned") return { status: "orphaned", reason: anchoring.reason, score: anchoring.score };
    const described = describeTextRange(text, anchoring.start, anchoring.end);
    if (!described.ok) return { status: "orphaned", reason: described.message, score: null };
    target = { selector: described.selectors };
    matched = described.selectors[1].exact;
  }
  const body = source.body ? importedBodyInput(source.body) : undefined;
  const tags = [...new Set(source.tags.flatMap((tag) => {
    const parsed = TagSchema.safeParse(tag);
    return parsed.success ? [parsed.data] : [];
  }))].slice(0, MAX_TAGS);
  const kind = kindOf(source.motivation, { hasBody: body !== undefined, hasTags: tags.length > 0, hasTarget: target !== undefined });
  if (kind === "highlight" && !target) return { status: "orphaned", reason: "A note on the whole document with no text or tags.", score: null };
  const parsed = CreateAnnotationRequest.safeParse({ id, documentId: document.id, revisionId: document.revision.id, groupId, kind, target, body, tags });
  if (!parsed.success) return refusedBy(parsed.error.issues);
  const { annotation, created } = await createAnnotation({ actor, input: parsed.data });
  return {
    status: created ? "created" : "skipped",
    id: annotation.id,
    parentId: null,
    anchoredBy: anchoring ? anchoring.method : "page",
    ...(anchoring?.method === "fuzzy" ? { fuzzy: { score: anchoring.score, matched } } : {}),
  };
}

/** The motivation decides when the annotation can be that kind; otherwise its content does. */
function kindOf(motivation: string | null, has: { hasBody: boolean; hasTags: boolean; hasTarget: boolean }): "highlight" | "comment" | "note" {
  if (motivation === "highlighting" && has.hasTarget) return "highlight";
  if (motivation === "tagging" && has.hasTags) return "note";
  return has.hasBody ? "comment" : has.hasTags ? "note" : "highlight";
}

function refusedBy(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): ImportOutcome {
  const first = issues[0];
  const where = first && first.path.length > 0 ? `${first.path.map(String).join(".")}: ` : "";
  return { status: "refused", code: "VALIDATION_FAILED", message: `${where}${first?.message ?? "Invalid annotation."}` };
}
