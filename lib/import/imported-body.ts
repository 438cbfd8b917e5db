// Turns an imported comment (Markdown, plain text or HTML) into the body input our
// create services take. HTML from other tools is reduced to its text: it is stored as
// text and escaped when shown, so no markup from elsewhere is ever rendered.
import type { AnnotationBodyInputJson } from "@/lib/rich-text/tiptap-schema";
import { markdownToTiptap } from "./markdown-to-tiptap";
import type { SourceAnnotation } from "./web-annotation-input";

const NAMED_ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };

export function importedBodyInput(body: NonNullable<SourceAnnotation["body"]>): AnnotationBodyInputJson {
  switch (body.format) {
    case "markdown":
      return { format: "tiptap", doc: markdownToTiptap(body.value) };
    case "plain":
      return { format: "text", text: body.value };
    case "html":
      return { format: "text", text: htmlToText(body.value) };
  }
}

export function htmlToText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<\/(p|div|li|blockquote|h[1-6])>/gi, "\n\n")
    .replace(/<[^>]*>/g, "")
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, name: string) => {
      if (name.startsWith("#x") || name.startsWith("#X")) return safeCodePoint(parseInt(name.slice(2), 16)) ?? entity;
      if (name.startsWith("#")) return safeCodePoint(parseInt(name.slice(1), 10)) ?? entity;
      return NAMED_ENTITIES[name.toLowerCase()] ?? entity;
    })
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

function safeCodePoint(code: number): string | undefined {
  return Number.isInteger(code) && code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : undefined;
}
