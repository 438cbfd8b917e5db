"use client";
// Chooses tags: the group's vocabulary as toggle chips, plus new tags typed in.
import { useId, useState } from "react";
import { checkTag, MAX_TAGS, TAG_MESSAGES } from "@/lib/annotations/tag-rules";
import type { HighlightColor } from "@/lib/annotations/palette";

type Props = {
  vocabulary: ReadonlyArray<{ name: string; color: HighlightColor }>;
  selected: string[];
  onChange: (tags: string[]) => void;
  required?: boolean;
};

export function TagPicker({ vocabulary, selected, onChange, required }: Props) {
  const id = useId();
  const [draft, setDraft] = useState("");
  const [error, setError] = useState<string | null>(null);
  const custom = selected.filter((tag) => !vocabulary.some((entry) => entry.name === tag));

  function toggle(tag: string) {
    if (selected.includes(tag)) return onChange(selected.filter((existing) => existing !== tag));
    if (selected.length >= MAX_TAGS) return setError(TAG_MESSAGES.tooMany);
    setError(null);
    onChange([...selected, tag]);
  }

  function addDraft() {
    const checked = checkTag(draft);
    if (!checked.ok) return setError(checked.message);
    setDraft("");
    if (!selected.includes(checked.tag)) toggle(checked.tag);
  }

  return (
    <fieldset className="tag-picker">
      <legend>
        Tags{required ? <span className="required"> (at least one)</span> : null}
      </legend>
      <div className="tag-chips">
        {[...vocabulary.map((entry) => entry.name), ...custom].map((tag) => {
          const color = vocabulary.find((entry) => entry.name === tag)?.color;
          return (
            <button
              key={tag}
              type="button"
              className={`tag-chip${color ? ` tag-${color}` : ""}`}
              aria-pressed={selected.includes(tag)}
              onClick={() => toggle(tag)}
            >
              {tag}
            </button>
          );
        })}
      </div>
      <div className="tag-new">
        <label htmlFor={`${id}-new-tag`} className="visually-hidden">
          New tag
        </label>
        <input
          id={`${id}-new-tag`}
          placeholder="Add a tag…"
          value={draft}
          maxLength={40}
          onChange={(event) => setDraft(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === "Enter") {
              event.preventDefault();
              addDraft();
            }
          }}
        />
        <button type="button" className="button secondary small" onClick={addDraft} disabled={draft.trim() === ""}>
          Add tag
        </button>
      </div>
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
