// Search: the request and response schemas of GET /api/search, shared by the route, the
// search page's form and the tests.
import "@/lib/zod-setup";
import { z } from "zod";
import { AnnotationKindSchema, TagSchema } from "./annotations";

export const SEARCH_DEFAULT_LIMIT = 20;
export const SEARCH_MAX_LIMIT = 50;
/** Searches go at most this deep (offset), which keeps a cursor from costing a full scan. */
export const SEARCH_MAX_OFFSET = 1_000;

const booleanQuery = z.enum(["true", "false"]).transform((value) => value === "true");
const dayQuery = z.iso.date("Use a date like 2026-11-27.");

export const SearchQuery = z
  .strictObject({
    q: z
      .string()
      .trim()
      .min(1, "Type something to search for.")
      .max(200, "Search for at most 200 characters.")
      .refine((q) => !q.includes("\0") && !q.includes("\uE000") && !q.includes("\uE001"), "The search contains characters that cannot be searched for."),
    /** One of my groups, or "private" for my private annotations. */
    groupId: z.union([z.uuid(), z.literal("private")]).optional(),
    tag: TagSchema.optional(),
    author: z.uuid().optional(),
    kind: AnnotationKindSchema.optional(),
    /** First day included (UTC). */
    from: dayQuery.optional(),
    /** Last day included (UTC). */
    to: dayQuery.optional(),
    resolved: booleanQuery.optional(),
    limit: z.coerce.number().int().min(1).max(SEARCH_MAX_LIMIT).optional(),
    /** Opaque: the nextCursor of the previous page. */
    cursor: z.string().regex(/^\d{1,4}$/, "Not a cursor from this search.").optional(),
  })
  .refine((query) => !query.from || !query.to || query.from <= query.to, { message: "The first day must not be after the last.", path: ["from"] })
  .meta({ id: "SearchQuery" });
export type SearchInput = z.output<typeof SearchQuery>;

/** A piece of a snippet; `match` pieces are what the search found. Rendered as text, never HTML. */
export const SnippetPart = z.object({ text: z.string(), match: z.boolean() });
export type SnippetPartDto = z.infer<typeof SnippetPart>;

export const SearchResult = z
  .object({
    id: z.uuid(),
    /** The thread's first annotation (itself for a thread's root). */
    threadId: z.uuid(),
    kind: AnnotationKindSchema,
    isReply: z.boolean(),
    tags: z.array(z.string()),
    resolved: z.boolean(),
    author: z.object({ id: z.uuid(), name: z.string() }),
    group: z.object({ id: z.uuid(), name: z.string() }).nullable(),
    document: z.object({ id: z.uuid(), slug: z.string(), title: z.string() }),
    createdAt: z.string(),
    rank: z.number(),
    body: z.array(SnippetPart),
    quote: z.array(SnippetPart),
    /** Where the passage is read, with its thread open. */
    href: z.string(),
  })
  .meta({ id: "SearchResult" });
export type SearchResultDto = z.infer<typeof SearchResult>;

export const SearchResponse = z
  .object({ items: z.array(SearchResult), nextCursor: z.string().nullable() })
  .meta({ id: "SearchResponse" });
export type SearchResponseDto = z.infer<typeof SearchResponse>;
