// Documents and their immutable revisions: GET /api/documents, GET /api/documents/{idOrSlug}.
import "@/lib/zod-setup";
import { z } from "zod";

export const DocumentSummary = z
  .object({ id: z.uuid(), slug: z.string(), title: z.string(), revisionId: z.uuid() })
  .meta({ id: "DocumentSummary" });
export type DocumentSummaryDto = z.infer<typeof DocumentSummary>;

export const DocumentListResponse = z.array(DocumentSummary).meta({ id: "DocumentList" });

export const DocumentBlockSchema = z
  .object({ type: z.enum(["heading", "paragraph"]), start: z.int().min(0), end: z.int().min(0) })
  .meta({ id: "DocumentBlock" });

export const DocumentResponse = z
  .object({
    id: z.uuid(),
    slug: z.string(),
    title: z.string(),
    revision: z.object({
      id: z.uuid(),
      number: z.int(),
      text: z.string(),
      contentHash: z.string(),
      blocks: z.array(DocumentBlockSchema),
    }),
  })
  .meta({ id: "Document" });
export type DocumentDto = z.infer<typeof DocumentResponse>;

export const DocumentIdOrSlugParam = z
  .string()
  .min(1)
  .max(120)
  .regex(/^[A-Za-z0-9-]+$/, "A document id or slug has only letters, digits and hyphens.");
