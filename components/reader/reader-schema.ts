// The reader's ProseMirror schema: exactly the nodes a revision has (lib/document/
// revision-content), with the same names and content rules as Tiptap's Document,
// Paragraph, Heading and Text, so positions map to text offsets as before.
import { Schema } from "@tiptap/pm/model";

export const readerSchema = new Schema({
  nodes: {
    doc: { content: "block+" },
    paragraph: { group: "block", content: "inline*", parseDOM: [{ tag: "p" }], toDOM: () => ["p", 0] },
    heading: {
      group: "block",
      content: "inline*",
      defining: true,
      attrs: { level: { default: 2 } },
      parseDOM: [{ tag: "h2" }],
      toDOM: (node) => [`h${node.attrs.level as number}`, 0],
    },
    text: { group: "inline" },
  },
});
