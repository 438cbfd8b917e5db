// W3C Web Annotation selectors that pin an annotation to a span of one revision's text:
// the zod schemas the API validates with (and publishes as OpenAPI), and their types.
import "@/lib/zod-setup";
import { z } from "zod";
import { MAX_QUOTE_LENGTH, QUOTE_CONTEXT_LENGTH } from "./selector-limits";

export { MAX_QUOTE_LENGTH, QUOTE_CONTEXT_LENGTH };

// Far above any real revision; it only keeps absurd numbers out of the database.
const MAX_OFFSET = 10_000_000;

// Twice the context we write: other clients may record more, and truthful extra context
// does no harm, while the cap keeps request bodies small.
const MAX_CONTEXT_LENGTH = 2 * QUOTE_CONTEXT_LENGTH;

const TextOffset = z.int().min(0).max(MAX_OFFSET);

/*
 * Whether start <= end and both fall inside the text can only be decided against the
 * revision, so verifyTarget checks it and answers with the same error codes as every other
 * anchoring problem; the schema checks only the shape.
 */
export const TextPositionSelectorSchema = z
  .strictObject({
    type: z.literal("TextPositionSelector"),
    start: TextOffset.describe("UTF-16 code unit offset of the first selected character"),
    end: TextOffset.describe("UTF-16 code unit offset just past the last selected character (exclusive)"),
  })
  .meta({ id: "TextPositionSelector" });

export const TextQuoteSelectorSchema = z
  .strictObject({
    type: z.literal("TextQuoteSelector"),
    exact: z.string().min(1).max(MAX_QUOTE_LENGTH).describe("The selected text, exactly as in the revision"),
    prefix: z.string().max(MAX_CONTEXT_LENGTH).optional().describe("Text immediately before the selection"),
    suffix: z.string().max(MAX_CONTEXT_LENGTH).optional().describe("Text immediately after the selection"),
  })
  .meta({ id: "TextQuoteSelector" });

/** Both selectors, always in this order: the position is authoritative, the quote proves it. */
export const AnnotationTargetSchema = z
  .strictObject({ selector: z.tuple([TextPositionSelectorSchema, TextQuoteSelectorSchema]) })
  .meta({ id: "AnnotationTarget" });

export type TextPositionSelector = z.infer<typeof TextPositionSelectorSchema>;
export type TextQuoteSelector = z.infer<typeof TextQuoteSelectorSchema>;
export type AnnotationTarget = z.infer<typeof AnnotationTargetSchema>;
export type AnnotationSelectors = AnnotationTarget["selector"];

/** A span of a revision's text in UTF-16 code units, end exclusive. */
export type TextRange = { start: number; end: number };
