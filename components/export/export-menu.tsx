"use client";
// "Export notes": a menu button (WAI-ARIA menu pattern) offering the four export formats
// as download links for the threads the reader is currently filtering to.
import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import type { ExportFormat } from "@/lib/api/exports";
import { exportUrl, type ExportFilter } from "@/lib/export/export-url";

const ITEMS: ReadonlyArray<{ format: ExportFormat; label: string; download: boolean }> = [
  { format: "markdown", label: "Markdown study notes (.md)", download: true },
  { format: "csv", label: "Spreadsheet (.csv)", download: true },
  { format: "jsonld", label: "Web Annotation JSON-LD (.jsonld)", download: true },
  // Opened in a new tab, to print or "Save as PDF".
  { format: "html", label: "Printable page (opens in a new tab)", download: false },
];

type Props = { documentId: string; filter: ExportFilter; filtered: boolean };

export function ExportMenu({ documentId, filter, filtered }: Props) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const items = useRef<Array<HTMLAnchorElement | null>>([]);
  const focusOnOpen = useRef<number | null>(null);

  useEffect(() => {
    if (open && focusOnOpen.current !== null) items.current[focusOnOpen.current]?.focus();
    focusOnOpen.current = null;
  }, [open]);

  useEffect(() => {
    if (!open) return;
    const closeOnOutsideClick = (event: PointerEvent) => {
      const menu = document.getElementById(`${id}-menu`);
      if (!menu?.contains(event.target as Node) && !button.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener("pointerdown", closeOnOutsideClick);
    return () => document.removeEventListener("pointerdown", closeOnOutsideClick);
  }, [open, id]);

  const openAt = (index: number) => {
    focusOnOpen.current = index;
    setOpen(true);
  };
  const close = (returnFocus: boolean) => {
    setOpen(false);
    if (returnFocus) button.current?.focus();
  };

  function onButtonKeyDown(event: KeyboardEvent<HTMLButtonElement>) {
    if (event.key === "ArrowDown" || event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      openAt(0);
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      openAt(ITEMS.length - 1);
    }
  }

  function onMenuKeyDown(event: KeyboardEvent<HTMLUListElement>) {
    const current = items.current.findIndex((item) => item === document.activeElement);
    const move = (index: number) => items.current[(index + ITEMS.length) % ITEMS.length]?.focus();
    if (event.key === "ArrowDown") move(current + 1);
    else if (event.key === "ArrowUp") move(current - 1);
    else if (event.key === "Home") move(0);
    else if (event.key === "End") move(ITEMS.length - 1);
    else if (event.key === "Escape") close(true);
    else if (event.key === "Tab") return setOpen(false);
    else return;
    event.preventDefault();
  }

  return (
    <div className="export-menu">
      <button
        ref={button}
        type="button"
        className="button secondary small"
        id={`${id}-button`}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={`${id}-menu`}
        aria-describedby={`${id}-scope`}
        onClick={() => (open ? close(false) : openAt(0))}
        onKeyDown={onButtonKeyDown}
      >
        Export notes
      </button>
      <ul id={`${id}-menu`} role="menu" aria-labelledby={`${id}-button`} className="export-menu-list" hidden={!open} onKeyDown={onMenuKeyDown}>
        {ITEMS.map((item, index) => (
          <li role="none" key={item.format}>
            <a
              ref={(element) => {
                items.current[index] = element;
              }}
              role="menuitem"
              tabIndex={-1}
              href={exportUrl(documentId, item.format, filter)}
              {...(item.download ? { download: "" } : { target: "_blank", rel: "noopener" })}
              onClick={() => close(false)}
            >
              {item.label}
            </a>
          </li>
        ))}
      </ul>
      <span id={`${id}-scope`} className="visually-hidden">
        {filtered ? "Exports the annotations your filters show." : "Exports every annotation you can read here."}
      </span>
    </div>
  );
}
