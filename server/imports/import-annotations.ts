// Imports a W3C Web Annotation file into a document, as the importer's private annotations
// or into one of their groups, and reports what was created, anchored only approximately,
// orphaned, skipped or refused. Ids are uuid v5 of (where it goes, its id in the file), so
// importing the same file again creates nothing; roots go first, then replies round by round
// (any depth, any order in the file), a few at a time.
import { v5 as uuidv5 } from "uuid";
import type { ImportReport } from "@/lib/api/exports";
import { AppError } from "@/lib/errors";
import {
  extractAnnotationItems,
  MAX_IMPORT_ANNOTATIONS,
  toSourceAnnotation,
  WebAnnotationListSchema,
  type SourceAnnotation,
} from "@/lib/import/web-annotation-input";
import type { Actor } from "@/server/auth/actor";
import { getDb } from "@/server/db/client";
import { getDocument } from "@/server/documents/get-document";
import { requireGroupRole } from "@/server/groups/require-group-role";
import { importReplyAnnotation, importRootAnnotation, type ImportOutcome } from "./import-one-annotation";

// Fixed for ever: changing it would make every earlier import look new.
const IMPORT_ID_NAMESPACE = "5b0c4a4e-6f0e-4f7b-9a43-0d1c2b7e8a61";
// Writes in flight at once: enough to overlap database round trips, few enough to leave the
// pool (10 connections) to everyone else.
const CONCURRENT_WRITES = 4;

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
  const idOf = (source: SourceAnnotation) => uuidv5(`${scope}:${source.sourceId}`, IMPORT_ID_NAMESPACE);
  const seen = new Set<string>();
  const unique = sources.filter((source) => {
    if (!seen.has(source.sourceId)) return seen.add(source.sourceId);
    report.refused.push({ sourceId: source.sourceId, code: "DUPLICATE_ID", message: "Another annotation in the file has the same id." });
    return false;
  });
  // What an earlier import of this file into the same place created: reported as skipped
  // without a write (the ids are derived from this very scope, so they are ours).
  const alreadyImported = new Set(
    (await getDb().annotation.findMany({ where: { id: { in: unique.map(idOf) } }, select: { id: true } })).map((row) => row.id),
  );
  const importedIds = new Map<string, string>();
  const destination = { actor, document, groupId };

  const roots = unique.filter((source) => source.parentSourceId === null);
  const rootOutcomes = await mapConcurrently(roots, (source) => {
    const id = idOf(source);
    return alreadyImported.has(id) ? skipped(id) : importRootAnnotation(destination, source, id);
  });
  roots.forEach((source, index) => record(report, importedIds, source, rootOutcomes[index]!));

  let pending = unique.filter((source) => source.parentSourceId !== null);
  for (;;) {
    const ready = pending.filter((source) => importedIds.has(source.parentSourceId!));
    if (ready.length === 0) break;
    const outcomes = await mapConcurrently(ready, (source) => {
      const id = idOf(source);
      return alreadyImported.has(id) ? skipped(id) : importReplyAnnotation(destination, source, id, importedIds.get(source.parentSourceId!)!);
    });
    ready.forEach((source, index) => record(report, importedIds, source, outcomes[index]!));
    const done = new Set(ready);
    pending = pending.filter((source) => !done.has(source));
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

function skipped(id: string): Promise<ImportOutcome> {
  return Promise.resolve({ status: "skipped", id, parentId: null, anchoredBy: "reply" });
}

/** Results in input order, with at most CONCURRENT_WRITES calls in flight. */
async function mapConcurrently<T, R>(items: readonly T[], work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    for (let index = next++; index < items.length; index = next++) results[index] = await work(items[index]!);
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENT_WRITES, items.length) }, worker));
  return results;
}

function record(report: ImportReport, importedIds: Map<string, string>, source: SourceAnnotation, outcome: ImportOutcome): void {
  switch (outcome.status) {
    case "created":
      report.created.push({ sourceId: source.sourceId, id: outcome.id, parentId: outcome.parentId, anchoredBy: outcome.anchoredBy });
      if (outcome.fuzzy) report.fuzzy.push({ sourceId: source.sourceId, id: outcome.id, quote: source.quote?.exact ?? "", ...outcome.fuzzy });
      importedIds.set(source.sourceId, outcome.id);
      return;
    case "skipped":
      report.skipped.push({ sourceId: source.sourceId, id: outcome.id });
      importedIds.set(source.sourceId, outcome.id);
      return;
    case "orphaned":
      report.orphaned.push({ sourceId: source.sourceId, quote: source.quote?.exact ?? null, reason: outcome.reason, score: outcome.score });
      return;
    case "refused":
      report.refused.push({ sourceId: source.sourceId, code: outcome.code, message: outcome.message });
  }
}
