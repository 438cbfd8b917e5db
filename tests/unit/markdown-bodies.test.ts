// Comment bodies through Markdown and back: what tiptap-to-markdown writes, markdown-to-tiptap
// reads into a document that renders the same HTML, and Hypothesis-style Markdown imports.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { tiptapToMarkdown } from "@/lib/export/tiptap-to-markdown";
import { markdownToTiptap } from "@/lib/import/markdown-to-tiptap";
import { renderBodyHtml } from "@/lib/rich-text/render-html";
import { TiptapDocSchema, type TiptapDoc } from "@/lib/rich-text/tiptap-schema";

const html = (doc: TiptapDoc) => renderBodyHtml({ format: "tiptap", doc });
const paragraph = (...content: unknown[]) => ({ type: "paragraph", content });
const text = (value: string, ...marks: unknown[]) => (marks.length > 0 ? { type: "text", text: value, marks } : { type: "text", text: value });
const doc = (...content: unknown[]) => TiptapDocSchema.parse({ type: "doc", content });

const cases: Record<string, TiptapDoc> = {
  "plain text with markup characters": doc(paragraph(text("2 * 3 = 6, _not_ [a link](x) <b>, # not a heading & 1. not a list"))),
  "a leading list marker": doc(paragraph(text("- not a list item")), paragraph(text("1. nor this"))),
  "bold, italic, strike and code": doc(
    paragraph(text("a "), text("bold", { type: "bold" }), text(" "), text("it", { type: "italic" }), text(" "), text("gone", { type: "strike" }), text(" "), text("x `y`", { type: "code" })),
  ),
  "nested marks across runs": doc(paragraph(text("bold ", { type: "bold" }), text("and italic", { type: "bold" }, { type: "italic" }), text(" end"))),
  "a link with bold inside": doc(
    paragraph(text("see "), text("the ", { type: "link", attrs: { href: "https://example.org/a_b(c)" } }), text("paper", { type: "link", attrs: { href: "https://example.org/a_b(c)" } }, { type: "bold" })),
  ),
  "hard breaks": doc(paragraph(text("line one"), { type: "hardBreak" }, text("line two"))),
  "lists, nested, ordered from 3": doc(
    { type: "bulletList", content: [{ type: "listItem", content: [paragraph(text("one")), { type: "bulletList", content: [{ type: "listItem", content: [paragraph(text("inner"))] }] }] }, { type: "listItem", content: [paragraph(text("two"))] }] },
    { type: "orderedList", attrs: { start: 3 }, content: [{ type: "listItem", content: [paragraph(text("three"))] }, { type: "listItem", content: [paragraph(text("four"))] }] },
  ),
  "a quote with two paragraphs": doc({ type: "blockquote", content: [paragraph(text("quoted")), paragraph(text("again"))] }),
};

describe("comment bodies through Markdown", () => {
  for (const [name, original] of Object.entries(cases)) {
    it(`round-trips ${name}`, () => {
      const markdown = tiptapToMarkdown(original);
      const back = TiptapDocSchema.parse(markdownToTiptap(markdown));
      expect(html(back), markdown).toBe(html(original));
    });
  }

  it("round-trips any single-line text exactly", () => {
    const line = fc.string({ unit: fc.constantFrom(..."ab 1.-+#*_`[]()<>!&|~\\=é😀\"'"), minLength: 1, maxLength: 40 }).filter((value) => value.trim() === value && value !== "");
    fc.assert(
      fc.property(line, (value) => {
        const original = doc(paragraph(text(value)));
        const back = markdownToTiptap(tiptapToMarkdown(original));
        expect(back).toEqual(original);
      }),
      { numRuns: 300 },
    );
  });

  it("reads a Hypothesis-style Markdown comment into allow-listed rich text", () => {
    const parsed = TiptapDocSchema.parse(markdownToTiptap("## Heading\n\nSome *emphasis* and a [link](https://web.hypothes.is/).\n\n```\ncode block\n```\n\n<script>alert(1)</script>"));
    const rendered = html(parsed);
    expect(rendered).toContain("<em>emphasis</em>");
    expect(rendered).toContain('href="https://web.hypothes.is/"');
    expect(rendered).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(rendered).not.toContain("<script>");
  });
});
