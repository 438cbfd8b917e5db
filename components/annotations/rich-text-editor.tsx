"use client";
// The comment editor: Tiptap with bold, italic, inline code, lists and links, and a
// small labelled toolbar, and @mentions of the group's members. Emits Tiptap JSON, which the
// server checks against its allow-list.
import { EditorContent, useEditor, useEditorState, type JSONContent } from "@tiptap/react";
import StarterKit from "@tiptap/starter-kit";
import { Placeholder } from "@tiptap/extensions";
import { useEffect, useId, useMemo, useRef, useState } from "react";
import { isAllowedLinkHref } from "@/lib/rich-text/tiptap-schema";
import { MentionListbox, useMentionSuggestions } from "./mention-suggestions";

type Props = {
  label: string;
  placeholder: string;
  initialContent?: JSONContent | null;
  autoFocus?: boolean;
  onChange: (doc: JSONContent, isEmpty: boolean) => void;
  onSubmitShortcut?: () => void;
  /** The group whose members "@" offers; none offers nobody (mentions already written still show). */
  mentionGroupId?: string | null;
};

export function RichTextEditor({ label, placeholder, initialContent, autoFocus, onChange, onSubmitShortcut, mentionGroupId }: Props) {
  const toolbarId = useId();
  const mentions = useMentionSuggestions(mentionGroupId);
  // Options keep their identity across renders (see components/reader/interactive-document.tsx:
  // otherwise Tiptap re-applies them on every keystroke's re-render).
  const submitShortcut = useRef(onSubmitShortcut);
  useEffect(() => {
    submitShortcut.current = onSubmitShortcut;
  });
  const extensions = useMemo(
    () => [
      StarterKit.configure({
        heading: false,
        codeBlock: false,
        horizontalRule: false,
        link: { openOnClick: false, autolink: true, defaultProtocol: "https", protocols: ["http", "https", "mailto"] },
      }),
      Placeholder.configure({ placeholder }),
      mentions.extension,
    ],
    [placeholder, mentions.extension],
  );
  const editorProps = useMemo(
    () => ({
      attributes: { role: "textbox", "aria-multiline": "true", "aria-label": label, class: "comment-editor-content" },
      handleKeyDown(_view: unknown, event: KeyboardEvent) {
        if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
          submitShortcut.current?.();
          return true;
        }
        return false;
      },
    }),
    [label],
  );
  const [initial] = useState(() => initialContent ?? "");
  const editor = useEditor({
    immediatelyRender: false,
    autofocus: autoFocus ? "end" : false,
    extensions,
    content: initial,
    editorProps,
    onUpdate({ editor: current }) {
      onChange(current.getJSON(), current.isEmpty);
    },
  });

  const marks = useEditorState({
    editor,
    selector: ({ editor: current }) => ({
      bold: current?.isActive("bold") ?? false,
      italic: current?.isActive("italic") ?? false,
      code: current?.isActive("code") ?? false,
      bulletList: current?.isActive("bulletList") ?? false,
      orderedList: current?.isActive("orderedList") ?? false,
      link: current?.isActive("link") ?? false,
    }),
  });

  const [linkDraft, setLinkDraft] = useState<string | null>(null);
  const [linkError, setLinkError] = useState<string | null>(null);

  function applyLink() {
    if (!editor || linkDraft === null) return;
    const href = linkDraft.trim();
    if (href === "") {
      editor.chain().focus().extendMarkRange("link").unsetLink().run();
    } else if (!isAllowedLinkHref(href)) {
      setLinkError("Links must start with https://, http:// or mailto:.");
      return;
    } else {
      editor.chain().focus().extendMarkRange("link").setLink({ href }).run();
    }
    setLinkDraft(null);
    setLinkError(null);
  }

  const button = (name: string, pressed: boolean | undefined, run: () => void, text: string) => (
    <button type="button" className="tool" aria-label={name} title={name} aria-pressed={pressed} onClick={run} disabled={!editor}>
      {/* The glyph is decoration drawn by CSS; the name is what assistive technology says
          (a glyph in the text, like "1.", would be visible text missing from the name). */}
      <span aria-hidden="true" className="tool-glyph" data-glyph={text} />
    </button>
  );

  return (
    <div className="comment-editor">
      <div role="toolbar" aria-label={`Formatting for ${label}`} id={toolbarId} className="comment-toolbar">
        {button("Bold", marks?.bold, () => editor?.chain().focus().toggleBold().run(), "B")}
        {button("Italic", marks?.italic, () => editor?.chain().focus().toggleItalic().run(), "I")}
        {button("Inline code", marks?.code, () => editor?.chain().focus().toggleCode().run(), "</>")}
        {button("Bulleted list", marks?.bulletList, () => editor?.chain().focus().toggleBulletList().run(), "•")}
        {button("Numbered list", marks?.orderedList, () => editor?.chain().focus().toggleOrderedList().run(), "1.")}
        {button("Link", marks?.link, () => setLinkDraft(editor?.getAttributes("link").href ?? "https://"), "🔗")}
      </div>
      {linkDraft !== null ? (
        <div className="link-row">
          <label className="visually-hidden" htmlFor={`${toolbarId}-link`}>
            Link address
          </label>
          <input
            id={`${toolbarId}-link`}
            value={linkDraft}
            autoFocus
            onChange={(event) => setLinkDraft(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === "Enter") {
                event.preventDefault();
                applyLink();
              }
              if (event.key === "Escape") setLinkDraft(null);
            }}
            aria-invalid={linkError ? true : undefined}
          />
          <button type="button" className="button secondary small" onClick={applyLink}>
            Apply link
          </button>
          {linkError ? (
            <p className="field-error" role="alert">
              {linkError}
            </p>
          ) : null}
        </div>
      ) : null}
      <EditorContent editor={editor} />
      <MentionListbox id={`${toolbarId}-mentions`} suggestion={mentions.suggestion} />
    </div>
  );
}
