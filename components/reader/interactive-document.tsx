"use client";
// The interactive side of the reader: the revision in a read-only ProseMirror view with
// its highlights painted. Plain ProseMirror rather than Tiptap: the reader needs a caret,
// selection and a few keys, not Tiptap's extension and command machinery, whose code and
// start-up were most of the editor's cost on every page load. Loaded as its own chunk
// (load-interactive-document) and built over a few tasks, so no step is a long task.
import { EditorState, TextSelection as ProseMirrorTextSelection } from "@tiptap/pm/state";
import { EditorView, type EditorProps } from "@tiptap/pm/view";
import { useEffect, useImperativeHandle, useLayoutEffect, useMemo, useRef, useState, type Ref } from "react";
import { textRangeFromProseMirrorSelection } from "@/lib/anchoring/selection-offsets";
import { IntervalIndex } from "@/lib/anchoring/interval-index";
import type { HighlightSpan } from "@/lib/annotations/annotation-store";
import { revisionToTiptapDoc } from "@/lib/document/revision-content";
import { yieldToMain } from "@/lib/scheduling/yield-to-main";
import { paintActive, paintAddedHighlight, paintHighlights, paintPeerSelections, paintPendingSelection } from "./highlight-painter";
import { readOnlyText } from "./read-only-text";
import { readerSchema } from "./reader-schema";
import { characterOffsetAtPoint, domRangeFor } from "./text-dom";
import type { DocumentReaderHandle, ReaderProps, ReaderShortcut } from "./document-reader-types";

type Props = ReaderProps & {
  spansReady: boolean;
  handleRef: Ref<DocumentReaderHandle>;
  onReady: () => void;
};

const SHORTCUTS: Record<string, ReaderShortcut> = { h: "highlight", c: "comment", n: "note" };
const NO_SPANS: HighlightSpan[] = [];

export default function InteractiveDocument(props: Props) {
  const { text, blocks, label, spans = NO_SPANS, activeSpan = null, pendingSpan = null } = props;
  // Built when first needed (a click or Enter on a highlight), not on every change of the
  // spans: sorting thousands of ranges again for each new annotation costs ~10 ms a time.
  const index = useMemo(() => {
    let built: IntervalIndex | null = null;
    return () => (built ??= new IntervalIndex(spans));
  }, [spans]);
  // Handlers change every render; the view is built once, so it reads them through a ref.
  const latest = useRef({ props, index });
  useEffect(() => {
    latest.current = { props, index };
  });

  const [view, setView] = useState<EditorView | null>(null);
  useEffect(() => {
    let cancelled = false;
    let built: EditorView | null = null;
    void (async () => {
      // The state in one task, the view (which renders the text) in the next.
      const state = EditorState.create({ doc: readerSchema.nodeFromJSON(revisionToTiptapDoc(text, blocks)), plugins: [readOnlyText()] });
      await yieldToMain();
      if (cancelled) return;
      built = new EditorView(null, { state, ...readerViewProps(label, text, blocks, latest) });
      setView(built);
    })();
    return () => {
      cancelled = true;
      built?.destroy();
    };
  }, [label, text, blocks]);

  const { spansReady } = props;
  useEffect(() => {
    // Until the discussion has loaded, the early spans painted through the handle stand.
    if (view && spansReady) paintHighlights(view.dom, blocks, spans);
  }, [view, blocks, spans, spansReady]);
  useEffect(() => {
    if (view) paintActive(view.dom, blocks, activeSpan);
  }, [view, blocks, activeSpan]);
  useEffect(() => {
    if (view) paintPendingSelection(view.dom, blocks, pendingSpan);
  }, [view, blocks, pendingSpan]);

  useImperativeHandle(
    props.handleRef,
    () => ({
      paint(next) {
        if (view) paintHighlights(view.dom, blocks, next);
      },
      addHighlight(span) {
        if (view) paintAddedHighlight(view.dom, blocks, span);
      },
      paintPeers(peerSpans) {
        if (view) paintPeerSelections(view.dom, blocks, peerSpans);
      },
      scrollToSpan(span) {
        if (!view) return;
        const range = domRangeFor(view.dom, blocks, span.start, span.end);
        const element = range?.startContainer.parentElement;
        element?.scrollIntoView({ block: "center", behavior: "smooth" });
      },
      clearSelection() {
        // The browser's selection only, collapsed to its end (where a keyboard reader goes on
        // from). ProseMirror reads it back on selectionchange, in a task of its own: updating
        // the editor here would add its work to the click that paints the new highlight.
        const selection = view?.dom.ownerDocument.getSelection();
        if (selection && selection.rangeCount > 0 && view?.dom.contains(selection.anchorNode)) selection.collapseToEnd();
      },
    }),
    [view, blocks],
  );

  const mount = useRef<HTMLDivElement>(null);
  // After the handle above is attached, and before the browser paints, so the static copy
  // and the editor are never both on screen. Once per view: moving its element again would
  // collapse every painted range inside it.
  useLayoutEffect(() => {
    if (!view || !mount.current) return;
    mount.current.appendChild(view.dom);
    latest.current.props.onReady();
  }, [view]);

  return <div ref={mount} className="reader-view" />;
}

type Latest = { current: { props: Props; index: () => IntervalIndex } };

function readerViewProps(label: string, text: string, blocks: Props["blocks"], latest: Latest): EditorProps & Pick<ConstructorParameters<typeof EditorView>[1], "dispatchTransaction"> {
  return {
    attributes: {
      class: "tiptap",
      role: "document",
      "aria-label": label,
      "aria-describedby": "reader-instructions",
      inputmode: "none",
      spellcheck: "false",
      "data-testid": "document-text",
    },
    dispatchTransaction(this: EditorView, transaction) {
      const before = this.state.selection;
      this.updateState(this.state.apply(transaction));
      if (!this.state.selection.eq(before)) reportSelection(this, text, latest);
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
      const offset = characterOffsetAtPoint(view.dom, blocks, event.clientX, event.clientY);
      if (offset === null) return false;
      const ids = latest.current.index().at(offset);
      if (ids.length > 0) latest.current.props.onHighlightActivate?.(ids);
      return false;
    },
  };
}

/** Tells the page what is selected now (or that nothing is), with where the toolbar should go. */
function reportSelection(view: EditorView, text: string, latest: Latest) {
  const { from, to, empty } = view.state.selection;
  const onSelectionChange = latest.current.props.onSelectionChange;
  if (empty) return onSelectionChange?.(null);
  const range = textRangeFromProseMirrorSelection(from, to, text.length);
  const start = view.coordsAtPos(from);
  const end = view.coordsAtPos(to);
  onSelectionChange?.({
    ...range,
    rect: { top: Math.min(start.top, end.top), left: start.left, bottom: Math.max(start.bottom, end.bottom), right: end.right },
  });
}
