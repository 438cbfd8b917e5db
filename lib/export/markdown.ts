// Markdown study notes: the title and revision, then the document's sections in order
// under its own headings, each thread as the quoted passage, a line of facts (kind,
// tags, author, date), the comment in Markdown, and replies indented beneath.
import type { DocumentBlock } from "@/lib/document/canonical-text";
import { escapeMarkdownText, tiptapToMarkdown } from "./tiptap-to-markdown";
import { kindLabel, type ExportContext, type ExportedAnnotation, type ExportWriter } from "./export-model";

const PAGE_NOTES_HEADING = "Notes on the whole document";
const BEFORE_FIRST_HEADING = "Opening";

export function createMarkdownWriter(context: ExportContext): ExportWriter {
  const { document } = context;
  const headings = document.revision.blocks.filter((block) => block.type === "heading");
  let currentSection: string | null = null;

  const sectionOf = (annotation: ExportedAnnotation): string => {
    if (!annotation.target) return PAGE_NOTES_HEADING;
    if (annotation.revisionNumber !== document.revision.number) return `Revision ${annotation.revisionNumber}`;
    const heading = lastHeadingBefore(headings, annotation.target.start);
    return heading ? document.revision.text.slice(heading.start, heading.end) : BEFORE_FIRST_HEADING;
  };

  return {
    begin: () =>
      `# ${escapeMarkdownText(document.title)}\n\n` +
      `Revision ${document.revision.number} · ${context.total} annotations and replies · exported ${context.exportedAt.slice(0, 10)}\n`,
    threads: (batch) => {
      let output = "";
      for (const thread of batch) {
        const section = sectionOf(thread);
        if (section !== currentSection) {
          currentSection = section;
          output += `\n## ${escapeMarkdownText(section)}\n`;
        }
        output += `\n${renderThread(thread)}`;
      }
      return output;
    },
    end: () => "",
  };
}

/** The heading a passage falls under: the last heading block starting at or before it. */
function lastHeadingBefore(headings: readonly DocumentBlock[], offset: number): DocumentBlock | undefined {
  let found: DocumentBlock | undefined;
  for (const heading of headings) {
    if (heading.start > offset) break;
    found = heading;
  }
  return found;
}

function renderThread(root: ExportedAnnotation): string {
  const parts: string[] = [];
  if (root.target) parts.push(blockquote(root.target.exact));
  parts.push(factsLine(root, kindLabel(root.kind)));
  const body = bodyMarkdown(root);
  if (body) parts.push(body);
  let output = `${parts.join("\n\n")}\n`;
  const replies = root.replies.map((reply) => renderReply(reply)).join("\n");
  if (replies) output += `\n${replies}`;
  return output;
}

// Replies are list items, so a reply to a reply is indented once more. They use "*" where
// comment bodies use "-": a new bullet character starts a new list, so a comment that ends
// in a list never swallows the replies below it.
function renderReply(reply: ExportedAnnotation): string {
  const lines = [factsLine(reply, "Reply")];
  const body = bodyMarkdown(reply);
  if (body) lines.push("", body);
  const nested = reply.replies.map(renderReply).join("\n").trimEnd();
  if (nested) lines.push("", nested);
  return lines
    .join("\n")
    .split("\n")
    .map((line, index) => (index === 0 ? `* ${line}` : line === "" ? "" : `  ${line}`))
    .join("\n")
    .concat("\n");
}

function factsLine(annotation: ExportedAnnotation, label: string): string {
  const facts = [`**${label}**`];
  if (annotation.tags.length > 0) facts.push(`tags: ${annotation.tags.map(escapeMarkdownText).join(", ")}`);
  facts.push(escapeMarkdownText(annotation.author.name), annotation.createdAt.slice(0, 10));
  if (annotation.resolved) facts.push("resolved");
  return facts.join(" · ");
}

function bodyMarkdown(annotation: ExportedAnnotation): string {
  if (annotation.deleted) return "*(deleted)*";
  return annotation.body ? tiptapToMarkdown(annotation.body.doc) : "";
}

function blockquote(text: string): string {
  return escapeMarkdownText(text)
    .split("\n")
    .map((line) => (line.trim() === "" ? ">" : `> ${line}`))
    .join("\n");
}
