"use client";
// The queues that need the instructor, each item with what can be done about it right
// here: answer (a reply, through the replies API), resolve, or hide a flagged annotation.
// After an action succeeds the review is refetched, so the item leaves its queue.
import { useId, useState } from "react";
import type { QueueItemDto, QueueName, ReviewDto } from "@/lib/api/review";
import { reviewClient } from "@/lib/api-client/review-client";
import { useAsyncAction } from "@/components/use-async-action";

type Action = "answer" | "resolve" | "hide";

const QUEUES: Array<{ name: QueueName; title: string; empty: string; actions: Action[] }> = [
  { name: "unansweredQuestions", title: "Questions without an answer", empty: "Every question has an answer.", actions: ["answer", "resolve"] },
  { name: "unresolvedNeedsCitation", title: "“Needs citation” still open", empty: "No open citation requests.", actions: ["answer", "resolve"] },
  { name: "flagged", title: "Flagged by members", empty: "Nothing is flagged.", actions: ["hide"] },
  { name: "unansweredMentions", title: "Mentions of you without your answer", empty: "You have answered every mention.", actions: ["answer"] },
];

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium" });

export function ReviewQueues({ queues, totals, onChanged }: { queues: ReviewDto["queues"]; totals: ReviewDto["queueTotals"]; onChanged: () => Promise<void> }) {
  return (
    <div className="review-queues">
      {QUEUES.map((queue) => (
        <QueueSection
          key={queue.name}
          title={queue.title}
          empty={queue.empty}
          items={queues[queue.name]}
          total={totals[queue.name]}
          actions={queue.actions}
          onChanged={onChanged}
        />
      ))}
    </div>
  );
}

function QueueSection(props: { title: string; empty: string; items: QueueItemDto[]; total: number; actions: Action[]; onChanged: () => Promise<void> }) {
  const id = useId();
  return (
    <section className="card queue" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="card-title">
        {props.title} <span className="count">({props.total})</span>
      </h3>
      {props.items.length === 0 ? (
        <p className="empty">{props.empty}</p>
      ) : (
        <ul className="queue-items" aria-labelledby={`${id}-title`}>
          {props.items.map((item) => (
            <QueueEntry key={item.id} item={item} actions={props.actions} onChanged={props.onChanged} />
          ))}
        </ul>
      )}
      {props.total > props.items.length ? <p className="field-hint">The oldest {props.items.length} of {props.total}; more appear as these are handled.</p> : null}
    </section>
  );
}

function QueueEntry({ item, actions, onChanged }: { item: QueueItemDto; actions: Action[]; onChanged: () => Promise<void> }) {
  const id = useId();
  const [answering, setAnswering] = useState(false);
  const [answer, setAnswer] = useState("");
  const action = useAsyncAction();
  const perform = (work: () => Promise<unknown>) =>
    action.run(async () => {
      await work();
      await onChanged();
    });
  const summary = item.text || item.quote || "(no text)";
  return (
    <li className="queue-item" aria-labelledby={`${id}-summary`}>
      <p className="entry-meta">
        <span className="author">{item.author.name}</span>
        <time dateTime={item.createdAt}>{dateFormat.format(new Date(item.createdAt))}</time>
        <span>{item.document.title}</span>
      </p>
      {item.quote && item.text ? <blockquote className="quote">{item.quote}</blockquote> : null}
      <p id={`${id}-summary`} className="entry-body">
        {summary}
      </p>
      {item.flags.length > 0 ? <p className="flag-reasons">Flagged: {item.flags.join("; ")}</p> : null}
      <div className="entry-actions">
        <a href={item.href}>Open in the text</a>
        {actions.includes("answer") && !answering ? (
          <button type="button" className="button link" onClick={() => setAnswering(true)}>
            Answer
          </button>
        ) : null}
        {actions.includes("resolve") ? (
          <button type="button" className="button link" disabled={action.busy} onClick={() => perform(() => reviewClient.resolve(item.threadId))}>
            Resolve
          </button>
        ) : null}
        {actions.includes("hide") ? (
          <button type="button" className="button link" disabled={action.busy} onClick={() => perform(() => reviewClient.hide(item.id))}>
            Hide
          </button>
        ) : null}
      </div>
      {answering ? (
        <form
          className="feedback-form"
          onSubmit={(event) => {
            event.preventDefault();
            const text = answer.trim();
            if (text !== "") void perform(() => reviewClient.reply(item.id, text));
          }}
        >
          <label htmlFor={`${id}-answer`}>Answer to {item.author.name}</label>
          <textarea id={`${id}-answer`} rows={3} maxLength={10_000} value={answer} autoFocus onChange={(event) => setAnswer(event.target.value)} />
          <div className="composer-actions">
            <button type="submit" className="button small" disabled={action.busy || answer.trim() === ""}>
              {action.busy ? "Posting…" : "Post answer"}
            </button>
            <button type="button" className="button secondary small" onClick={() => setAnswering(false)}>
              Cancel
            </button>
          </div>
        </form>
      ) : null}
      {action.error ? (
        <p className="field-error" role="alert">
          {action.error}
        </p>
      ) : null}
    </li>
  );
}
