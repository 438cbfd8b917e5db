// Reads a Markdown comment (ours from tiptap-to-markdown, or another tool's, such as
// Hypothesis's) into the Tiptap JSON our comments are stored as. What our editor cannot
// hold (headings, code blocks, images, raw HTML) becomes plain paragraphs and text, so
// nothing is lost and nothing is rendered as markup it was not vetted as.
import { Lexer, type Token, type Tokens } from "marked";
import type { TiptapDoc } from "@/lib/rich-text/tiptap-schema";

type Mark = { type: "bold" | "italic" | "strike" | "code" } | { type: "link"; attrs: { href: string } };
type Inline = { type: "text"; text: string; marks?: Mark[] } | { type: "hardBreak" };
type Block =
  | { type: "paragraph"; content?: Inline[] }
  | { type: "bulletList"; content: ListItem[] }
  | { type: "orderedList"; attrs?: { start: number }; content: ListItem[] }
  | { type: "blockquote"; content: Block[] };
type ListItem = { type: "listItem"; content: Block[] };

/** The Tiptap document for a Markdown text; validate it with TiptapDocSchema before storing. */
export function markdownToTiptap(markdown: string): TiptapDoc {
  const blocks = toBlocks(new Lexer({ gfm: true }).lex(markdown));
  return { type: "doc", content: blocks.length > 0 ? blocks : [{ type: "paragraph" }] } as TiptapDoc;
}

function toBlocks(tokens: readonly Token[]): Block[] {
  return tokens.flatMap((token): Block[] => {
    switch (token.type) {
      case "paragraph":
      case "heading":
        return [paragraph(toInline((token as Tokens.Paragraph).tokens, []))];
      case "text": {
        const text = token as Tokens.Text;
        return [paragraph(text.tokens ? toInline(text.tokens, []) : plain(text.text, []))];
      }
      case "list": {
        const list = token as Tokens.List;
        const content = list.items.map((item): ListItem => {
          const blocks = toBlocks(item.tokens);
          return { type: "listItem", content: blocks.length > 0 ? blocks : [{ type: "paragraph" }] };
        });
        if (!list.ordered) return [{ type: "bulletList", content }];
        const start = typeof list.start === "number" && list.start > 1 ? list.start : undefined;
        return [start === undefined ? { type: "orderedList", content } : { type: "orderedList", attrs: { start }, content }];
      }
      case "blockquote": {
        const inner = toBlocks((token as Tokens.Blockquote).tokens);
        return inner.length > 0 ? [{ type: "blockquote", content: inner }] : [];
      }
      case "code":
        return [paragraph(plain((token as Tokens.Code).text, [{ type: "code" }]))];
      case "html":
        return [paragraph(plain((token as Tokens.HTML).text.trim(), []))];
      default:
        // space, hr, def, table...: tables keep their text via raw; the rest carry no text.
        return token.type === "table" ? [paragraph(plain(token.raw.trim(), []))] : [];
    }
  });
}

function paragraph(content: Inline[]): Block {
  return content.length > 0 ? { type: "paragraph", content } : { type: "paragraph" };
}

/** Text with newlines as hard breaks, so a multi-line code block keeps its lines. */
function plain(text: string, marks: Mark[]): Inline[] {
  const nodes: Inline[] = [];
  text.split("\n").forEach((line, index) => {
    if (index > 0) nodes.push({ type: "hardBreak" });
    if (line !== "") nodes.push(marks.length > 0 ? { type: "text", text: line, marks } : { type: "text", text: line });
  });
  return nodes;
}

function toInline(tokens: readonly Token[] | undefined, marks: Mark[]): Inline[] {
  const nodes = (tokens ?? []).flatMap((token): Inline[] => {
    switch (token.type) {
      case "strong":
        return toInline((token as Tokens.Strong).tokens, withMark(marks, { type: "bold" }));
      case "em":
        return toInline((token as Tokens.Em).tokens, withMark(marks, { type: "italic" }));
      case "del":
        return toInline((token as Tokens.Del).tokens, withMark(marks, { type: "strike" }));
      case "codespan":
        return plain((token as Tokens.Codespan).text, withMark(marks, { type: "code" }));
      case "link": {
        const link = token as Tokens.Link;
        return toInline(link.tokens, withMark(marks, { type: "link", attrs: { href: link.href } }));
      }
      case "br":
        return [{ type: "hardBreak" }];
      case "image":
        return plain((token as Tokens.Image).text, marks);
      case "text": {
        const text = token as Tokens.Text;
        return text.tokens ? toInline(text.tokens, marks) : plain(text.text, marks);
      }
      default:
        // escape, html and anything else: the literal text.
        return plain("text" in token && typeof token.text === "string" ? token.text : token.raw, marks);
    }
  });
  return mergeAdjacentText(nodes);
}

function withMark(marks: Mark[], mark: Mark): Mark[] {
  return marks.some((existing) => existing.type === mark.type) ? marks : [...marks, mark];
}

/** Joins neighbouring text runs with the same marks, as the editor itself would store them. */
function mergeAdjacentText(nodes: Inline[]): Inline[] {
  const merged: Inline[] = [];
  for (const node of nodes) {
    const last = merged.at(-1);
    if (node.type === "text" && last?.type === "text" && sameMarks(last.marks, node.marks)) {
      merged[merged.length - 1] = { ...last, text: last.text + node.text };
    } else {
      merged.push(node);
    }
  }
  return merged;
}

function markKey(mark: Mark): string {
  return mark.type === "link" ? `link:${mark.attrs.href}` : mark.type;
}

function sameMarks(left: Mark[] | undefined, right: Mark[] | undefined): boolean {
  const a = (left ?? []).map(markKey).sort();
  const b = (right ?? []).map(markKey).sort();
  return a.length === b.length && a.every((key, index) => key === b[index]);
}
