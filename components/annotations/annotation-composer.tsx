"use client";
// Writes a new comment, tagged note or page note: rich text, tags, and who sees it
// (only me, or one of my groups). The draft survives a reload.
import type { JSONContent } from "@tiptap/react";
import { useId, useState } from "react";
import type { GroupSummaryDto } from "@/lib/api/groups";
import { RichTextEditor } from "./lazy-rich-text-editor";
import { TagPicker } from "./tag-picker";
import { useDraft } from "./use-draft";

export type ComposerKind = "comment" | "note";

export type ComposerDraft = {
  kind: ComposerKind;
  target: { start: number; end: number; quote: string } | null;
  doc: JSONContent | null;
  tags: string[];
  groupId: string | null;
};

export type ComposerSubmission = { kind: ComposerKind; doc: JSONContent | null; tags: string[]; groupId: string | null };

type Props = {
  draftKey: string;
  initialDraft: ComposerDraft;
  groups: GroupSummaryDto[];
  saving: boolean;
  error: string | null;
  onSubmit: (submission: ComposerSubmission) => void;
  onCancel: () => void;
};

export function AnnotationComposer({ draftKey, initialDraft, groups, saving, error, onSubmit, onCancel }: Props) {
  const id = useId();
  const [draft, setDraft, discardDraft] = useDraft<ComposerDraft>(draftKey, initialDraft);
  const [isEmpty, setIsEmpty] = useState(() => !hasText(draft.doc));
  const [problem, setProblem] = useState<string | null>(null);
  const vocabulary = groups.find((group) => group.id === draft.groupId)?.tags ?? groups[0]?.tags ?? [];
  const title = draft.target ? (draft.kind === "note" ? "New tagged note" : "New comment") : "New page note";

  function submit() {
    if (draft.kind === "note" && draft.tags.length === 0) return setProblem("Choose at least one tag for a note.");
    if (draft.kind === "comment" && isEmpty) return setProblem("Write something first.");
    setProblem(null);
    onSubmit({ kind: draft.kind, doc: isEmpty ? null : draft.doc, tags: draft.tags, groupId: draft.groupId });
  }

  return (
    <section className="composer" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="composer-title">
        {title}
      </h2>
      {draft.target ? <blockquote className="quote">{draft.target.quote}</blockquote> : null}
      <RichTextEditor
        label={draft.kind === "note" ? "Note" : "Comment"}
        placeholder={draft.target ? "What do you make of this passage?" : "A note about the whole document…"}
        initialContent={draft.doc}
        mentionGroupId={draft.groupId}
        autoFocus
        onChange={(doc, empty) => {
          setIsEmpty(empty);
          setDraft({ ...draft, doc });
        }}
        onSubmitShortcut={submit}
      />
      <TagPicker
        vocabulary={vocabulary}
        selected={draft.tags}
        required={draft.kind === "note"}
        onChange={(tags) => setDraft({ ...draft, tags, kind: tags.length > 0 && draft.kind === "comment" && isEmpty ? "note" : draft.kind })}
      />
      <div className="field">
        <label htmlFor={`${id}-visibility`}>Visible to</label>
        <select
          id={`${id}-visibility`}
          value={draft.groupId ?? "private"}
          onChange={(event) => setDraft({ ...draft, groupId: event.target.value === "private" ? null : event.target.value })}
        >
          <option value="private">Only me</option>
          {groups.map((group) => (
            <option key={group.id} value={group.id}>
              {group.name}
            </option>
          ))}
        </select>
      </div>
      {problem || error ? (
        <p className="alert error" role="alert">
          {problem ?? error}
        </p>
      ) : null}
      <div className="composer-actions">
        <button type="button" className="button" onClick={submit} disabled={saving} aria-disabled={saving}>
          {saving ? "Saving…" : "Save"}
        </button>
        <button
          type="button"
          className="button secondary"
          onClick={() => {
            discardDraft();
            onCancel();
          }}
        >
          Cancel
        </button>
      </div>
    </section>
  );
}

function hasText(doc: JSONContent | null): boolean {
  if (!doc) return false;
  if (typeof doc.text === "string" && doc.text.trim() !== "") return true;
  return (doc.content ?? []).some(hasText);
}
