// Maps between text offsets of a revision and DOM positions inside the rendered
// document, whose block elements are the revision's blocks in order. Browser only.
import type { RevisionBlock } from "@/lib/document/revision-content";

type DomPoint = { node: Text; offset: number };

export function blockElements(root: HTMLElement): HTMLElement[] {
  return Array.from(root.children).filter((child): child is HTMLElement => child instanceof HTMLElement);
}

/** Index of the block containing `offset` (an offset in the gap between blocks belongs to the earlier one). */
export function blockIndexAt(blocks: readonly RevisionBlock[], offset: number): number {
  let low = 0;
  let high = blocks.length - 1;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (blocks[middle]!.start <= offset) low = middle;
    else high = middle - 1;
  }
  return low;
}

export function domPointAt(root: HTMLElement, blocks: readonly RevisionBlock[], offset: number): DomPoint | null {
  const index = blockIndexAt(blocks, offset);
  const block = blocks[index];
  const element = blockElements(root)[index];
  if (!block || !element) return null;
  let remaining = Math.min(Math.max(offset - block.start, 0), block.end - block.start);
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  let last: Text | null = null;
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    if (remaining <= node.length) return { node, offset: remaining };
    remaining -= node.length;
    last = node;
  }
  return last ? { node: last, offset: last.length } : null;
}

export function domRangeFor(root: HTMLElement, blocks: readonly RevisionBlock[], start: number, end: number): Range | null {
  const from = domPointAt(root, blocks, start);
  const to = domPointAt(root, blocks, end);
  if (!from || !to) return null;
  const range = document.createRange();
  range.setStart(from.node, from.offset);
  range.setEnd(to.node, to.offset);
  return range;
}

/** The text offset of a DOM position inside the document, or null when it is outside any block. */
export function offsetOfDomPoint(root: HTMLElement, blocks: readonly RevisionBlock[], node: Node, offset: number): number | null {
  const elements = blockElements(root);
  const index = elements.findIndex((element) => element.contains(node));
  const block = blocks[index];
  const element = elements[index];
  if (!block || !element) return null;
  if (node.nodeType !== Node.TEXT_NODE) return block.start + (offset === 0 ? 0 : block.end - block.start);
  let count = 0;
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  for (let current = walker.nextNode(); current; current = walker.nextNode()) {
    if (current === node) return block.start + count + offset;
    count += (current as Text).length;
  }
  return null;
}

/**
 * The character under a point. Caret lookups land between characters, so check the
 * boxes of the characters on both sides of the caret and keep the one under the pointer.
 */
export function characterOffsetAtPoint(root: HTMLElement, blocks: readonly RevisionBlock[], x: number, y: number): number | null {
  const caret = caretAt(x, y);
  if (!caret || !root.contains(caret.node)) return null;
  const offset = offsetOfDomPoint(root, blocks, caret.node, caret.offset);
  if (offset === null) return null;
  for (const candidate of [offset, offset - 1]) {
    if (candidate < 0) continue;
    const range = domRangeFor(root, blocks, candidate, candidate + 1);
    if (!range) continue;
    for (const box of Array.from(range.getClientRects())) {
      if (x >= box.left - 0.5 && x <= box.right + 0.5 && y >= box.top - 0.5 && y <= box.bottom + 0.5) return candidate;
    }
  }
  return null;
}

function caretAt(x: number, y: number): { node: Node; offset: number } | null {
  const withPosition = document as Document & {
    caretPositionFromPoint?: (x: number, y: number) => { offsetNode: Node; offset: number } | null;
  };
  if (withPosition.caretPositionFromPoint) {
    const position = withPosition.caretPositionFromPoint(x, y);
    return position ? { node: position.offsetNode, offset: position.offset } : null;
  }
  const range = document.caretRangeFromPoint?.(x, y);
  return range ? { node: range.startContainer, offset: range.startOffset } : null;
}
