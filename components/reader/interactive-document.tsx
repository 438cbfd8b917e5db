"use client";
// The interactive side of the reader: the revision in a read-only Tiptap editor with
// its highlights painted. Loaded as its own chunk after the page has hydrated, so the
// editor's code never lengthens the first task a reader waits on.
import { EditorContent, useEditor } from "@tiptap/react";
import Document from "@tiptap/extension-document";
import Heading from "@tiptap/extension-heading";
import Paragraph from "@tiptap/extension-paragraph";
import Text from "@tiptap/extension-text";
import { TextSelection as ProseMirrorTextSelection } from "@tiptap/pm/state";
import type { EditorProps } from "@tiptap/pm/view";
import { useEffect, useImperativeHandle, useLayoutEffect, useMemo, useRef, type Ref } from "react";
import { textRangeFromProseMirrorSelection } from "@/lib/anchoring/selection-offsets";
import { IntervalIndex } from "@/lib/anchoring/interval-index";
import type { HighlightSpan } from "@/lib/annotations/annotation-store";
import { revisionToTiptapDoc } from "@/lib/document/revision-content";
import { paintActive, paintAddedHighlight, paintHighlights, paintPeerSelections, paintPendingSelection } from "./highlight-painter";
import { ReadOnlyText } from "./read-only-text";
import { characterOffsetAtPoint, domRangeFor } from "./text-dom";
import type { DocumentReaderHandle, ReaderProps, ReaderShortcut } from "./document-reader-types";

type Props = ReaderProps & {
  spansReady: boolean;
  handleRef: Ref<DocumentReaderHandle>;
  onReady: () => void;
};

const SHORTCUTS: Record<string, ReaderShortcut> = { h: "highlight", c: "comment", n: "note" };
const NO_SPANS: HighlightSpan[] = [];
// Only the nodes a revision has (lib/document/revision-content): the full StarterKit's two
// dozen extensions took most of the editor's start-up, a long task on every page load.
const READER_EXTENSIONS = [Document, Paragraph, Text, Heading.configure({ levels: [2] }), ReadOnlyText];

export default function InteractiveDocument(props: Props) {
  const { text, blocks, label, spans = NO_SPANS, activeSpan = null, pendingSpan = null } = props;
  const content = useMemo(() => revisionToTiptapDoc(text, blocks), [text, blocks]);
  // Built when first needed (a click or Enter on a highlight), not on every change of the
  // spans: sorting thousands of ranges again for each new annotation costs ~10 ms a time.
  const index = useMemo(() => {
    let built: IntervalIndex | null = null;
    return () => (built ??= new IntervalIndex(spans));
  }, [spans]);
  // Handlers change every render; the editor is built once, so it reads them through a ref.
  const latest = useRef({ props, index });
  useEffect(() => {
    latest.current = { props, index };
  });

  // Every option must keep its identity across renders: Tiptap compares them on each
  // render and otherwise calls setOptions, whose view.updateState() can overwrite a
  // selection the browser has changed but ProseMirror has not read yet (a lost
  // Shift+Arrow under load).
  const editorProps: EditorProps = useMemo(
    () => ({
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
          const ids = latest.current.index().at(offset);
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
        const ids = latest.current.index().at(offset);
        if (ids.length > 0) latest.current.props.onHighlightActivate?.(ids);
        return false;
      },
    }),
    [label, blocks, text],
  );

  const editor = useEditor({
    extensions: READER_EXTENSIONS,
    content,
    immediatelyRender: false,
    editorProps,
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

  const { spansReady } = props;
  useEffect(() => {
    // Until the discussion has loaded, the early spans painted through the handle stand.
    if (editor && spansReady) paintHighlights(editor.view.dom as HTMLElement, blocks, spans);
  }, [editor, blocks, spans, spansReady]);
  useEffect(() => {
    if (editor) paintActive(editor.view.dom as HTMLElement, blocks, activeSpan);
  }, [editor, blocks, activeSpan]);
  useEffect(() => {
    if (editor) paintPendingSelection(editor.view.dom as HTMLElement, blocks, pendingSpan);
  }, [editor, blocks, pendingSpan]);

  useImperativeHandle(
    props.handleRef,
    () => ({
      paint(next) {
        if (editor) paintHighlights(editor.view.dom as HTMLElement, blocks, next);
      },
      addHighlight(span) {
        if (editor) paintAddedHighlight(editor.view.dom as HTMLElement, blocks, span);
      },
      paintPeers(spans) {
        if (editor) paintPeerSelections(editor.view.dom as HTMLElement, blocks, spans);
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

  const { onReady } = props;
  // After the handle above is attached, and before the browser paints, so the static copy
  // and the editor are never both on screen.
  useLayoutEffect(() => {
    if (editor) onReady();
  }, [editor, onReady]);

  return editor ? <EditorContent editor={editor} /> : null;
}
