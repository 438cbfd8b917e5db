// Plain text and comment bodies: the plain-text rendering used for search and CSV exports, and
// the conversion of a plain-text body into the Tiptap document it is stored as.
import type { AnnotationBodyInput, TiptapBlockNode, TiptapDoc, TiptapInlineNode, TiptapParagraph } from "./tiptap-schema";

const PARAGRAPH_SEPARATOR = "\n\n";

/**
 * Splits plain text into paragraphs, each a list of lines: paragraphs are runs of non-blank
 * lines, and any number of blank (or whitespace-only) lines separates them. CRLF and CR count as
 * newlines.
 */
function splitPlainTextParagraphs(text: string): string[][] {
  const paragraphs: string[][] = [];
  let current: string[] = [];
  for (const line of text.split(/\r\n|\r|\n/)) {
    if (line.trim() === "") {
      if (current.length > 0) paragraphs.push(current);
      current = [];
    } else {
      current.push(line);
    }
  }
  if (current.length > 0) paragraphs.push(current);
  return paragraphs;
}

/** The Tiptap document for a plain-text body: one paragraph per paragraph, hard breaks between lines. */
export function plainTextToTiptapDoc(text: string): TiptapDoc {
  const paragraphs = splitPlainTextParagraphs(text).map((lines): TiptapParagraph => {
    const content: TiptapInlineNode[] = [];
    lines.forEach((line, index) => {
      if (index > 0) content.push({ type: "hardBreak" });
      content.push({ type: "text", text: line });
    });
    return { type: "paragraph", content };
  });
  // A document needs at least one block; an empty paragraph is what an empty editor holds.
  return { type: "doc", content: paragraphs.length > 0 ? paragraphs : [{ type: "paragraph" }] };
}

/**
 * The comment as plain text: paragraphs separated by a blank line, list items as "- item" or
 * "1. item" (nested lists indented under their item), quotes as "> ", hard breaks as newlines.
 */
export function bodyToPlainText(body: AnnotationBodyInput): string {
  return body.format === "text" ? body.text : blocksToPlainText(body.doc.content, PARAGRAPH_SEPARATOR);
}

function blocksToPlainText(blocks: readonly TiptapBlockNode[], separator: string): string {
  // Empty paragraphs (a trailing Enter in the editor) would only add runs of blank lines.
  return blocks
    .map(blockToPlainText)
    .filter((text) => text !== "")
    .join(separator);
}

function blockToPlainText(block: TiptapBlockNode): string {
  switch (block.type) {
    case "paragraph":
      return inlineToPlainText(block.content ?? []);
    case "bulletList":
      return block.content.map((item) => listItemToPlainText(item.content, "- ")).join("\n");
    case "orderedList": {
      const start = block.attrs?.start ?? 1;
      return block.content.map((item, index) => listItemToPlainText(item.content, `${start + index}. `)).join("\n");
    }
    case "blockquote":
      return blocksToPlainText(block.content, PARAGRAPH_SEPARATOR)
        .split("\n")
        .map((line) => (line === "" ? ">" : `> ${line}`))
        .join("\n");
  }
}

// Lines after the first are indented by the marker's width so that a second paragraph or a
// nested list reads as part of the item.
function listItemToPlainText(blocks: readonly TiptapBlockNode[], marker: string): string {
  const indent = " ".repeat(marker.length);
  return blocksToPlainText(blocks, "\n")
    .split("\n")
    .map((line, index) => {
      if (index === 0) return line === "" ? marker.trimEnd() : `${marker}${line}`;
      return line === "" ? "" : `${indent}${line}`;
    })
    .join("\n");
}

function inlineToPlainText(nodes: readonly TiptapInlineNode[]): string {
  return nodes.map((node) => (node.type === "text" ? node.text : node.type === "mention" ? `@${node.attrs.label}` : "\n")).join("");
}
