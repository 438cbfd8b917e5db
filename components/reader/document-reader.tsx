"use client";
// Shows a document revision with Tiptap and paints its highlights. The server renders
// the same headings and paragraphs as plain HTML first, so the text is readable at
// once and without JavaScript; the editor takes over once it has mounted. The text
// can be selected with mouse, touch or keyboard, but never changed.
import { EditorContent, useEditor } from "@tiptap/react";
import StarterKit from "@tiptap/starter-kit";
import { TextSelection as ProseMirrorTextSelection } from "@tiptap/pm/state";
import { forwardRef, useEffect, useImperativeHandle, useMemo, useRef } from "react";
import { textRangeFromProseMirrorSelection } from "@/lib/anchoring/selection-offsets";
import { IntervalIndex } from "@/lib/anchoring/interval-index";
import type { HighlightSpan } from "@/lib/annotations/annotation-store";
import { revisionToTiptapDoc, type RevisionBlock } from "@/lib/document/revision-content";
import { paintActive, paintHighlights, paintPendingSelection } from "./highlight-painter";
import { ReadOnlyText } from "./read-only-text";
import { characterOffsetAtPoint, domRangeFor } from "./text-dom";

export type TextSelection = { start: number; end: number; rect: { top: number; left: number; bottom: number; right: number } };
export type ReaderShortcut = "highlight" | "comment" | "note";

export type DocumentReaderHandle = {
  /** Paints now, outside React's render cycle (used when data arrives and on a new highlight). */
  paint: (spans: readonly HighlightSpan[]) => void;
  scrollToSpan: (span: { start: number; end: number }) => void;
  clearSelection: () => void;
};

type Props = {
  text: string;
  blocks: RevisionBlock[];
  label: string;
  spans?: HighlightSpan[];
  activeSpan?: { start: number; end: number } | null;
  pendingSpan?: { start: number; end: number } | null;
  onSelectionChange?: (selection: TextSelection | null) => void;
  onHighlightActivate?: (annotationIds: string[]) => void;
  onShortcut?: (shortcut: ReaderShortcut) => void;
};

const SHORTCUTS: Record<string, ReaderShortcut> = { h: "highlight", c: "comment", n: "note" };
const NO_SPANS: HighlightSpan[] = [];

export const DocumentReader = forwardRef<DocumentReaderHandle, Props>(function DocumentReader(props, ref) {
  const { text, blocks, label, spans = NO_SPANS, activeSpan = null, pendingSpan = null } = props;
  const content = useMemo(() => revisionToTiptapDoc(text, blocks), [text, blocks]);
  const index = useMemo(() => new IntervalIndex(spans), [spans]);
  // Handlers change every render; the editor is built once, so it reads them through a ref.
  const latest = useRef({ props, index });
  useEffect(() => {
    latest.current = { props, index };
  });

  const editor = useEditor({
    extensions: [StarterKit.configure({ heading: { levels: [2] }, link: false }), ReadOnlyText],
    content,
    immediatelyRender: false,
    editorProps: {
      attributes: {
        role: "document",
        "aria-label": label,
        "aria-describedby": "reader-instructions",
        inputmode: "none",
        spellcheck: "false",
        "data-testid": "document-text",
      },
      handleKeyDown(view, event) {
        const { from, to } = view.state.selection;
        if (event.key === "Escape" && from !== to) {
          view.dispatch(view.state.tr.setSelection(ProseMirrorTextSelection.create(view.state.doc, to)));
          return true;
        }
        if (event.altKey || event.ctrlKey || event.metaKey) return false;
        const shortcut = SHORTCUTS[event.key.toLowerCase()];
        if (shortcut && from !== to) {
          latest.current.props.onShortcut?.(shortcut);
          return true;
        }
        if (event.key === "Enter" && from === to) {
          const offset = textRangeFromProseMirrorSelection(from, to, text.length).start;
          const ids = latest.current.index.at(offset);
          if (ids.length > 0) latest.current.props.onHighlightActivate?.(ids);
          return true;
        }
        return false;
      },
      handleClick(view, _position, event) {
        // A click that ends a drag-selection is not a click on a highlight.
        if (window.getSelection()?.isCollapsed === false) return false;
        const offset = characterOffsetAtPoint(view.dom as HTMLElement, blocks, event.clientX, event.clientY);
        if (offset === null) return false;
        const ids = latest.current.index.at(offset);
        if (ids.length > 0) latest.current.props.onHighlightActivate?.(ids);
        return false;
      },
    },
    onSelectionUpdate({ editor: current }) {
      const { from, to, empty } = current.state.selection;
      if (empty) return latest.current.props.onSelectionChange?.(null);
      const range = textRangeFromProseMirrorSelection(from, to, text.length);
      const start = current.view.coordsAtPos(from);
      const end = current.view.coordsAtPos(to);
      latest.current.props.onSelectionChange?.({
        ...range,
        rect: { top: Math.min(start.top, end.top), left: start.left, bottom: Math.max(start.bottom, end.bottom), right: end.right },
      });
    },
  });

  useEffect(() => {
    if (editor) paintHighlights(editor.view.dom as HTMLElement, blocks, spans);
  }, [editor, blocks, spans]);
  useEffect(() => {
    if (editor) paintActive(editor.view.dom as HTMLElement, blocks, activeSpan);
  }, [editor, blocks, activeSpan]);
  useEffect(() => {
    if (editor) paintPendingSelection(editor.view.dom as HTMLElement, blocks, pendingSpan);
  }, [editor, blocks, pendingSpan]);

  useImperativeHandle(
    ref,
    () => ({
      paint(next) {
        if (editor) paintHighlights(editor.view.dom as HTMLElement, blocks, next);
      },
      scrollToSpan(span) {
        if (!editor) return;
        const range = domRangeFor(editor.view.dom as HTMLElement, blocks, span.start, span.end);
        const element = range?.startContainer.parentElement;
        element?.scrollIntoView({ block: "center", behavior: "smooth" });
      },
      clearSelection() {
        if (!editor) return;
        const { to } = editor.state.selection;
        editor.commands.setTextSelection(to);
      },
    }),
    [editor, blocks],
  );

  return (
    <div className="document-body" data-reader-state={editor ? "interactive" : "static"}>
      <p id="reader-instructions" className="visually-hidden">
        Select text with the mouse, by touch, or with Shift and the arrow keys, then press H to highlight, C to comment or N
        to add a tagged note. Press Enter on highlighted text to open its discussion.
      </p>
      {editor ? <EditorContent editor={editor} /> : <StaticDocument text={text} blocks={blocks} label={label} />}
    </div>
  );
});

function StaticDocument({ text, blocks, label }: { text: string; blocks: RevisionBlock[]; label: string }) {
  return (
    <div className="tiptap ProseMirror" role="document" aria-label={label}>
      {blocks.map((block) => {
        const blockText = text.slice(block.start, block.end);
        return block.type === "heading" ? <h2 key={block.start}>{blockText}</h2> : <p key={block.start}>{blockText}</p>;
      })}
    </div>
  );
}
