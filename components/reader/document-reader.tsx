"use client";
// Shows a document revision. The server renders its headings and paragraphs as plain
// HTML, so the text is readable at once and without JavaScript; the Tiptap editor
// (selection, shortcuts, painted highlights) loads as a separate chunk once the first
// highlights are painted, and takes over when it has mounted. The text can be selected,
// never changed.
import dynamic from "next/dynamic";
import { forwardRef, useCallback, useEffect, useImperativeHandle, useRef, useState, type Ref } from "react";
import type { HighlightSpan } from "@/lib/annotations/annotation-store";
import type { RevisionBlock } from "@/lib/document/revision-content";
import type { DocumentReaderHandle, ReaderProps } from "./document-reader-types";
import { paintAddedHighlight, paintHighlights } from "./highlight-painter";
import { loadInteractiveDocument } from "./load-interactive-document";

export type { DocumentReaderHandle, ReaderShortcut, TextSelection } from "./document-reader-types";

const InteractiveDocument = dynamic(loadInteractiveDocument, { ssr: false });

/** Longest the editor waits for the first highlights before it loads anyway. */
const EDITOR_WAIT_MS = 3000;

type Props = ReaderProps & {
  /** True while the first highlights are still on their way: the editor waits for them. */
  spansPending?: boolean;
  /** Called once the editor has taken over (selection, shortcuts and clicks work). */
  onInteractive?: () => void;
};

export const DocumentReader = forwardRef<DocumentReaderHandle, Props>(function DocumentReader(props, ref) {
  const [interactive, setInteractive] = useState(false);
  const staticRoot = useRef<HTMLDivElement>(null);
  const editorHandle = useRef<DocumentReaderHandle>(null);
  // Highlights painted before the editor exists go on the static copy of the text, and
  // move to the editor when it takes over.
  const earlySpans = useRef<readonly HighlightSpan[] | null>(null);
  const { spansReady = true, spansPending = false, onInteractive, ...readerProps } = props;
  const { blocks } = props;
  // The editor's code and start-up are tens of milliseconds of main-thread work: loaded
  // while the highlights are on their way, it would hold up their paint. So it waits for
  // that paint (or for the loading to settle, or for the reader to reach for the text).
  const [editorWanted, setEditorWanted] = useState(!spansPending);
  if (!spansPending && !editorWanted) setEditorWanted(true);
  const wantEditor = useCallback(() => setEditorWanted(true), []);
  useEffect(() => {
    if (editorWanted) return;
    const timer = setTimeout(wantEditor, EDITOR_WAIT_MS);
    return () => clearTimeout(timer);
  }, [editorWanted, wantEditor]);

  useImperativeHandle(
    ref,
    () => ({
      paint(spans) {
        earlySpans.current = spans;
        if (editorHandle.current) editorHandle.current.paint(spans);
        else if (staticRoot.current) paintHighlights(staticRoot.current, blocks, spans);
        wantEditor();
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
    [blocks, wantEditor],
  );

  const markInteractive = useCallback(() => {
    if (earlySpans.current && !spansReady) editorHandle.current?.paint(earlySpans.current);
    setInteractive(true);
    onInteractive?.();
  }, [spansReady, onInteractive]);

  return (
    <div className="document-body" data-reader-state={interactive ? "interactive" : "static"}>
      <p id="reader-instructions" className="visually-hidden">
        Select text with the mouse, by touch, or with Shift and the arrow keys, then press H to highlight, C to comment or N
        to add a tagged note. Press Enter on highlighted text to open its discussion.
      </p>
      {interactive ? null : (
        <StaticDocument ref={staticRoot} text={props.text} blocks={props.blocks} label={props.label} onReach={wantEditor} />
      )}
      {editorWanted ? <InteractiveDocument {...readerProps} spansReady={spansReady} handleRef={editorHandle} onReady={markInteractive} /> : null}
    </div>
  );
});

type StaticProps = { text: string; blocks: RevisionBlock[]; label: string; ref: Ref<HTMLDivElement>; onReach: () => void };

function StaticDocument({ text, blocks, label, ref, onReach }: StaticProps) {
  return (
    <div ref={ref} className="tiptap ProseMirror" role="document" aria-label={label} onPointerDown={onReach}>
      {blocks.map((block) => {
        const blockText = text.slice(block.start, block.end);
        return block.type === "heading" ? <h2 key={block.start}>{blockText}</h2> : <p key={block.start}>{blockText}</p>;
      })}
    </div>
  );
}
