// Reads an uploaded W3C Web Annotation file (ours, or another tool's such as Hypothesis's):
// a single Annotation, an array of them, an AnnotationPage, or an AnnotationCollection with
// embedded pages. The envelope is walked iteratively (pages can chain thousands deep), then
// every annotation is validated with an explicit, capped zod schema and normalized into
// SourceAnnotation, the one shape the importer works with.
import "@/lib/zod-setup";
import { z } from "zod";

export const MAX_IMPORT_ANNOTATIONS = 5000;
// Generous next to our own limits (a comment is at most 10,000 characters, a quote 5,000):
// other tools allow longer, and an over-long one is refused per annotation, not per file.
const MAX_VALUE_LENGTH = 100_000;
const MAX_IRI_LENGTH = 2048;
const MAX_CONTEXT_LENGTH = 2000;

const ShortString = z.string().max(200);
const Iri = z.string().min(1).max(MAX_IRI_LENGTH);
const OneOrMany = <T extends z.ZodType>(schema: T, max: number) =>
  z.union([schema, z.array(schema).max(max)]).transform((value): z.output<T>[] => (Array.isArray(value) ? value : [value]));

const TextQuoteSelector = z.object({
  type: z.literal("TextQuoteSelector"),
  exact: z.string().max(MAX_VALUE_LENGTH),
  prefix: z.string().max(MAX_CONTEXT_LENGTH).optional(),
  suffix: z.string().max(MAX_CONTEXT_LENGTH).optional(),
});
const TextPositionSelector = z.object({
  type: z.literal("TextPositionSelector"),
  start: z.int().min(0).max(100_000_000),
  end: z.int().min(0).max(100_000_000),
});
// RangeSelector, FragmentSelector, CssSelector...: recognised as selectors and ignored.
const OtherSelector = z
  .object({ type: ShortString })
  .refine((selector) => selector.type !== "TextQuoteSelector" && selector.type !== "TextPositionSelector", "A malformed text selector.");
const Selector = z.union([TextQuoteSelector, TextPositionSelector, OtherSelector]);

const SpecificTarget = z.object({ source: Iri.optional(), selector: OneOrMany(Selector, 20).optional() });
const Target = z.union([Iri, SpecificTarget]);

const TextualBody = z.object({
  type: z.literal("TextualBody").optional(),
  value: z.string().max(MAX_VALUE_LENGTH),
  purpose: ShortString.optional(),
  format: ShortString.optional(),
});
// An IRI or another kind of resource (an image, a SpecificResource) carries no text we could store.
const OtherBody = z.object({ type: ShortString }).refine((body) => body.type !== "TextualBody", "A malformed TextualBody.");
const Body = z.union([TextualBody, Iri, OtherBody]);

const ContextTerms = z.record(ShortString, ShortString).refine((terms) => Object.keys(terms).length <= 50, "A context may define at most 50 terms.");
const Context = z.union([z.string().max(MAX_IRI_LENGTH), z.array(z.union([z.string().max(MAX_IRI_LENGTH), ContextTerms])).max(10)]);

export const WebAnnotationInputSchema = z.object({
  "@context": Context.optional(),
  id: Iri.optional(),
  type: z.union([z.literal("Annotation"), z.array(ShortString).max(10).refine((types) => types.includes("Annotation"), "type must include Annotation.")]),
  motivation: OneOrMany(ShortString, 10).optional(),
  created: ShortString.optional(),
  modified: ShortString.optional(),
  body: OneOrMany(Body, 100).optional(),
  bodyValue: z.string().max(MAX_VALUE_LENGTH).optional(),
  target: OneOrMany(Target, 10),
});
export type WebAnnotationInput = z.output<typeof WebAnnotationInputSchema>;

export const WebAnnotationListSchema = z
  .array(WebAnnotationInputSchema)
  .min(1, "The file holds no annotations.")
  .max(MAX_IMPORT_ANNOTATIONS, `A file may hold at most ${MAX_IMPORT_ANNOTATIONS} annotations and replies.`);

export type BodyFormat = "markdown" | "plain" | "html";

/** An imported annotation in our terms, before it is anchored in a revision. */
export type SourceAnnotation = {
  sourceId: string;
  /** The id of the annotation it replies to, when it is a reply. */
  parentSourceId: string | null;
  motivation: string | null;
  quote: { exact: string; prefix?: string; suffix?: string } | null;
  position: { start: number; end: number } | null;
  body: { value: string; format: BodyFormat } | null;
  tags: string[];
};

export type EnvelopeResult = { ok: true; items: unknown[] } | { ok: false; message: string };

/** Finds the annotations in any of the accepted envelopes, without recursion. */
export function extractAnnotationItems(raw: unknown): EnvelopeResult {
  if (Array.isArray(raw)) return { ok: true, items: raw };
  if (!isRecord(raw)) return { ok: false, message: "Send a Web Annotation, an array of them, or an AnnotationCollection." };
  const type = raw.type;
  if (type === "Annotation" || (Array.isArray(type) && type.includes("Annotation"))) return { ok: true, items: [raw] };
  if (type !== "AnnotationCollection" && type !== "AnnotationPage") {
    return { ok: false, message: "type: expected Annotation, AnnotationPage or AnnotationCollection." };
  }
  const items: unknown[] = [];
  let page: unknown = type === "AnnotationPage" ? raw : raw.first;
  let pages = 0;
  while (page !== undefined) {
    if (typeof page === "string") return { ok: false, message: "Pages must be embedded in the file, not linked." };
    if (!isRecord(page) || !Array.isArray(page.items)) return { ok: false, message: "An AnnotationPage needs an items array." };
    items.push(...page.items);
    if (items.length > MAX_IMPORT_ANNOTATIONS || ++pages > MAX_IMPORT_ANNOTATIONS) break;
    page = page.next;
  }
  return { ok: true, items };
}

/** Our shape for one validated annotation; `index` names annotations that carry no id. */
export function toSourceAnnotation(input: WebAnnotationInput, index: number): SourceAnnotation {
  const motivations = input.motivation ?? [];
  const textBodies = (input.body ?? []).flatMap((body) => (typeof body !== "string" && "value" in body ? [body] : []));
  const tags = textBodies.filter((body) => body.purpose === "tagging").map((body) => body.value.trim()).filter(Boolean);
  const comments = textBodies.filter((body) => body.purpose !== "tagging" && body.value.trim() !== "");
  if (input.bodyValue?.trim()) comments.push({ value: input.bodyValue, format: "text/plain" });
  const stringTarget = input.target.find((target): target is string => typeof target === "string");
  const specific = input.target.find((target) => typeof target !== "string");
  const selectors = specific && typeof specific !== "string" ? (specific.selector ?? []) : [];
  const quote = selectors.find((selector) => selector.type === "TextQuoteSelector") as z.output<typeof TextQuoteSelector> | undefined;
  const position = selectors.find((selector) => selector.type === "TextPositionSelector") as z.output<typeof TextPositionSelector> | undefined;
  const isReply = motivations.includes("replying") || (stringTarget !== undefined && !specific);
  return {
    sourceId: input.id ?? `#${index}`,
    parentSourceId: isReply ? (stringTarget ?? null) : null,
    motivation: motivations[0] ?? null,
    quote: quote && quote.exact !== "" ? { exact: quote.exact, prefix: quote.prefix, suffix: quote.suffix } : null,
    position: position && position.start < position.end ? { start: position.start, end: position.end } : null,
    body: comments.length > 0 ? { value: comments.map((body) => body.value).join("\n\n"), format: bodyFormat(comments[0]?.format) } : null,
    tags: [...new Set(tags)],
  };
}

function bodyFormat(format: string | undefined): BodyFormat {
  if (format === "text/plain") return "plain";
  if (format === "text/html") return "html";
  // Hypothesis writes Markdown, and so do we; a missing format is read the same way.
  return "markdown";
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
