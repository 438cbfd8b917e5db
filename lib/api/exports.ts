// Exports and imports: the request and response schemas of
// GET /api/documents/{idOrSlug}/export and POST /api/documents/{idOrSlug}/import.
import "@/lib/zod-setup";
import { z } from "zod";
import { AnnotationKindSchema, TagSchema } from "@/lib/api/annotations";
import { MAX_IMPORT_BODY_BYTES } from "@/lib/import/import-limits";
import { MAX_IMPORT_ANNOTATIONS } from "@/lib/import/web-annotation-input";

export const EXPORT_FORMATS = ["markdown", "csv", "jsonld", "html"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export { MAX_IMPORT_ANNOTATIONS, MAX_IMPORT_BODY_BYTES };

const booleanQuery = z.enum(["true", "false"]).transform((value) => value === "true");
// A day ("2026-11-27", from its start) or a full timestamp with an offset.
const DateBound = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);

export const ExportQuery = z
  .strictObject({
    format: z.enum(EXPORT_FORMATS),
    /** A group id, or "private" for only my private annotations; absent = everything I may read. */
    groupId: z.union([z.uuid(), z.literal("private")]).optional(),
    /** One member's annotations (what an instructor exports for a student). */
    authorId: z.uuid().optional(),
    tag: TagSchema.optional(),
    kind: AnnotationKindSchema.optional(),
    resolved: booleanQuery.optional(),
    /** Threads started on or after this day or instant. */
    from: DateBound.optional(),
    /** Threads started before the end of this day, or before this instant. */
    to: DateBound.optional(),
  })
  .meta({ id: "ExportQuery" });
export type ExportInput = z.infer<typeof ExportQuery>;

export const ImportQuery = z
  .strictObject({ groupId: z.uuid().optional().describe("The group to import into; absent = my private annotations") })
  .meta({ id: "ImportQuery" });

/*
 * The upload's envelope: one Annotation, an array of them, or an AnnotationPage or
 * AnnotationCollection. Each annotation inside is validated by WebAnnotationInputSchema
 * (lib/import) once the pages are unrolled, which is iterative because pages may chain deep.
 */
export const ImportRequest = z
  .union([
    z.array(z.unknown()).max(MAX_IMPORT_ANNOTATIONS, `A file may hold at most ${MAX_IMPORT_ANNOTATIONS} annotations and replies.`),
    z.looseObject({ type: z.union([z.string().max(200), z.array(z.string().max(200)).max(10)]) }),
  ])
  .meta({ id: "ImportRequest", description: "W3C Web Annotation JSON-LD: an Annotation, an array, an AnnotationPage or an AnnotationCollection" });

const AnchoringMethod = z.enum(["position", "exact", "fuzzy", "page", "reply"]);

export const ImportReportResponse = z
  .object({
    created: z.array(
      z.object({ sourceId: z.string(), id: z.uuid(), parentId: z.uuid().nullable(), anchoredBy: AnchoringMethod }),
    ),
    /** Created too, but found only approximately: check these. */
    fuzzy: z.array(z.object({ sourceId: z.string(), id: z.uuid(), score: z.number(), quote: z.string(), matched: z.string() })),
    /** Not attached anywhere: the passage is not in this text, or the parent was not imported. */
    orphaned: z.array(z.object({ sourceId: z.string(), quote: z.string().nullable(), reason: z.string(), score: z.number().nullable() })),
    /** Imported before (same file, same target): nothing created. */
    skipped: z.array(z.object({ sourceId: z.string(), id: z.uuid() })),
    /** Refused one by one, e.g. a tag the group's fixed vocabulary does not have. */
    refused: z.array(z.object({ sourceId: z.string(), code: z.string(), message: z.string() })),
  })
  .meta({ id: "ImportReport" });
export type ImportReport = z.infer<typeof ImportReportResponse>;
