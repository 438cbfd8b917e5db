"use client";
// The heat map over the text itself: each passage shaded by how many threads cover it,
// optionally only those with one tag. Shaded passages are buttons: choosing one lists
// the threads on it (loaded once, when first needed) with links into the reader.
import { useId, useMemo, useState, type CSSProperties } from "react";
import type { AnnotationDto } from "@/lib/api/annotations";
import type { RevisionBlock } from "@/lib/document/revision-content";
import { annotationHref } from "@/lib/annotations/annotation-href";
import { heatRunsInBlock, maxHeat, segmentsForTag, type HeatSegment } from "@/lib/review/heat-map";
import { reviewClient } from "@/lib/api-client/review-client";

type Props = {
  groupId: string;
  document: { id: string; slug: string; text: string; blocks: RevisionBlock[] };
  segments: HeatSegment[];
};

function describeSegment(segment: HeatSegment): string {
  const tags = Object.entries(segment.byTag).map(([tag, count]) => `${tag} ${count}`);
  const threads = `${segment.count} ${segment.count === 1 ? "thread" : "threads"}`;
  return tags.length > 0 ? `${threads} (${tags.join(", ")})` : threads;
}

export function HeatMapText({ groupId, document, segments }: Props) {
  const id = useId();
  const [tag, setTag] = useState("");
  const [chosen, setChosen] = useState<HeatSegment | null>(null);
  const [threads, setThreads] = useState<AnnotationDto[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const tags = useMemo(() => [...new Set(segments.flatMap((segment) => Object.keys(segment.byTag)))].sort(), [segments]);
  const shown = useMemo(() => (tag ? segmentsForTag(segments, tag) : segments), [segments, tag]);
  const max = maxHeat(shown);

  async function choose(segment: HeatSegment) {
    setChosen(segment);
    if (threads !== null) return;
    try {
      setThreads(await reviewClient.groupThreads(document.id, groupId));
    } catch (error) {
      setLoadError(error instanceof Error ? error.message : "The threads could not be loaded.");
    }
  }

  const onPassage = (chosen && threads
    ? threads.filter((thread) => {
        const position = thread.target?.selector[0];
        return position && position.start < chosen.end && chosen.start < position.end && (!tag || thread.tags.includes(tag));
      })
    : []
  ).slice(0, 50);

  return (
    <div className="heat-map">
      <div className="heat-controls">
        <label htmlFor={`${id}-tag`}>Show threads tagged</label>
        <select
          id={`${id}-tag`}
          value={tag}
          onChange={(event) => {
            setTag(event.target.value);
            setChosen(null);
          }}
        >
          <option value="">Any tag, or none</option>
          {tags.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
        <p className="field-hint">
          {shown.length === 0 ? "No passage has such threads." : `Darker passages have more threads (up to ${max}). Choose a passage to list its threads.`}
        </p>
      </div>
      <div className="heat-layout">
        <div className="heat-text reader-text">
          {document.blocks.map((block) => {
            const runs = heatRunsInBlock(block.start, block.end, shown);
            const content = runs.map((run) =>
              run.segment ? (
                // A span, not a <button>: buttons are laid out as inline blocks, which would
                // break the passage out of its line; role and key handling make it one.
                <span
                  key={run.start}
                  role="button"
                  tabIndex={0}
                  className={`heat${chosen && run.segment.start === chosen.start ? " chosen" : ""}`}
                  style={{ "--heat": (0.18 + (0.62 * run.segment.count) / Math.max(max, 1)).toFixed(2) } as CSSProperties}
                  title={describeSegment(run.segment)}
                  aria-describedby={`${id}-hint`}
                  aria-pressed={chosen !== null && run.segment.start === chosen.start}
                  onClick={() => void choose(run.segment!)}
                  onKeyDown={(event) => {
                    if (event.key !== "Enter" && event.key !== " ") return;
                    event.preventDefault();
                    void choose(run.segment!);
                  }}
                >
                  {document.text.slice(run.start, run.end)}
                </span>
              ) : (
                <span key={run.start}>{document.text.slice(run.start, run.end)}</span>
              ),
            );
            return block.type === "heading" ? <h3 key={block.start}>{content}</h3> : <p key={block.start}>{content}</p>;
          })}
          <span id={`${id}-hint`} hidden>
            Lists the threads on this passage
          </span>
        </div>
        <section className="passage-threads" aria-live="polite" aria-labelledby={`${id}-threads`}>
          <h3 id={`${id}-threads`} className="card-title">
            {chosen ? `Threads on “${document.text.slice(chosen.start, Math.min(chosen.end, chosen.start + 60))}${chosen.end - chosen.start > 60 ? "…" : ""}”` : "Threads on a passage"}
          </h3>
          {!chosen ? <p className="empty">Choose a shaded passage.</p> : null}
          {chosen ? <p className="field-hint">{describeSegment(chosen)}</p> : null}
          {loadError ? (
            <p className="field-error" role="alert">
              {loadError}
            </p>
          ) : null}
          {chosen && threads ? (
            <ul className="queue-items">
              {onPassage.map((thread) => (
                <li key={thread.id} className="queue-item">
                  <p className="entry-meta">
                    <span className="author">{thread.author.name}</span>
                    <span className="kind-badge">{thread.kind}</span>
                    {thread.tags.map((name) => (
                      <span key={name} className="tag-chip">
                        {name}
                      </span>
                    ))}
                    <span>
                      {thread.replies.length} {thread.replies.length === 1 ? "reply" : "replies"}
                    </span>
                  </p>
                  {thread.body?.text ? <p className="entry-body">{thread.body.text.slice(0, 280)}</p> : null}
                  <a href={annotationHref(document.slug, thread.id)}>Open in the text</a>
                </li>
              ))}
            </ul>
          ) : null}
        </section>
      </div>
    </div>
  );
}
