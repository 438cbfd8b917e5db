// Canonical text conventions shared by the importer, the editor and annotation anchoring:
// how a revision's blocks are joined into one string, and how string offsets map to ProseMirror.

/** Blocks of a revision are joined by exactly this; nothing else ever separates blocks. */
export const BLOCK_SEPARATOR = "\n\n";

export type BlockType = "heading" | "paragraph";

/**
 * A block of the canonical text. Offsets are UTF-16 code unit indices (JavaScript string
 * indices) so the browser and the server slice the same characters; `end` is exclusive.
 */
export type DocumentBlock = { type: BlockType; start: number; end: number };

/** A block's type and content before it is placed into the canonical text. */
export type BlockContent = { type: BlockType; text: string };

export function blockText(text: string, block: DocumentBlock): string {
  return text.slice(block.start, block.end);
}

/** Joins block contents with BLOCK_SEPARATOR and records where each one landed. */
export function layoutBlocks(contents: readonly BlockContent[]): { text: string; blocks: DocumentBlock[] } {
  const blocks: DocumentBlock[] = [];
  let offset = 0;
  for (const content of contents) {
    blocks.push({ type: content.type, start: offset, end: offset + content.text.length });
    offset += content.text.length + BLOCK_SEPARATOR.length;
  }
  return { text: contents.map((content) => content.text).join(BLOCK_SEPARATOR), blocks };
}

/*
 * Why a ProseMirror position is simply offset + 1: the document is a flat list of textblocks
 * (no nesting). Each textblock costs one position for its opening token, then one per UTF-16
 * code unit of its text, then one for its closing token. So the first character sits at
 * position 1 (after the first opening token), and between the last character of one block and
 * the first character of the next there are exactly two tokens (close + open) — the same
 * length as BLOCK_SEPARATOR ("\n\n"). Every text offset inside a block, including the offset
 * just past its end, therefore maps to offset + 1. Offsets that fall inside a separator point
 * between blocks and have no text position of their own.
 */
export function proseMirrorPositionFromOffset(offset: number): number {
  return offset + 1;
}

export function offsetFromProseMirrorPosition(position: number): number {
  return position - 1;
}
