import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { importPlainText } from "@/lib/document/import-text";
import { revisionToTiptapDoc } from "@/lib/document/revision-content";
import { proseMirrorPositionFromOffset } from "@/lib/document/canonical-text";

const seed = importPlainText(readFileSync("content/intestinal-permeability.txt", "utf8"));

describe("revisionToTiptapDoc", () => {
  it("renders headings as level-2 headings and paragraphs in order", () => {
    const doc = revisionToTiptapDoc(seed.text, seed.blocks);
    expect(doc.content?.map((node) => node.type)).toEqual(["paragraph", "heading", "paragraph", "heading", "paragraph"]);
    expect(doc.content?.[1]).toEqual({ type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: "Origin" }] });
  });

  it("keeps text offsets and ProseMirror positions one apart, so anchors map both ways", () => {
    const doc = revisionToTiptapDoc(seed.text, seed.blocks);
    // Walk the doc as ProseMirror counts: each block opens (+1), holds its text, closes (+1).
    let position = 0;
    seed.blocks.forEach((block, index) => {
      position += 1;
      expect(proseMirrorPositionFromOffset(block.start)).toBe(position);
      position += doc.content?.[index]?.content?.[0]?.text?.length ?? 0;
      position += 1;
    });
  });
});
