// Exports the threads on a document that the actor may read, filtered like the sidebar,
// as Markdown, CSV, W3C JSON-LD or a printable page. Which rows may be exported is decided
// once, up front, by the visibility where-builder (ids only); the rows themselves are then
// loaded by id in pages of threads in document order and rendered as they arrive, so a
// large export streams and its pages are cheap primary-key reads.
import type { ExportFormat, ExportInput } from "@/lib/api/exports";
import { buildThreads, type Thread } from "@/lib/annotations/build-threads";
import { createCsvWriter } from "@/lib/export/csv";
import type { ExportContext, ExportedAnnotation, ExportWriter } from "@/lib/export/export-model";
import { createJsonLdWriter } from "@/lib/export/jsonld";
import { createMarkdownWriter } from "@/lib/export/markdown";
import { createPrintHtmlWriter } from "@/lib/export/print-html";
import type { Actor } from "@/server/auth/actor";
import { getDb } from "@/server/db/client";
import type { Prisma } from "@/server/db/generated/client";
import { readableAnnotationsWhere, visibilityWhere } from "@/server/db/scopes/annotation-scope";
import { getDocument } from "@/server/documents/get-document";
import { getEnv, publicOrigin } from "@/server/env";
import { requireGroupRole } from "@/server/groups/require-group-role";
import { loadExportRows, type ExportRow } from "./load-export-rows";

const ROOTS_PER_BATCH = 1000;

const FORMATS: Record<ExportFormat, { extension: string; contentType: string; disposition: "attachment" | "inline" }> = {
  markdown: { extension: "md", contentType: "text/markdown; charset=utf-8", disposition: "attachment" },
  csv: { extension: "csv", contentType: "text/csv; charset=utf-8; header=present", disposition: "attachment" },
  jsonld: { extension: "jsonld", contentType: 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"', disposition: "attachment" },
  // Opened in a tab to print or "Save as PDF"; the filename still applies when saved.
  html: { extension: "html", contentType: "text/html; charset=utf-8", disposition: "inline" },
};

export type ExportResult = {
  filename: string;
  contentType: string;
  disposition: "attachment" | "inline";
  stream: ReadableStream<Uint8Array>;
};

export async function exportAnnotations({
  actor,
  input,
}: {
  actor: Actor;
  input: { idOrSlug: string; query: ExportInput; exportedAt?: Date };
}): Promise<ExportResult> {
  const { query } = input;
  const document = await getDocument({ actor, idOrSlug: input.idOrSlug });
  if (query.groupId && query.groupId !== "private") await requireGroupRole(actor, query.groupId, "group:read");

  const db = getDb();
  const readable = await readableAnnotationsWhere(actor);
  const roots = await db.annotation.findMany({
    where: { AND: [readable, visibilityWhere(actor, query.groupId), rootFilter(document.id, query)] },
    orderBy: [{ targetStart: { sort: "asc", nulls: "first" } }, { targetEnd: "asc" }, { createdAt: "asc" }, { id: "asc" }],
    select: { id: true, deletedAt: true },
  });
  const rootIds = roots.map((root) => root.id);
  // Replies follow their thread whatever the filters say, but each must itself be readable
  // (a moderator may have hidden one). One scan of the document, matched to roots here.
  const rootSet = new Set(rootIds);
  const replies =
    rootIds.length === 0
      ? []
      : (
          await db.annotation.findMany({
            where: { AND: [readable, { documentId: document.id, rootId: { not: null } }] },
            select: { id: true, rootId: true, deletedAt: true },
          })
        ).filter((reply) => rootSet.has(reply.rootId!));
  const replyIdsByRoot = new Map<string, string[]>();
  for (const reply of replies) {
    const siblings = replyIdsByRoot.get(reply.rootId!);
    if (siblings) siblings.push(reply.id);
    else replyIdsByRoot.set(reply.rootId!, [reply.id]);
  }
  const origin = publicOrigin(getEnv());
  const context: ExportContext = {
    document: { id: document.id, slug: document.slug, title: document.title, revision: document.revision },
    baseUrl: origin,
    exportedAt: (input.exportedAt ?? new Date()).toISOString(),
    total: [...roots, ...replies].filter((row) => row.deletedAt === null).length,
  };
  const format = FORMATS[query.format];
  const collectionId = `${origin}/api/documents/${document.id}/export?format=jsonld`;
  const writer = createWriter(query.format, context, collectionId);

  async function* chunks(): AsyncGenerator<string> {
    yield writer.begin();
    for (let offset = 0; offset < rootIds.length; offset += ROOTS_PER_BATCH) {
      // Every id here came out of the readable queries above, so the page loads by id alone.
      const pageIds = rootIds.slice(offset, offset + ROOTS_PER_BATCH).flatMap((id) => [id, ...(replyIdsByRoot.get(id) ?? [])]);
      const records = await loadExportRows(pageIds);
      yield writer.threads(buildThreads(records.map(toThreadable)).map(toExported));
    }
    yield writer.end();
  }

  return {
    filename: `${document.slug.replace(/[^A-Za-z0-9-]/g, "-")}-annotations.${format.extension}`,
    contentType: format.contentType,
    disposition: format.disposition,
    stream: streamOf(chunks()),
  };
}

function createWriter(format: ExportFormat, context: ExportContext, collectionId: string): ExportWriter {
  switch (format) {
    case "markdown":
      return createMarkdownWriter(context);
    case "csv":
      return createCsvWriter(context);
    case "jsonld":
      return createJsonLdWriter(context, collectionId);
    case "html":
      return createPrintHtmlWriter(context);
  }
}

function rootFilter(documentId: string, query: ExportInput): Prisma.AnnotationWhereInput {
  const where: Prisma.AnnotationWhereInput = { documentId, parentId: null };
  if (query.tag) where.tags = { has: query.tag };
  if (query.authorId) where.authorId = query.authorId;
  if (query.kind) where.kind = query.kind;
  if (query.resolved !== undefined) where.resolvedAt = query.resolved ? { not: null } : null;
  if (query.from || query.to) {
    where.createdAt = {
      ...(query.from ? { gte: new Date(query.from) } : {}),
      ...(query.to ? { lt: endOf(query.to) } : {}),
    };
  }
  return where;
}

/** A bare day includes the whole day; an instant is taken as given. */
function endOf(bound: string): Date {
  const date = new Date(bound);
  return /^\d{4}-\d{2}-\d{2}$/.test(bound) ? new Date(date.getTime() + 86_400_000) : date;
}

type Threadable = {
  id: string;
  parentId: string | null;
  createdAt: string;
  target: { start: number; end: number } | null;
  deleted: boolean;
  record: ExportRow;
};

function toThreadable(record: ExportRow): Threadable {
  const hasTarget = record.targetStart !== null && record.targetEnd !== null;
  return {
    id: record.id,
    parentId: record.parentId,
    createdAt: record.createdAt.toISOString(),
    target: hasTarget ? { start: record.targetStart!, end: record.targetEnd! } : null,
    deleted: record.deletedAt !== null,
    record,
  };
}

function toExported(thread: Thread<Threadable>): ExportedAnnotation {
  const { record } = thread;
  return {
    id: record.id,
    parentId: record.parentId,
    kind: record.kind,
    target:
      record.targetStart !== null && record.targetEnd !== null && record.quoteExact !== null
        ? { start: record.targetStart, end: record.targetEnd, exact: record.quoteExact, prefix: record.quotePrefix ?? "", suffix: record.quoteSuffix ?? "" }
        : null,
    body: record.body === null ? null : { doc: record.body, html: record.bodyHtml ?? "", text: record.bodyText ?? "" },
    tags: record.deletedAt ? [] : record.tags,
    author: record.author,
    createdAt: record.createdAt.toISOString(),
    updatedAt: record.updatedAt.toISOString(),
    resolved: record.resolvedAt !== null,
    deleted: record.deletedAt !== null,
    revisionNumber: record.revisionNumber,
    replies: thread.replies.map(toExported),
  };
}

/** A byte stream that renders the next batch only when the client reads on (backpressure). */
function streamOf(chunks: AsyncGenerator<string>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      for (;;) {
        const next = await chunks.next();
        if (next.done) return controller.close();
        if (next.value !== "") return controller.enqueue(encoder.encode(next.value));
      }
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
}
