"use client";
// Private feedback on one annotation, shown to its author and to the group's owners and
// instructors (who may also write it). Loaded only when a thread is opened, so a long
// discussion costs no extra requests.
import { useCallback, useEffect, useId, useState } from "react";
import type { FeedbackDto } from "@/lib/api/feedback";
import { reviewClient } from "@/lib/api-client/review-client";
import { useAsyncAction } from "@/components/use-async-action";

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short" });

export function PrivateFeedback({ annotationId, authorName }: { annotationId: string; authorName: string }) {
  const id = useId();
  const [items, setItems] = useState<FeedbackDto[] | null>(null);
  const [canWrite, setCanWrite] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [draft, setDraft] = useState("");
  const send = useAsyncAction();

  const refresh = useCallback(async () => {
    try {
      const list = await reviewClient.feedback(annotationId);
      setItems(list.items);
      setCanWrite(list.canWrite);
      setLoadError(null);
    } catch (error) {
      setLoadError(error instanceof Error ? error.message : "Feedback could not be loaded.");
    }
  }, [annotationId]);

  useEffect(() => {
    let cancelled = false;
    reviewClient.feedback(annotationId).then(
      (list) => {
        if (cancelled) return;
        setItems(list.items);
        setCanWrite(list.canWrite);
      },
      (error: unknown) => {
        if (!cancelled) setLoadError(error instanceof Error ? error.message : "Feedback could not be loaded.");
      },
    );
    return () => {
      cancelled = true;
    };
  }, [annotationId]);

  if (loadError) return <p className="field-error">{loadError}</p>;
  if (items === null || (items.length === 0 && !canWrite)) return null;
  return (
    <section className="private-feedback" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="private-feedback-title">
        Private feedback <span className="count">(only {canWrite ? `${authorName} and instructors` : "you and your instructors"} see this)</span>
      </h3>
      {items.length > 0 ? (
        <ul className="feedback-list">
          {items.map((item) => (
            <li key={item.id}>
              <p className="entry-meta">
                <span className="author">{item.author.name}</span>
                <time dateTime={item.createdAt}>{dateFormat.format(new Date(item.createdAt))}</time>
              </p>
              {/* Server-rendered from validated JSON and sanitized (lib/rich-text/render-html). */}
              <div className="entry-body" dangerouslySetInnerHTML={{ __html: item.body.html }} />
            </li>
          ))}
        </ul>
      ) : null}
      {canWrite ? (
        <form
          className="feedback-form"
          onSubmit={async (event) => {
            event.preventDefault();
            const text = draft.trim();
            if (text === "") return;
            if (await send.run(() => reviewClient.giveFeedback(annotationId, text))) {
              setDraft("");
              await refresh();
            }
          }}
        >
          <label htmlFor={`${id}-text`}>Private feedback for {authorName}</label>
          <textarea id={`${id}-text`} rows={3} maxLength={10_000} value={draft} onChange={(event) => setDraft(event.target.value)} />
          {send.error ? (
            <p className="field-error" role="alert">
              {send.error}
            </p>
          ) : null}
          <button type="submit" className="button small" disabled={send.busy || draft.trim() === ""}>
            {send.busy ? "Sending…" : "Send private feedback"}
          </button>
        </form>
      ) : null}
    </section>
  );
}
