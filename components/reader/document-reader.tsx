"use client";
// Shows a document revision read-only with Tiptap. The server renders the same
// headings and paragraphs as plain HTML first, so the text is readable at once and
// without JavaScript; the editor takes over once it has mounted.
import { EditorContent, useEditor } from "@tiptap/react";
import StarterKit from "@tiptap/starter-kit";
import { useMemo } from "react";
import { revisionToTiptapDoc, type RevisionBlock } from "@/lib/document/revision-content";

type Props = { text: string; blocks: RevisionBlock[]; label: string };

export function DocumentReader({ text, blocks, label }: Props) {
  const content = useMemo(() => revisionToTiptapDoc(text, blocks), [text, blocks]);
  const editor = useEditor({
    extensions: [StarterKit.configure({ heading: { levels: [2] } })],
    content,
    editable: false,
    immediatelyRender: false,
    editorProps: { attributes: { "aria-label": label, role: "document", "data-testid": "document-editor" } },
  });

  return (
    <div className="document-body" data-reader-state={editor ? "interactive" : "static"}>
      {editor ? <EditorContent editor={editor} /> : <StaticDocument text={text} blocks={blocks} label={label} />}
    </div>
  );
}

function StaticDocument({ text, blocks, label }: Props) {
  return (
    <div className="tiptap ProseMirror" role="document" aria-label={label}>
      {blocks.map((block) => {
        const blockText = text.slice(block.start, block.end);
        return block.type === "heading" ? <h2 key={block.start}>{blockText}</h2> : <p key={block.start}>{blockText}</p>;
      })}
    </div>
  );
}
