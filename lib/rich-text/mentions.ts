// Who a comment body @mentions: the user ids of its mention nodes, in order, once each.
import type { TiptapBlockNode, TiptapDoc } from "./tiptap-schema";

export function mentionedUserIds(doc: TiptapDoc): string[] {
  const ids = new Set<string>();
  const visit = (blocks: readonly TiptapBlockNode[]) => {
    for (const block of blocks) {
      if (block.type === "paragraph") {
        for (const inline of block.content ?? []) if (inline.type === "mention") ids.add(inline.attrs.id);
      } else if (block.type === "blockquote") {
        visit(block.content);
      } else {
        for (const item of block.content) visit(item.content);
      }
    }
  };
  visit(doc.content);
  return [...ids];
}
