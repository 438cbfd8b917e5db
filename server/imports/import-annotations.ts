// Imports a W3C Web Annotation file into a document, as the importer's private annotations
// or into one of their groups. Each annotation is anchored (position, exact, fuzzy) in the
// current revision and created through the same idempotent services as the API, with an id
// derived from (where it goes, its id in the file): importing the file again creates nothing.
import { v5 as uuidv5 } from "uuid";
import { describeTextRange } from "@/lib/anchoring/describe-range";
import { CreateAnnotationRequest, CreateReplyRequest, TagSchema, MAX_TAGS } from "@/lib/api/annotations";
import type { ImportReport } from "@/lib/api/exports";
import { AppError, isAppError } from "@/lib/errors";
import { anchorQuote, type Anchoring } from "@/lib/import/anchor-quote";
import { importedBodyInput } from "@/lib/import/imported-body";
import {
  extractAnnotationItems,
  MAX_IMPORT_ANNOTATIONS,
  toSourceAnnotation,
  WebAnnotationListSchema,
  type SourceAnnotation,
} from "@/lib/import/web-annotation-input";
import { MAX_COMMENT_TEXT_LENGTH } from "@/lib/rich-text/tiptap-schema";
import { createAnnotation } from "@/server/annotations/create-annotation";
import { createReply } from "@/server/annotations/create-reply";
import type { Actor } from "@/server/auth/actor";
import { getDocument } from "@/server/documents/get-document";
import { requireGroupRole } from "@/server/groups/require-group-role";

// Comments are capped at 10,000 characters of text; Markdown a little longer than twice that
// cannot fit, and is refused before it is parsed.
const MAX_IMPORTED_BODY_LENGTH = 2 * MAX_COMMENT_TEXT_LENGTH + 1000;

// Fixed for ever: changing it would make every earlier import look new.
const IMPORT_ID_NAMESPACE = "5b0c4a4e-6f0e-4f7b-9a43-0d1c2b7e8a61";

type DocumentForImport = Awaited<ReturnType<typeof getDocument>>;

export async function importAnnotations({
  actor,
  input,
}: {
  actor: Actor;
  input: { idOrSlug: string; groupId?: string; file: unknown };
}): Promise<ImportReport> {
  const document = await getDocument({ actor, idOrSlug: input.idOrSlug });
  const groupId = input.groupId ?? null;
  if (groupId) await requireGroupRole(actor, groupId, "group:annotate");
  const sources = parseFile(input.file);

  const report: ImportReport = { created: [], fuzzy: [], orphaned: [], skipped: [], refused: [] };
  const scope = groupId ? `group:${groupId}` : `user:${actor.userId}`;
  const importedIds = new Map<string, string>();
  const seen = new Set<string>();
  const unique = sources.filter((source) => {
    if (seen.has(source.sourceId)) {
      report.refused.push({ sourceId: source.sourceId, code: "DUPLICATE_ID", message: "Another annotation in the file has the same id." });
      return false;
    }
    seen.add(source.sourceId);
    return true;
  });

  for (const source of unique.filter((item) => item.parentSourceId === null)) {
    const id = uuidv5(`${scope}:${source.sourceId}`, IMPORT_ID_NAMESPACE);
    await record(report, source, id, () => importRoot(actor, document, groupId, source, id), importedIds);
  }
  // Replies whose parent is imported, round after round, so any depth and any order in the file works.
  let pending = unique.filter((item) => item.parentSourceId !== null);
  for (let progressed = true; progressed && pending.length > 0; ) {
    progressed = false;
    const waiting: SourceAnnotation[] = [];
    for (const source of pending) {
      const parentId = importedIds.get(source.parentSourceId!);
      if (!parentId) {
        waiting.push(source);
        continue;
      }
      progressed = true;
      const id = uuidv5(`${scope}:${source.sourceId}`, IMPORT_ID_NAMESPACE);
      await record(report, source, id, () => importReply(actor, source, id, parentId), importedIds);
    }
    pending = waiting;
  }
  for (const source of pending) {
    report.orphaned.push({ sourceId: source.sourceId, quote: null, reason: "It replies to an annotation that was not imported.", score: null });
  }
  return report;
}

function parseFile(file: unknown): SourceAnnotation[] {
  const envelope = extractAnnotationItems(file);
  if (!envelope.ok) throw new AppError("VALIDATION_FAILED", envelope.message);
  if (envelope.items.length > MAX_IMPORT_ANNOTATIONS) {
    throw new AppError("VALIDATION_FAILED", `A file may hold at most ${MAX_IMPORT_ANNOTATIONS} annotations and replies; this one has more.`);
  }
  const parsed = WebAnnotationListSchema.safeParse(envelope.items);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first && first.path.length > 0 ? `annotation ${first.path.map(String).join(".")}: ` : "";
    throw new AppError("VALIDATION_FAILED", `${where}${first?.message ?? "The file is not valid Web Annotation JSON-LD."}`, {
      details: parsed.error.issues.slice(0, 20).map((issue) => ({ path: issue.path.map(String), message: issue.message })),
    });
  }
  return parsed.data.map(toSourceAnnotation);
}

type Outcome =
  | { status: "created" | "skipped"; id: string; parentId: string | null; anchoring: Anchoring | "page" | "reply"; matched?: string }
  | { status: "orphaned"; reason: string; score: number | null }
  | { status: "refused"; code: string; message: string };

async function record(
  report: ImportReport,
  source: SourceAnnotation,
  id: string,
  attempt: () => Promise<Outcome>,
  importedIds: Map<string, string>,
): Promise<void> {
  let outcome: Outcome;
  try {
    outcome =
      source.body && source.body.value.length > MAX_IMPORTED_BODY_LENGTH
        ? { status: "refused", code: "VALIDATION_FAILED", message: "The comment is longer than 10,000 characters." }
        : await attempt();
  } catch (error) {
    // Someone else in the group imported the same file: theirs stands, nothing new is created.
    if (isAppError(error) && error.code === "CONFLICT" && error.message.startsWith("This id is already in use")) {
      outcome = { status: "skipped", id, parentId: null, anchoring: "reply" };
    } else if (isAppError(error) && error.status < 500) {
      outcome = { status: "refused", code: error.code, message: error.message };
    } else {
      throw error;
    }
  }
  const quote = source.quote?.exact ?? null;
  switch (outcome.status) {
    case "created": {
      const anchoredBy = typeof outcome.anchoring === "string" ? outcome.anchoring : (outcome.anchoring.method as "position" | "exact" | "fuzzy");
      report.created.push({ sourceId: source.sourceId, id: outcome.id, parentId: outcome.parentId, anchoredBy });
      if (typeof outcome.anchoring !== "string" && outcome.anchoring.method === "fuzzy") {
        report.fuzzy.push({ sourceId: source.sourceId, id: outcome.id, score: outcome.anchoring.score, quote: quote ?? "", matched: outcome.matched ?? "" });
      }
      importedIds.set(source.sourceId, outcome.id);
      return;
    }
    case "skipped":
      report.skipped.push({ sourceId: source.sourceId, id: outcome.id });
      importedIds.set(source.sourceId, outcome.id);
      return;
    case "orphaned":
      report.orphaned.push({ sourceId: source.sourceId, quote, reason: outcome.reason, score: outcome.score });
      return;
    case "refused":
      report.refused.push({ sourceId: source.sourceId, code: outcome.code, message: outcome.message });
  }
}

async function importRoot(
  actor: Actor,
  document: DocumentForImport,
  groupId: string | null,
  source: SourceAnnotation,
  id: string,
): Promise<Outcome> {
  const text = document.revision.text;
  const isPageNote = !source.quote && !source.position;
  let anchoring: Anchoring | "page" = "page";
  let target: { selector: unknown } | undefined;
  let matched: string | undefined;
  if (!isPageNote) {
    const found = anchorQuote(text, source.quote, source.position);
    if (found.method === "orphaned") return { status: "orphaned", reason: found.reason, score: found.score };
    const described = describeTextRange(text, found.start, found.end);
    if (!described.ok) return { status: "orphaned", reason: described.message, score: null };
    anchoring = found;
    target = { selector: described.selectors };
    matched = described.selectors[1].exact;
  }
  const body = source.body ? importedBodyInput(source.body) : undefined;
  const tags = source.tags.flatMap((tag) => {
    const parsed = TagSchema.safeParse(tag);
    return parsed.success ? [parsed.data] : [];
  });
  const kind = kindOf(source.motivation, { hasBody: body !== undefined, hasTags: tags.length > 0, hasTarget: target !== undefined });
  if (kind === "highlight" && !target) return { status: "orphaned", reason: "A note on the whole document with no text or tags.", score: null };
  const parsed = CreateAnnotationRequest.safeParse({
    id,
    documentId: document.id,
    revisionId: document.revision.id,
    groupId,
    kind,
    target,
    body,
    tags: [...new Set(tags)].slice(0, MAX_TAGS),
  });
  if (!parsed.success) return refusedBy(parsed.error.issues);
  const { annotation, created } = await createAnnotation({ actor, input: parsed.data });
  return { status: created ? "created" : "skipped", id: annotation.id, parentId: null, anchoring, matched };
}

/** The motivation decides when the annotation can be that kind; otherwise its content does. */
function kindOf(motivation: string | null, has: { hasBody: boolean; hasTags: boolean; hasTarget: boolean }): "highlight" | "comment" | "note" {
  if (motivation === "highlighting" && has.hasTarget) return "highlight";
  if (motivation === "tagging" && has.hasTags) return "note";
  return has.hasBody ? "comment" : has.hasTags ? "note" : "highlight";
}

async function importReply(actor: Actor, source: SourceAnnotation, id: string, parentId: string): Promise<Outcome> {
  if (!source.body) return { status: "refused", code: "VALIDATION_FAILED", message: "A reply needs a body." };
  const parsed = CreateReplyRequest.safeParse({ id, body: importedBodyInput(source.body) });
  if (!parsed.success) return refusedBy(parsed.error.issues);
  const { annotation, created } = await createReply({ actor, parentId, input: parsed.data });
  return { status: created ? "created" : "skipped", id: annotation.id, parentId, anchoring: "reply" };
}

function refusedBy(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): Outcome {
  const first = issues[0];
  const where = first && first.path.length > 0 ? `${first.path.map(String).join(".")}: ` : "";
  return { status: "refused", code: "VALIDATION_FAILED", message: `${where}${first?.message ?? "Invalid annotation."}` };
}
