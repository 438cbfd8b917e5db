// The printable page: the text with its highlights and numbered notes beside each
// paragraph, styled for the browser's "Save as PDF". Every value is escaped; comment
// bodies use only the stored, sanitized HTML. The text can only be drawn once every
// highlight is known, so this writer keeps the threads and renders at the end.
import { escapeHtml } from "@/lib/rich-text/render-html";
import type { DocumentBlock } from "@/lib/document/canonical-text";
import { kindLabel, type ExportContext, type ExportedAnnotation, type ExportWriter } from "./export-model";

type NumberedThread = { number: number; thread: ExportedAnnotation };

export function createPrintHtmlWriter(context: ExportContext): ExportWriter {
  const threads: ExportedAnnotation[] = [];
  return {
    begin: () => "",
    threads: (batch) => {
      threads.push(...batch);
      return "";
    },
    end: () => renderPrintHtml(context, threads),
  };
}

export function renderPrintHtml(context: ExportContext, threads: readonly ExportedAnnotation[]): string {
  const { document } = context;
  const numbered = threads.map((thread, index): NumberedThread => ({ number: index + 1, thread }));
  const anchored = numbered.filter(({ thread }) => thread.target && thread.revisionNumber === document.revision.number);
  const elsewhere = numbered.filter(({ thread }) => !thread.target || thread.revisionNumber !== document.revision.number);
  const rows = document.revision.blocks.map((block) => renderBlockRow(document.revision.text, block, anchored)).join("\n");
  const title = escapeHtml(document.title);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} — annotated</title>
<style>${PRINT_CSS}</style>
</head>
<body>
<header>
<h1>${title}</h1>
<p class="meta">Revision ${document.revision.number} · ${numbered.length} threads · exported ${escapeHtml(context.exportedAt.slice(0, 10))}</p>
</header>
<main>
${elsewhere.length > 0 ? `<section class="page-notes" aria-label="Notes on the whole document"><h2>Notes on the whole document</h2><ol class="notes">${elsewhere.map(renderNote).join("")}</ol></section>` : ""}
${rows}
</main>
</body>
</html>
`;
}

function renderBlockRow(text: string, block: DocumentBlock, anchored: readonly NumberedThread[]): string {
  const overlapping = anchored.filter(({ thread }) => thread.target!.start < block.end && thread.target!.end > block.start);
  const startingHere = overlapping.filter(({ thread }) => thread.target!.start >= block.start);
  const tag = block.type === "heading" ? "h2" : "p";
  const notes = startingHere.length > 0 ? `<ol class="notes">${startingHere.map(renderNote).join("")}</ol>` : "";
  return `<div class="row"><div class="text"><${tag}>${renderHighlightedText(text, block, overlapping, startingHere)}</${tag}></div><aside class="margin">${notes}</aside></div>`;
}

/**
 * The block's text cut at every highlight edge; covered pieces are marked, and each note's
 * number follows its passage. Coverage is swept edge by edge (+1 where a passage starts, -1
 * where it ends), so thousands of overlapping highlights cost n log n, not n².
 */
function renderHighlightedText(
  text: string,
  block: DocumentBlock,
  overlapping: readonly NumberedThread[],
  startingHere: readonly NumberedThread[],
): string {
  const clip = (offset: number) => Math.min(block.end, Math.max(block.start, offset));
  const coverageChange = new Map<number, number>([[block.start, 0], [block.end, 0]]);
  for (const { thread } of overlapping) {
    const start = clip(thread.target!.start);
    const end = clip(thread.target!.end);
    coverageChange.set(start, (coverageChange.get(start) ?? 0) + 1);
    coverageChange.set(end, (coverageChange.get(end) ?? 0) - 1);
  }
  const referencesAt = new Map<number, number[]>();
  for (const { number, thread } of startingHere) {
    const at = clip(thread.target!.end);
    referencesAt.set(at, [...(referencesAt.get(at) ?? []), number]);
  }
  const edges = [...coverageChange.keys()].sort((a, b) => a - b);
  let html = "";
  let coverage = 0;
  for (let index = 0; index < edges.length - 1; index++) {
    const from = edges[index]!;
    const to = edges[index + 1]!;
    coverage += coverageChange.get(from)!;
    const piece = escapeHtml(text.slice(from, to));
    html += coverage > 0 ? `<mark>${piece}</mark>` : piece;
    for (const number of referencesAt.get(to) ?? []) html += `<sup class="ref"><a href="#note-${number}">${number}</a></sup>`;
  }
  return html;
}

function renderNote({ number, thread }: NumberedThread): string {
  const quote = thread.target ? `<blockquote class="quote">${escapeHtml(thread.target.exact)}</blockquote>` : "";
  return `<li id="note-${number}" value="${number}">${quote}${renderEntry(thread, kindLabel(thread.kind))}</li>`;
}

function renderEntry(annotation: ExportedAnnotation, label: string): string {
  const facts = [label, ...(annotation.tags.length > 0 ? [`tags: ${annotation.tags.join(", ")}`] : []), annotation.author.name, annotation.createdAt.slice(0, 10)];
  if (annotation.resolved) facts.push("resolved");
  const body = annotation.deleted ? `<p class="deleted">(deleted)</p>` : (annotation.body?.html ?? "");
  const replies = annotation.replies.length > 0 ? `<ul class="replies">${annotation.replies.map((reply) => `<li>${renderEntry(reply, "Reply")}</li>`).join("")}</ul>` : "";
  return `<p class="facts">${facts.map(escapeHtml).join(" · ")}</p>${body ? `<div class="body">${body}</div>` : ""}${replies}`;
}

const PRINT_CSS = `
:root { color-scheme: light; font-family: Georgia, "Times New Roman", serif; color: #1a1a1a; }
body { margin: 2rem auto; max-width: 60rem; padding: 0 1rem; line-height: 1.55; }
header h1 { margin-bottom: 0.2rem; }
.meta { color: #555; font-size: 0.9rem; }
.row { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 1.5rem; align-items: start; }
.text p, .text h2 { margin: 0 0 1rem; }
mark { background: #fff3a3; color: inherit; print-color-adjust: exact; -webkit-print-color-adjust: exact; }
.ref { font-size: 0.7em; font-family: system-ui, sans-serif; }
.ref a { color: #8a4b00; text-decoration: none; margin-left: 0.1em; }
.margin, .page-notes { font-family: system-ui, sans-serif; font-size: 0.8rem; }
.notes { margin: 0; padding-left: 1.6rem; }
.notes > li { margin-bottom: 0.8rem; break-inside: avoid; }
.quote { margin: 0 0 0.2rem; padding-left: 0.5rem; border-left: 2px solid #d9c25a; color: #444; font-style: italic; }
.facts { margin: 0; color: #555; font-weight: 600; }
.body p { margin: 0.2rem 0; }
.replies { list-style: none; margin: 0.3rem 0 0; padding-left: 0.8rem; border-left: 1px solid #ccc; }
@media print {
  @page { margin: 16mm 14mm; }
  body { margin: 0; max-width: none; font-size: 10.5pt; }
  .margin, .page-notes { font-size: 8pt; }
  a { color: inherit; }
}
`;
