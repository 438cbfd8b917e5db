"use client";
// The small toolbar beside a selection: highlight (in a chosen color), comment, or
// tagged note. On phones it docks to the bottom of the screen, out of the thumb's way.
import { useLayoutEffect, useRef } from "react";
import { HIGHLIGHT_COLORS, HIGHLIGHT_COLOR_LABELS, type HighlightColor } from "@/lib/annotations/palette";

type Props = {
  position: { top: number; left: number };
  color: HighlightColor;
  onColorChange: (color: HighlightColor) => void;
  onHighlight: () => void;
  onComment: () => void;
  onNote: () => void;
};

export function SelectionToolbar({ position, color, onColorChange, onHighlight, onComment, onNote }: Props) {
  const toolbar = useRef<HTMLDivElement>(null);
  // Keep it inside the page: a toolbar sticking out on the right would widen the page,
  // and the layout shift would move the text under a reader's pointer mid-selection.
  useLayoutEffect(() => {
    const element = toolbar.current;
    const container = element?.offsetParent;
    if (!element || !(container instanceof HTMLElement)) return;
    const overflow = position.left + element.offsetWidth - container.clientWidth;
    element.style.left = `${Math.max(0, overflow > 0 ? position.left - overflow : position.left)}px`;
  }, [position.left]);

  return (
    <div
      ref={toolbar}
      className="selection-toolbar"
      role="toolbar"
      aria-label="Annotate selection"
      style={{ top: position.top, left: position.left }}
      // Keep the text selection alive while clicking the toolbar.
      onMouseDown={(event) => event.preventDefault()}
    >
      <button type="button" className="tool-button" onClick={onHighlight} aria-keyshortcuts="H">
        <span className={`swatch color-${color}`} aria-hidden="true" /> Highlight
      </button>
      <div role="radiogroup" aria-label="Highlight color" className="swatches">
        {HIGHLIGHT_COLORS.map((option) => (
          <button
            key={option}
            type="button"
            role="radio"
            aria-checked={option === color}
            aria-label={HIGHLIGHT_COLOR_LABELS[option]}
            className={`swatch-button color-${option}`}
            onClick={() => onColorChange(option)}
          />
        ))}
      </div>
      <button type="button" className="tool-button" onClick={onComment} aria-keyshortcuts="C">
        Comment
      </button>
      <button type="button" className="tool-button" onClick={onNote} aria-keyshortcuts="N">
        Note
      </button>
    </div>
  );
}
