// Turns a revision's text and block offsets into the Tiptap/ProseMirror JSON the
// reader renders. Title is shown outside the text, so document headings are level 2.
export type RevisionBlock = { type: "heading" | "paragraph"; start: number; end: number };

export type TiptapNode = {
  type: string;
  attrs?: Record<string, unknown>;
  content?: TiptapNode[];
  text?: string;
};

export function revisionToTiptapDoc(text: string, blocks: readonly RevisionBlock[]): TiptapNode {
  return {
    type: "doc",
    content: blocks.map((block) => {
      const content = [{ type: "text", text: text.slice(block.start, block.end) }];
      return block.type === "heading"
        ? { type: "heading", attrs: { level: 2 }, content }
        : { type: "paragraph", content };
    }),
  };
}
