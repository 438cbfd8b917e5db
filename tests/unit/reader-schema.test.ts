// The reader's plain ProseMirror schema must give a revision the positions the anchoring
// code assumes (text offset + 1, blocks joined by "\n\n"), as Tiptap's nodes did.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readerSchema } from "@/components/reader/reader-schema";
import { proseMirrorRangeFromText, textRangeFromProseMirrorSelection } from "@/lib/anchoring/selection-offsets";
import { importPlainText } from "@/lib/document/import-text";
import { revisionToTiptapDoc } from "@/lib/document/revision-content";

const seed = importPlainText(readFileSync("content/intestinal-permeability.txt", "utf8"));

describe("readerSchema", () => {
  const doc = readerSchema.nodeFromJSON(revisionToTiptapDoc(seed.text, seed.blocks));

  it("holds the revision's blocks as headings and paragraphs, in order", () => {
    expect(doc.childCount).toBe(seed.blocks.length);
    doc.forEach((node, _offset, index) => {
      const block = seed.blocks[index]!;
      expect(node.type.name).toBe(block.type);
      expect(node.textContent).toBe(seed.text.slice(block.start, block.end));
    });
    doc.check();
  });

  it("maps text ranges to positions and back, across blocks too", () => {
    for (let start = 0; start < seed.text.length; start += 97) {
      for (const length of [1, 40, 400]) {
        const end = Math.min(seed.text.length, start + length);
        const { from, to } = proseMirrorRangeFromText(start, end);
        expect(doc.textBetween(from, to, "\n\n")).toBe(seed.text.slice(start, end));
        expect(textRangeFromProseMirrorSelection(from, to, seed.text.length)).toEqual({ start, end });
      }
    }
  });
});
