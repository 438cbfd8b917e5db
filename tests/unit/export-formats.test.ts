// The export renderers on a fixed set of threads: Markdown against a golden file, CSV
// parsed back by a CSV library, JSON-LD against a JSON Schema of the W3C model, and the
// printable page's escaping.
import { readFileSync } from "node:fs";
import { Ajv } from "ajv";
import addFormats from "ajv-formats";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { CSV_COLUMNS, createCsvWriter } from "@/lib/export/csv";
import type { ExportContext, ExportedAnnotation, ExportWriter } from "@/lib/export/export-model";
import { createJsonLdWriter } from "@/lib/export/jsonld";
import { createMarkdownWriter } from "@/lib/export/markdown";
import { createPrintHtmlWriter } from "@/lib/export/print-html";
import { sampleContext, sampleThreads } from "./fixtures/export-sample";

const fixture = (name: string) => new URL(`./fixtures/${name}`, import.meta.url);

/** Renders in two batches, as the streaming service does. */
function render(writer: ExportWriter, threads: readonly ExportedAnnotation[] = sampleThreads): string {
  return writer.begin() + writer.threads(threads.slice(0, 2)) + writer.threads(threads.slice(2)) + writer.end();
}

describe("Markdown study notes", () => {
  it("match the golden file: sections under the document's headings, quotes, facts, bodies, indented replies", () => {
    const golden = readFileSync(fixture("export-sample.golden.md"), "utf8");
    expect(render(createMarkdownWriter(sampleContext))).toBe(golden);
  });

  it("escape user text so a name or quote cannot turn into markup", () => {
    const markdown = render(createMarkdownWriter(sampleContext));
    expect(markdown).toContain("Ben \\<Admin\\>");
    expect(markdown).toContain("# Skin \\*barrier\\* notes");
  });
});

describe("CSV", () => {
  const csv = render(createCsvWriter(sampleContext));

  it("starts with a byte-order mark and uses CRLF line ends", () => {
    expect(csv.startsWith("\uFEFF")).toBe(true);
    expect(csv.split("\r\n")[0]).toBe(`\uFEFF${CSV_COLUMNS.join(",")}`);
  });

  it("parses back (csv-parse) into one row per annotation or reply with the same values", () => {
    const rows = parse(csv, { bom: true, columns: true, skip_empty_lines: true }) as Record<string, string>[];
    expect(rows.map((row) => row.id)).toEqual([
      "00000000-0000-4000-8000-000000000001",
      "00000000-0000-4000-8000-000000000002",
      "00000000-0000-4000-8000-000000000003",
      "00000000-0000-4000-8000-000000000004",
      "00000000-0000-4000-8000-000000000005",
      "00000000-0000-4000-8000-000000000006",
    ]);
    const comment = rows[2]!;
    expect(comment).toEqual({
      thread_id: "00000000-0000-4000-8000-000000000003",
      parent_id: "",
      id: "00000000-0000-4000-8000-000000000003",
      quote: "stratum corneum",
      start: String(sampleThreads[2]!.target!.start),
      end: String(sampleThreads[2]!.target!.end),
      kind: "comment",
      tags: "",
      author: "Ben <Admin>",
      created: "2026-11-20T10:00:00.000Z",
      updated: "2026-11-20T10:00:00.000Z",
      resolved: "yes",
      body: "Why both directions? See the review, = not a formula.\n\n- water\n- microbes",
    });
    expect(rows[4]).toMatchObject({
      thread_id: "00000000-0000-4000-8000-000000000003",
      parent_id: "00000000-0000-4000-8000-000000000004",
      kind: "reply",
      // A leading "-" would be run as a formula by spreadsheets: it is neutralized.
      body: "'-1 to that, \"proteins\" too",
    });
    expect(rows[5]).toMatchObject({ kind: "note", tags: "exam; renewal", quote: "four weeks", body: "" });
  });
});

describe("W3C Web Annotation JSON-LD", () => {
  const schema = JSON.parse(readFileSync(new URL("../schemas/web-annotation-collection.schema.json", import.meta.url), "utf8")) as object;
  const ajv = new Ajv({ allErrors: true, strict: true });
  addFormats.default(ajv);
  const validate = ajv.compile(schema);
  const collectionId = "https://marginalia.test/api/documents/11111111-1111-4111-8111-111111111111/export?format=jsonld";

  it("passes the JSON Schema of the model's required fields", () => {
    const document = JSON.parse(render(createJsonLdWriter(sampleContext, collectionId))) as unknown;
    const valid = validate(document);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it("gives motivations, tagging bodies, both selectors, and replies that target their parent's IRI", () => {
    const collection = JSON.parse(render(createJsonLdWriter(sampleContext, collectionId))) as {
      total: number;
      first: { items: Array<Record<string, unknown>> };
    };
    const items = collection.first.items;
    expect(collection.total).toBe(6);
    expect(items.map((item) => item.motivation)).toEqual(["commenting", "highlighting", "commenting", "replying", "replying", "tagging"]);
    expect(items[3]!.target).toBe("https://marginalia.test/api/annotations/00000000-0000-4000-8000-000000000003");
    expect(items[2]!.target).toMatchObject({
      source: "https://marginalia.test/documents/skin-notes?revision=2",
      selector: [
        { type: "TextQuoteSelector", exact: "stratum corneum" },
        { type: "TextPositionSelector", start: sampleThreads[2]!.target!.start, end: sampleThreads[2]!.target!.end },
      ],
    });
    expect(items[5]!.body).toEqual([
      { type: "TextualBody", purpose: "tagging", value: "exam" },
      { type: "TextualBody", purpose: "tagging", value: "renewal" },
    ]);
  });

  it("splits many annotations into chained AnnotationPages that still validate", () => {
    const many = Array.from({ length: 2500 }, (_, index): ExportedAnnotation => ({
      ...sampleThreads[1]!,
      id: `00000000-0000-4000-8000-${String(index).padStart(12, "0")}`,
    }));
    const context: ExportContext = { ...sampleContext, total: many.length };
    const document = JSON.parse(render(createJsonLdWriter(context, collectionId), many)) as { first: { items: unknown[]; next: { startIndex: number; items: unknown[]; next: { items: unknown[]; next?: unknown } } } };
    expect(validate(document)).toBe(true);
    expect([document.first.items.length, document.first.next.items.length, document.first.next.next.items.length]).toEqual([1000, 1000, 500]);
    expect(document.first.next.startIndex).toBe(1000);
    expect(document.first.next.next.next).toBeUndefined();
  });
});

describe("the printable page", () => {
  const html = render(createPrintHtmlWriter(sampleContext));

  it("marks every highlighted passage and numbers its note in the margin", () => {
    expect(html).toContain("<mark>stratum corneum</mark><sup class=\"ref\"><a href=\"#note-3\">3</a></sup>");
    expect(html).toContain('<li id="note-4" value="4"><blockquote class="quote">four weeks</blockquote>');
    expect(html).toMatch(/@media print/);
  });

  it("marks overlapping passages piece by piece and leaves the gaps unmarked", () => {
    const text = sampleContext.document.revision.text;
    const span = (quote: string) => {
      const start = text.indexOf(quote);
      return { start, end: start + quote.length, exact: quote, prefix: "", suffix: "" };
    };
    const overlapping = [
      { ...sampleThreads[1]!, id: "a", target: span("stratum corneum keeps") },
      { ...sampleThreads[1]!, id: "b", target: span("corneum keeps water") },
    ];
    const page = render(createPrintHtmlWriter(sampleContext), overlapping);
    expect(page).toContain(
      '<p>The <mark>stratum </mark><mark>corneum keeps</mark><sup class="ref"><a href="#note-1">1</a></sup><mark> water</mark><sup class="ref"><a href="#note-2">2</a></sup> in and microbes out.</p>',
    );
  });

  it("escapes names, titles and quotes, and uses the stored sanitized body HTML", () => {
    expect(html).toContain("Ben &lt;Admin&gt;");
    expect(html).not.toContain("<Admin>");
    expect(html).toContain('<a href="https://example.org/review" rel="noopener noreferrer nofollow" target="_blank">the review</a>');
    expect(html).toContain("<title>Skin *barrier* notes — annotated</title>");
  });
});
