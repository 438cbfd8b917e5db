"use client";
// Shows a document revision. The server renders its headings and paragraphs as plain
// HTML, so the text is readable at once and without JavaScript; the Tiptap editor
// (selection, shortcuts, painted highlights) loads as a separate chunk after hydration
// and takes over when it has mounted. The text can be selected, never changed.
import dynamic from "next/dynamic";
import { forwardRef, useCallback, useImperativeHandle, useRef, useState, type Ref } from "react";
import type { HighlightSpan } from "@/lib/annotations/annotation-store";
import type { RevisionBlock } from "@/lib/document/revision-content";
import type { DocumentReaderHandle, ReaderProps } from "./document-reader-types";
import { paintAddedHighlight, paintHighlights } from "./highlight-painter";

export type { DocumentReaderHandle, ReaderShortcut, TextSelection } from "./document-reader-types";

const InteractiveDocument = dynamic(() => import("./interactive-document"), { ssr: false });

type Props = ReaderProps;

export const DocumentReader = forwardRef<DocumentReaderHandle, Props>(function DocumentReader(props, ref) {
  const [interactive, setInteractive] = useState(false);
  const staticRoot = useRef<HTMLDivElement>(null);
  const editorHandle = useRef<DocumentReaderHandle>(null);
  // Highlights painted before the editor exists go on the static copy of the text, and
  // move to the editor when it takes over.
  const earlySpans = useRef<readonly HighlightSpan[] | null>(null);
  const { blocks, spansReady = true } = props;

  useImperativeHandle(
    ref,
    () => ({
      paint(spans) {
        earlySpans.current = spans;
        if (editorHandle.current) editorHandle.current.paint(spans);
        else if (staticRoot.current) paintHighlights(staticRoot.current, blocks, spans);
      },
      addHighlight(span) {
        if (earlySpans.current) earlySpans.current = [...earlySpans.current, span];
        if (editorHandle.current) editorHandle.current.addHighlight(span);
        else if (staticRoot.current) paintAddedHighlight(staticRoot.current, blocks, span);
      },
      scrollToSpan: (span) => editorHandle.current?.scrollToSpan(span),
      paintPeers: (spans) => editorHandle.current?.paintPeers(spans),
      clearSelection: () => editorHandle.current?.clearSelection(),
    }),
    [blocks],
  );

  const markInteractive = useCallback(() => {
    if (earlySpans.current && !spansReady) editorHandle.current?.paint(earlySpans.current);
    setInteractive(true);
  }, [spansReady]);

  return (
    <div className="document-body" data-reader-state={interactive ? "interactive" : "static"}>
      <p id="reader-instructions" className="visually-hidden">
        Select text with the mouse, by touch, or with Shift and the arrow keys, then press H to highlight, C to comment or N
        to add a tagged note. Press Enter on highlighted text to open its discussion.
      </p>
      {interactive ? null : <StaticDocument ref={staticRoot} text={props.text} blocks={props.blocks} label={props.label} />}
      <InteractiveDocument {...props} spansReady={spansReady} handleRef={editorHandle} onReady={markInteractive} />
    </div>
  );
});

function StaticDocument({ text, blocks, label, ref }: { text: string; blocks: RevisionBlock[]; label: string; ref: Ref<HTMLDivElement> }) {
  return (
    <div ref={ref} className="tiptap ProseMirror" role="document" aria-label={label}>
      {blocks.map((block) => {
        const blockText = text.slice(block.start, block.end);
        return block.type === "heading" ? <h2 key={block.start}>{blockText}</h2> : <p key={block.start}>{blockText}</p>;
      })}
    </div>
  );
}
