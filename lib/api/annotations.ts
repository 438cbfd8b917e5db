// Annotations: the request and response schemas of /api/annotations and its socket twins.
import "@/lib/zod-setup";
import { z } from "zod";
import { isStorableText, UNSTORABLE_TEXT_MESSAGE } from "@/lib/validation/storable-text";
import { AnnotationTargetSchema } from "@/lib/anchoring/selectors";
import { HIGHLIGHT_COLORS } from "@/lib/annotations/palette";
import { MAX_TAG_LENGTH, MAX_TAGS, normalizeTag, TAG_MESSAGES, TAG_PATTERN } from "@/lib/annotations/tag-rules";
import { AnnotationBodyInputSchema } from "@/lib/rich-text/tiptap-schema";

export const ANNOTATION_KINDS = ["highlight", "comment", "note"] as const;
export const REACTION_TYPES = ["helpful", "same_question"] as const;
export { MAX_TAGS };

export const TagSchema = z
  .string()
  .trim()
  .min(1, TAG_MESSAGES.empty)
  .max(MAX_TAG_LENGTH, TAG_MESSAGES.tooLong)
  .regex(TAG_PATTERN, TAG_MESSAGES.characters)
  .transform(normalizeTag);

export const TagListSchema = z
  .array(TagSchema)
  .max(MAX_TAGS, TAG_MESSAGES.tooMany)
  .transform((tags) => [...new Set(tags)]);

export const HighlightColorSchema = z.enum(HIGHLIGHT_COLORS);
export const AnnotationKindSchema = z.enum(ANNOTATION_KINDS);
export const ReactionTypeSchema = z.enum(REACTION_TYPES);

export const CreateAnnotationRequest = z
  .strictObject({
    id: z.uuid().optional(),
    documentId: z.uuid(),
    revisionId: z.uuid(),
    groupId: z.uuid().nullable(),
    kind: AnnotationKindSchema,
    target: AnnotationTargetSchema.optional(),
    body: AnnotationBodyInputSchema.optional(),
    tags: TagListSchema.optional(),
    color: HighlightColorSchema.optional(),
  })
  .superRefine((input, ctx) => {
    if (input.kind === "highlight" && !input.target) {
      ctx.addIssue({ code: "custom", path: ["target"], message: "A highlight needs a passage of the text." });
    }
    if (input.kind === "comment" && !input.body) {
      ctx.addIssue({ code: "custom", path: ["body"], message: "A comment needs a body." });
    }
    if (input.kind === "note" && (input.tags ?? []).length === 0) {
      ctx.addIssue({ code: "custom", path: ["tags"], message: "A tagged note needs at least one tag." });
    }
  })
  .meta({ id: "CreateAnnotationRequest" });
export type CreateAnnotationInput = z.infer<typeof CreateAnnotationRequest>;

export const UpdateAnnotationRequest = z
  .strictObject({
    body: AnnotationBodyInputSchema.optional(),
    tags: TagListSchema.optional(),
    color: HighlightColorSchema.nullable().optional(),
  })
  .refine((input) => Object.keys(input).length > 0, { message: "Send at least one of body, tags or color." })
  .meta({ id: "UpdateAnnotationRequest" });
export type UpdateAnnotationInput = z.infer<typeof UpdateAnnotationRequest>;

export const CreateReplyRequest = z
  .strictObject({ id: z.uuid().optional(), body: AnnotationBodyInputSchema })
  .meta({ id: "CreateReplyRequest" });
export type CreateReplyInput = z.infer<typeof CreateReplyRequest>;

export const ReactionRequest = z.strictObject({ type: ReactionTypeSchema }).meta({ id: "ReactionRequest" });

const booleanQuery = z.enum(["true", "false"]).transform((value) => value === "true");
const LIST_FORMATS = ["json", "ndjson"] as const;

export const ListAnnotationsQuery = z
  .strictObject({
    documentId: z.uuid(),
    /** A group id, or "private" for only my private annotations. */
    groupId: z.union([z.uuid(), z.literal("private")]).optional(),
    tag: TagSchema.optional(),
    author: z.uuid().optional(),
    kind: AnnotationKindSchema.optional(),
    resolved: booleanQuery.optional(),
    q: z.string().trim().min(1).max(200).refine((q) => !q.includes("\0"), "q cannot contain NUL characters.").optional(),
    format: z
      .enum(LIST_FORMATS)
      .optional()
      .describe(
        "json (the default): one {items, streams} object. ndjson: the same as newline-delimited JSON, " +
          "first a line {streams}, then one thread (Annotation) per line in the same order, so a client can " +
          "show threads as they arrive instead of parsing megabytes at once.",
      ),
  })
  .meta({ id: "ListAnnotationsQuery" });
export type ListAnnotationsFilter = z.infer<typeof ListAnnotationsQuery>;

const AnnotationBodyResponse = z.object({
  format: z.literal("tiptap"),
  doc: z.record(z.string(), z.unknown()),
  html: z.string(),
  text: z.string(),
});

const AnnotationFields = {
  id: z.uuid(),
  documentId: z.uuid(),
  revisionId: z.uuid(),
  groupId: z.uuid().nullable(),
  author: z.object({ id: z.uuid(), name: z.string() }),
  kind: AnnotationKindSchema,
  target: AnnotationTargetSchema.nullable(),
  body: AnnotationBodyResponse.nullable(),
  tags: z.array(z.string()),
  color: HighlightColorSchema.nullable(),
  parentId: z.uuid().nullable(),
  resolved: z.boolean(),
  /** Hidden by a moderator: shown only to its author and the group's moderators. */
  hidden: z.boolean(),
  deleted: z.boolean(),
  reactions: z.object({
    counts: z.object({ helpful: z.int(), same_question: z.int() }),
    mine: z.array(ReactionTypeSchema),
  }),
  createdAt: z.string(),
  updatedAt: z.string(),
};

export type AnnotationDto = z.infer<z.ZodObject<typeof AnnotationFields>> & { replies: AnnotationDto[] };

export const AnnotationResponse: z.ZodType<AnnotationDto> = z
  .object({
    ...AnnotationFields,
    get replies(): z.ZodArray<z.ZodType<AnnotationDto>> {
      return z.array(AnnotationResponse);
    },
  })
  .meta({ id: "Annotation" });

/** Where each of the reader's streams stood just before the list was read: live changes and `sync` continue from here. */
export const StreamHeadSchema = z.object({ groupId: z.union([z.uuid(), z.literal("private")]), head: z.int().nonnegative() });
export type StreamHead = z.infer<typeof StreamHeadSchema>;

export const AnnotationListResponse = z
  .object({ items: z.array(AnnotationResponse), streams: z.array(StreamHeadSchema) })
  .meta({ id: "AnnotationList" });

/** The first line of the ndjson list (format=ndjson); every later line is one thread (AnnotationResponse). */
export const AnnotationListHead = z.object({ streams: z.array(StreamHeadSchema) }).meta({ id: "AnnotationListHead" });

export const FlagRequest = z
  .strictObject({ reason: z.string().trim().min(3, "Say briefly what is wrong.").max(500).refine(isStorableText, UNSTORABLE_TEXT_MESSAGE) })
  .meta({ id: "FlagRequest" });

export const ModerationRequest = z
  .strictObject({ reason: z.string().trim().max(500).refine(isStorableText, UNSTORABLE_TEXT_MESSAGE).optional() })
  .meta({ id: "ModerationRequest" });

export const HighlightSpansQuery = z.strictObject({ documentId: z.uuid() }).meta({ id: "HighlightSpansQuery" });

export const HighlightSpansResponse = z
  .object({
    items: z.array(z.object({ id: z.uuid(), start: z.int(), end: z.int(), color: HighlightColorSchema })),
  })
  .meta({ id: "HighlightSpans" });
export type HighlightSpansDto = z.infer<typeof HighlightSpansResponse>;
