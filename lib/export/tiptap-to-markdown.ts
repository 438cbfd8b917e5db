// Converts a stored comment (validated Tiptap JSON) to CommonMark with GitHub's
// strikethrough, for the Markdown study notes and the JSON-LD bodies. The inverse,
// markdown-to-tiptap in lib/import, reads back what this writes.
import type { TiptapBlockNode, TiptapDoc, TiptapInlineNode, TiptapMark } from "@/lib/rich-text/tiptap-schema";

// Links outermost, code innermost: inside backticks nothing else is markup.
const MARK_ORDER: Record<TiptapMark["type"], number> = { link: 0, bold: 1, italic: 2, strike: 3, code: 4 };

export function tiptapToMarkdown(doc: TiptapDoc): string {
  return blocksToMarkdown(doc.content);
}

function blocksToMarkdown(blocks: readonly TiptapBlockNode[]): string {
  return blocks
    .map(blockToMarkdown)
    .filter((markdown) => markdown !== "")
    .join("\n\n");
}

function blockToMarkdown(block: TiptapBlockNode): string {
  switch (block.type) {
    case "paragraph":
      return inlineToMarkdown(block.content ?? []);
    case "bulletList":
      return block.content.map((item) => listItem(blocksToMarkdown(item.content), "- ")).join("\n");
    case "orderedList": {
      const start = block.attrs?.start ?? 1;
      return block.content.map((item, index) => listItem(blocksToMarkdown(item.content), `${start + index}. `)).join("\n");
    }
    case "blockquote":
      return blocksToMarkdown(block.content)
        .split("\n")
        .map((line) => (line === "" ? ">" : `> ${line}`))
        .join("\n");
  }
}

// Continuation lines are indented by the marker's width, which CommonMark requires for them
// to stay inside the item.
function listItem(content: string, marker: string): string {
  const indent = " ".repeat(marker.length);
  return content
    .split("\n")
    .map((line, index) => (index === 0 ? `${marker}${line}` : line === "" ? "" : `${indent}${line}`))
    .join("\n");
}

/** Backslash-escapes what CommonMark could read as markup, including list and heading markers at a line start. */
export function escapeMarkdownText(text: string): string {
  return text
    .replace(/[\\`*_[\]<>|~&!]/g, (character) => `\\${character}`)
    .replace(/^(\s*)([#+=-])/gm, "$1\\$2")
    .replace(/^(\s*\d+)([.)])/gm, "$1\\$2");
}

function sortedMarks(marks: readonly TiptapMark[] | undefined): TiptapMark[] {
  return [...(marks ?? [])].sort((left, right) => MARK_ORDER[left.type] - MARK_ORDER[right.type]);
}

function sameMark(left: TiptapMark, right: TiptapMark): boolean {
  if (left.type === "link" && right.type === "link") return left.attrs.href === right.attrs.href;
  return left.type === right.type;
}

function opener(mark: TiptapMark): string {
  switch (mark.type) {
    case "link":
      return "[";
    case "bold":
      return "**";
    case "italic":
      return "*";
    case "strike":
      return "~~";
    case "code":
      return "`";
  }
}

function closer(mark: TiptapMark): string {
  if (mark.type === "link") return `](<${mark.attrs.href.replace(/[<>\\]/g, (c) => `\\${c}`)}>)`;
  return opener(mark);
}

/** A code span: no escapes inside, so the fence is one backtick longer than any run of them in the text. */
function codeSpan(text: string): string {
  const longestRun = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longestRun + 1);
  const padding = text.startsWith("`") || text.endsWith("`") ? " " : "";
  return `${fence}${padding}${text}${padding}${fence}`;
}

/*
 * Marks still active on the next node stay open (as ProseMirror's own Markdown serializer does),
 * so "**bold *and italic***" is one bold run. Delimiters must hug non-space text to count as
 * markup, so whitespace at a run's edges is moved outside its delimiters. Code is closed with
 * each node, because its fence depends on the text inside.
 */
function inlineToMarkdown(nodes: readonly TiptapInlineNode[]): string {
  let output = "";
  const open: TiptapMark[] = [];
  const closeFrom = (index: number) => {
    if (open.length <= index) return;
    const trailing = /[ \t]*$/.exec(output)?.[0] ?? "";
    output = output.slice(0, output.length - trailing.length);
    while (open.length > index) output += closer(open.pop()!);
    output += trailing;
  };
  for (const node of nodes) {
    const marks = sortedMarks(node.marks).filter((mark) => mark.type !== "code");
    let kept = 0;
    while (kept < open.length && kept < marks.length && sameMark(open[kept]!, marks[kept]!)) kept += 1;
    closeFrom(kept);
    if (node.type === "hardBreak") {
      output += "\\\n";
      continue;
    }
    // A mention reads as the person's name, as it does on screen.
    let text = node.type === "mention" ? `@${node.attrs.label}` : node.text;
    if (marks.length > kept) {
      const leading = /^[ \t]*/.exec(text)?.[0] ?? "";
      output += leading;
      text = text.slice(leading.length);
      for (const mark of marks.slice(kept)) {
        output += opener(mark);
        open.push(mark);
      }
    }
    const isCode = (node.marks ?? []).some((mark) => mark.type === "code");
    output += isCode ? codeSpan(text) : escapeMarkdownText(text);
  }
  closeFrom(0);
  return output;
}
