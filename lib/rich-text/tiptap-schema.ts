// The allow-list for annotation comment bodies: zod schemas for the Tiptap JSON the editor sends
// (and for plain-text bodies), the size caps, and the link-href policy the renderer reuses.
import "@/lib/zod-setup";
import { z } from "zod";
import { isStorableText } from "@/lib/validation/storable-text";

/** Most characters of text a comment may hold, counted over all its text nodes. */
export const MAX_COMMENT_TEXT_LENGTH = 10_000;

/** Most lists and quotes that may sit inside one another. */
export const MAX_NESTING_DEPTH = 8;

/** Most nodes (paragraphs, list items, text runs, breaks...) in one comment. */
export const MAX_NODE_COUNT = 2_000;

/** Highest `start` an ordered list may have. */
export const MAX_ORDERED_LIST_START = 10_000;

const MAX_HREF_LENGTH = 2_048;

// The deepest JSON a valid document can produce is about 40 levels (each list level costs four:
// list, content, listItem, content). Zod parses recursively and overflows the stack near 1,000
// levels, which a 64 KB body can reach, so anything deeper is refused before the structural parse.
const MAX_RAW_JSON_DEPTH = 64;

const TOO_LONG_MESSAGE = "The comment is longer than 10,000 characters.";
const EMPTY_MESSAGE = "The comment is empty.";
const TOO_DEEP_MESSAGE = "Lists and quotes can be nested at most 8 levels deep.";
const TOO_MANY_NODES_MESSAGE = "The comment has too many parts (more than 2,000 paragraphs, list items and formatted pieces).";
const UNSTORABLE_TEXT_MESSAGE = "The comment contains characters that cannot be stored.";
const BAD_HREF_MESSAGE = "Links must be full http, https or mailto addresses.";

const ALLOWED_LINK_PROTOCOLS: ReadonlySet<string> = new Set(["http:", "https:", "mailto:"]);

/*
 * Browsers drop tabs and newlines inside URLs ("java\tscript:" runs as javascript:) and other
 * parsers treat invisible or exotic spaces differently, so a real link never needs them and any
 * of them is taken as an attempt to make two parsers disagree.
 */
function isUnsafeUrlCodeUnit(code: number): boolean {
  return (
    code <= 0x20 || // C0 controls and space
    (code >= 0x7f && code <= 0xa0) || // DEL, C1 controls, no-break space
    code === 0xad || // soft hyphen
    code === 0x1680 ||
    code === 0x180e ||
    (code >= 0x2000 && code <= 0x200f) || // spaces, zero-width characters, direction marks
    (code >= 0x2028 && code <= 0x202f) || // line/paragraph separators, bidi embeddings
    (code >= 0x205f && code <= 0x206f) ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/**
 * Whether `href` may be stored and rendered as a link: an absolute http, https or mailto URL,
 * already trimmed, with no control, whitespace or invisible characters anywhere.
 */
export function isAllowedLinkHref(href: string): boolean {
  if (href.length === 0 || href.length > MAX_HREF_LENGTH) return false;
  for (let index = 0; index < href.length; index++) {
    if (isUnsafeUrlCodeUnit(href.charCodeAt(index))) return false;
  }
  // The scheme must be spelled out at the very start: that rules out relative and
  // protocol-relative URLs and entity tricks like "&#106;avascript:" before any parsing.
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(href)?.[1]?.toLowerCase();
  if (scheme === undefined || !ALLOWED_LINK_PROTOCOLS.has(`${scheme}:`)) return false;
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return false;
  }
  // The WHATWG parser is what the browser will use; it must agree with the scheme we read.
  if (url.protocol !== `${scheme}:`) return false;
  return url.protocol === "mailto:" || url.hostname.length > 0;
}

// PostgreSQL text and jsonb columns refuse NUL and unpaired surrogates; catching them here turns
// what would be a failed insert into an ordinary validation error.

// ---- Marks ----------------------------------------------------------------------------------

export const TiptapLinkMarkSchema = z
  .strictObject({
    type: z.literal("link"),
    attrs: z
      .strictObject({
        href: z.string().trim().refine(isAllowedLinkHref, BAD_HREF_MESSAGE),
        target: z.literal("_blank").nullable().optional(),
        // Tiptap's Link always sends these. The server writes its own rel and never renders class
        // or title, so they are accepted only to be dropped: stored JSON reloaded into an editor
        // must not bring back a class or rel the server never vetted.
        rel: z.string().max(200).nullable().optional(),
        class: z.string().max(200).nullable().optional(),
        title: z.string().max(500).nullable().optional(),
      })
      .transform(({ href, target }): { href: string; target?: "_blank" } =>
        target === "_blank" ? { href, target } : { href },
      ),
  })
  .meta({ id: "TiptapLinkMark" });

const TiptapFormattingMarkSchema = z
  .strictObject({ type: z.enum(["bold", "italic", "code", "strike"]) })
  .meta({ id: "TiptapFormattingMark" });

export const TiptapMarkSchema = z
  .discriminatedUnion("type", [TiptapFormattingMarkSchema, TiptapLinkMarkSchema])
  .meta({ id: "TiptapMark" });

// ProseMirror never puts the same mark type twice on one node, so five marks is the most there
// can be; the check keeps a flood of repeated marks out.
const TiptapMarkListSchema = z
  .array(TiptapMarkSchema)
  .max(5)
  .refine((marks) => new Set(marks.map((mark) => mark.type)).size === marks.length, "A mark appears twice on the same text.");

// ---- Inline nodes ---------------------------------------------------------------------------

export const TiptapTextNodeSchema = z
  .strictObject({
    type: z.literal("text"),
    text: z
      .string()
      .min(1, "Text nodes cannot be empty.")
      .max(MAX_COMMENT_TEXT_LENGTH, TOO_LONG_MESSAGE)
      .refine(isStorableText, UNSTORABLE_TEXT_MESSAGE),
    marks: TiptapMarkListSchema.optional(),
  })
  .meta({ id: "TiptapText" });

// A break pasted inside bold text carries the bold mark, so marks are allowed here too.
export const TiptapHardBreakSchema = z
  .strictObject({ type: z.literal("hardBreak"), marks: TiptapMarkListSchema.optional() })
  .meta({ id: "TiptapHardBreak" });

/** Most characters of a mentioned person's name as shown in the comment. */
export const MAX_MENTION_LABEL_LENGTH = 100;

// An @mention of a group member, as @tiptap/extension-mention emits it. The id is a user id;
// the server decides whom it may notify (group members only), so a forged id reaches no one.
// The label is what the author saw when choosing; it renders as escaped text like any other.
export const TiptapMentionSchema = z
  .strictObject({
    type: z.literal("mention"),
    attrs: z
      .strictObject({
        id: z.uuid(),
        label: z.string().trim().min(1).max(MAX_MENTION_LABEL_LENGTH).refine(isStorableText, UNSTORABLE_TEXT_MESSAGE),
        // Sent by the extension; only "@" is used here, so it is accepted and dropped.
        mentionSuggestionChar: z.literal("@").nullable().optional(),
      })
      .transform(({ id, label }) => ({ id, label })),
    marks: TiptapMarkListSchema.optional(),
  })
  .meta({ id: "TiptapMention" });

export const TiptapInlineNodeSchema = z
  .discriminatedUnion("type", [TiptapTextNodeSchema, TiptapHardBreakSchema, TiptapMentionSchema])
  .meta({ id: "TiptapInlineNode" });

// ---- Block nodes ----------------------------------------------------------------------------

export const TiptapParagraphSchema = z
  .strictObject({ type: z.literal("paragraph"), content: z.array(TiptapInlineNodeSchema).optional() })
  .meta({ id: "TiptapParagraph" });

export const TiptapBulletListSchema = z
  .strictObject({
    type: z.literal("bulletList"),
    get content() {
      return z.array(TiptapListItemSchema).min(1);
    },
  })
  .meta({ id: "TiptapBulletList" });

export const TiptapOrderedListSchema = z
  .strictObject({
    type: z.literal("orderedList"),
    attrs: z
      .strictObject({
        start: z.int().min(1).max(MAX_ORDERED_LIST_START).optional(),
        // Tiptap 3 sends the list style (null unless pasted as "a", "i"...). Only ol[start] is
        // rendered, so the style is accepted and dropped to keep the stored JSON what is shown.
        type: z.enum(["1", "a", "A", "i", "I"]).nullable().optional(),
      })
      .transform(({ start }): { start?: number } => (start === undefined ? {} : { start }))
      .optional(),
    get content() {
      return z.array(TiptapListItemSchema).min(1);
    },
  })
  .meta({ id: "TiptapOrderedList" });

export const TiptapBlockquoteSchema = z
  .strictObject({
    type: z.literal("blockquote"),
    get content() {
      return z.array(TiptapBlockNodeSchema).min(1);
    },
  })
  .meta({ id: "TiptapBlockquote" });

// Tiptap's listItem holds "paragraph block*", so a quote inside a list item is legitimate editor
// output and is allowed alongside paragraphs and nested lists.
export const TiptapListItemSchema = z
  .strictObject({
    type: z.literal("listItem"),
    get content() {
      return z.array(TiptapBlockNodeSchema).min(1);
    },
  })
  .meta({ id: "TiptapListItem" });

export const TiptapBlockNodeSchema = z
  .discriminatedUnion("type", [TiptapParagraphSchema, TiptapBulletListSchema, TiptapOrderedListSchema, TiptapBlockquoteSchema])
  .meta({ id: "TiptapBlockNode" });

export type TiptapMark = z.output<typeof TiptapMarkSchema>;
export type TiptapLinkMark = z.output<typeof TiptapLinkMarkSchema>;
export type TiptapTextNode = z.output<typeof TiptapTextNodeSchema>;
export type TiptapHardBreak = z.output<typeof TiptapHardBreakSchema>;
export type TiptapMention = z.output<typeof TiptapMentionSchema>;
export type TiptapInlineNode = z.output<typeof TiptapInlineNodeSchema>;
export type TiptapParagraph = z.output<typeof TiptapParagraphSchema>;
export type TiptapBulletList = z.output<typeof TiptapBulletListSchema>;
export type TiptapOrderedList = z.output<typeof TiptapOrderedListSchema>;
export type TiptapListItem = z.output<typeof TiptapListItemSchema>;
export type TiptapBlockquote = z.output<typeof TiptapBlockquoteSchema>;
export type TiptapBlockNode = z.output<typeof TiptapBlockNodeSchema>;

// ---- Whole-document caps --------------------------------------------------------------------

type DocumentMeasurements = { textLength: number; nodeCount: number; nestingDepth: number };

function measureBlocks(blocks: readonly TiptapBlockNode[], depth: number, totals: DocumentMeasurements): void {
  for (const block of blocks) {
    totals.nodeCount += 1;
    switch (block.type) {
      case "paragraph":
        for (const inline of block.content ?? []) {
          totals.nodeCount += 1;
          if (inline.type === "text") totals.textLength += inline.text.length;
          if (inline.type === "mention") totals.textLength += inline.attrs.label.length + 1;
        }
        break;
      case "bulletList":
      case "orderedList":
        totals.nestingDepth = Math.max(totals.nestingDepth, depth + 1);
        for (const item of block.content) {
          totals.nodeCount += 1;
          measureBlocks(item.content, depth + 1, totals);
        }
        break;
      case "blockquote":
        totals.nestingDepth = Math.max(totals.nestingDepth, depth + 1);
        measureBlocks(block.content, depth + 1, totals);
        break;
    }
  }
}

/** Iteratively finds how deeply arrays and objects nest, giving up as soon as `limit` is passed. */
function exceedsJsonDepth(value: unknown, limit: number): boolean {
  const pending: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (typeof next.value !== "object" || next.value === null) continue;
    const depth = next.depth + 1;
    if (depth > limit) return true;
    for (const child of Object.values(next.value)) pending.push({ value: child, depth });
  }
  return false;
}

const TiptapDocStructureSchema = z
  .strictObject({ type: z.literal("doc"), content: z.array(TiptapBlockNodeSchema).min(1) })
  .superRefine((doc, ctx) => {
    const totals: DocumentMeasurements = { textLength: 0, nodeCount: 1, nestingDepth: 0 };
    measureBlocks(doc.content, 0, totals);
    if (totals.textLength === 0) ctx.addIssue({ code: "custom", message: EMPTY_MESSAGE });
    if (totals.textLength > MAX_COMMENT_TEXT_LENGTH) ctx.addIssue({ code: "custom", message: TOO_LONG_MESSAGE });
    if (totals.nestingDepth > MAX_NESTING_DEPTH) ctx.addIssue({ code: "custom", message: TOO_DEEP_MESSAGE });
    if (totals.nodeCount > MAX_NODE_COUNT) ctx.addIssue({ code: "custom", message: TOO_MANY_NODES_MESSAGE });
  })
  .meta({ id: "TiptapDoc" });

/** A whole Tiptap document: the allow-listed structure plus the length, depth and size caps. */
export const TiptapDocSchema = z.preprocess((value, ctx) => {
  if (exceedsJsonDepth(value, MAX_RAW_JSON_DEPTH)) ctx.addIssue({ code: "custom", message: TOO_DEEP_MESSAGE });
  return value;
}, TiptapDocStructureSchema);

export type TiptapDoc = z.output<typeof TiptapDocSchema>;

// ---- Request bodies -------------------------------------------------------------------------

export const TiptapBodyInputSchema = z
  .strictObject({ format: z.literal("tiptap"), doc: TiptapDocSchema })
  .meta({ id: "AnnotationTiptapBody" });

export const TextBodyInputSchema = z
  .strictObject({
    format: z.literal("text"),
    text: z
      .string()
      .min(1, EMPTY_MESSAGE)
      .refine((text) => text.trim() !== "", EMPTY_MESSAGE)
      .max(MAX_COMMENT_TEXT_LENGTH, TOO_LONG_MESSAGE)
      .refine(isStorableText, UNSTORABLE_TEXT_MESSAGE),
  })
  .meta({ id: "AnnotationTextBody" });

/** An annotation's comment as a client sends it: rich Tiptap JSON or plain text. */
export const AnnotationBodyInputSchema = z
  .discriminatedUnion("format", [TiptapBodyInputSchema, TextBodyInputSchema])
  .meta({ id: "AnnotationBodyInput" });

export type TiptapBodyInput = z.output<typeof TiptapBodyInputSchema>;
export type TextBodyInput = z.output<typeof TextBodyInputSchema>;
/** A validated body: link attributes trimmed and stripped to href/target, caps checked. */
export type AnnotationBodyInput = z.output<typeof AnnotationBodyInputSchema>;
/** The JSON a client may send, before validation strips ignored attributes. */
export type AnnotationBodyInputJson = z.input<typeof AnnotationBodyInputSchema>;
