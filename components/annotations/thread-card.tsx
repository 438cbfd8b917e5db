"use client";
// One thread in the sidebar: the annotation, its replies at any depth, and what the
// reader may do with each (the same permission table the server enforces).
import type { JSONContent } from "@tiptap/react";
import { useEffect, useRef, useState } from "react";
import { replyingSentence, useLiveHints } from "@/components/realtime/live-hints";
import type { AnnotationThread } from "@/lib/annotations/annotation-store";
import { canOnAnnotation, type AnnotationPermission, type GroupRole } from "@/lib/permissions/permission-table";
import { PrivateFeedback } from "@/components/feedback/private-feedback";
import { RichTextEditor } from "./lazy-rich-text-editor";
import { clearDraft, readDraft, useStoredDraft, writeDraft } from "./use-draft";

export type ThreadActions = {
  reply: (parentId: string, doc: JSONContent) => Promise<void>;
  edit: (id: string, doc: JSONContent) => Promise<void>;
  remove: (id: string) => Promise<void>;
  react: (id: string, type: "helpful" | "same_question", on: boolean) => Promise<void>;
  setResolved: (id: string, resolved: boolean) => Promise<void>;
  flag: (id: string, reason: string) => Promise<void>;
  setHidden: (id: string, hidden: boolean) => Promise<void>;
  filterByTag: (tag: string) => void;
  showInText: (id: string) => void;
};

type Context = {
  currentUserId: string;
  roleIn: (groupId: string | null) => GroupRole | null;
  groupName: (groupId: string | null) => string;
  documentId: string;
  actions: ThreadActions;
};

const KIND_LABEL = { highlight: "Highlight", comment: "Comment", note: "Note" } as const;
const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short" });

export function ThreadCard({ thread, active, context }: { thread: AnnotationThread; active: boolean; context: Context }) {
  // Expanding is remembered for this version of the thread only: resolving it again collapses it.
  const [expandedVersion, setExpandedVersion] = useState<string | null>(null);
  const collapsed = thread.resolved && expandedVersion !== thread.updatedAt;
  const quote = thread.selectors?.selector[1].exact;

  return (
    <article
      className={`thread${active ? " active" : ""}${thread.resolved ? " resolved" : ""}${thread.pending ? " pending" : ""}`}
      aria-label={`${KIND_LABEL[thread.kind]} by ${thread.author.name}`}
      data-annotation-id={thread.id}
    >
      {quote ? (
        <button type="button" className={`quote-button color-${thread.color ?? "yellow"}`} onClick={() => context.actions.showInText(thread.id)}>
          <span className="visually-hidden">Show in text: </span>
          <span className="quote-text">{quote.length > 160 ? `${quote.slice(0, 160)}…` : quote}</span>
        </button>
      ) : (
        <p className="page-note-label">About the whole document</p>
      )}
      {collapsed ? (
        <div className="resolved-bar">
          <span>Resolved · {thread.author.name}</span>
          <button type="button" className="button link" onClick={() => setExpandedVersion(thread.updatedAt)}>
            Show thread
          </button>
        </div>
      ) : (
        <AnnotationEntry annotation={thread} depth={0} context={context} />
      )}
      {active && showsPrivateFeedback(thread, context) ? <PrivateFeedback annotationId={thread.id} authorName={thread.author.name} /> : null}
    </article>
  );
}

// Private feedback exists only on group annotations, for their author and the group's reviewers.
function showsPrivateFeedback(thread: AnnotationThread, context: Context): boolean {
  if (thread.groupId === null || thread.pending || thread.deleted) return false;
  const role = context.roleIn(thread.groupId);
  return thread.author.id === context.currentUserId || role === "owner" || role === "instructor";
}

function AnnotationEntry({ annotation, depth, context }: { annotation: AnnotationThread; depth: number; context: Context }) {
  const { actions } = context;
  const hints = useLiveHints();
  const replyDraft = useStoredDraft<JSONContent>(`${context.documentId}:reply:${annotation.id}`);
  const [chosenMode, setMode] = useState<"view" | "reply" | "edit" | null>(null);
  // An unfinished reply from before a reload opens its editor again.
  const mode = chosenMode ?? (replyDraft ? "reply" : "view");
  const [busy, setBusy] = useState(false);
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const [flagging, setFlagging] = useState(false);
  const [flagReason, setFlagReason] = useState("");
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const facts = {
    isAuthor: annotation.author.id === context.currentUserId,
    isShared: annotation.groupId !== null,
    role: context.roleIn(annotation.groupId),
  };
  const can = (permission: AnnotationPermission) => !annotation.deleted && !annotation.pending && canOnAnnotation(permission, facts);

  async function run(action: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (cause) {
      setError(cause instanceof Error ? cause.message : "That did not work. Try again.");
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className={depth === 0 ? "entry" : "entry reply"}>
      <header className="entry-header">
        <span className="author">{annotation.deleted ? "Deleted" : annotation.author.name}</span>
        <span className="entry-meta">
          {depth === 0 ? <span className={`kind-badge kind-${annotation.kind}`}>{KIND_LABEL[annotation.kind]}</span> : null}
          {depth === 0 ? <span className="visibility">{annotation.groupId ? context.groupName(annotation.groupId) : "Only me"}</span> : null}
          <time dateTime={annotation.createdAt} suppressHydrationWarning>
            {dateFormat.format(new Date(annotation.createdAt))}
          </time>
          {annotation.pending ? <span className="pending-badge">Saving…</span> : null}
          {annotation.hidden ? <span className="hidden-badge">Hidden by a moderator</span> : null}
        </span>
      </header>
      {annotation.deleted ? (
        <p className="deleted-body">This annotation was deleted.</p>
      ) : mode === "edit" ? (
        <InlineEditor
          draftKey={`${context.documentId}:edit:${annotation.id}`}
          mentionGroupId={annotation.groupId}
          label="Edit comment"
          initial={(annotation.body?.doc as JSONContent | undefined) ?? null}
          busy={busy}
          submitLabel="Save changes"
          onCancel={() => setMode("view")}
          onSubmit={(doc) => run(async () => {
            await actions.edit(annotation.id, doc);
            setMode("view");
          })}
        />
      ) : annotation.body?.html ? (
        // The HTML was rendered from allow-listed JSON and sanitized on the server.
        <div className="entry-body" dangerouslySetInnerHTML={{ __html: annotation.body.html }} />
      ) : annotation.body ? (
        // Not yet on the server (pending): the author's own words as plain text.
        <p className="entry-body">{annotation.body.text}</p>
      ) : null}
      {annotation.tags.length > 0 ? (
        <ul className="entry-tags" aria-label="Tags">
          {annotation.tags.map((tag) => (
            <li key={tag}>
              <button type="button" className="tag-chip" onClick={() => actions.filterByTag(tag)} aria-label={`Filter by tag ${tag}`}>
                {tag}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {!annotation.deleted && !annotation.pending ? (
        <div className="entry-actions">
          <ReactionButton annotation={annotation} type="helpful" label="Helpful" disabled={!can("annotation:react") || busy} onToggle={(on) => run(() => actions.react(annotation.id, "helpful", on))} />
          <ReactionButton annotation={annotation} type="same_question" label="Same question" disabled={!can("annotation:react") || busy} onToggle={(on) => run(() => actions.react(annotation.id, "same_question", on))} />
          {can("annotation:reply") ? (
            <button type="button" className="button link" onClick={() => setMode("reply")}>
              Reply
            </button>
          ) : null}
          {depth === 0 && can("annotation:resolve") ? (
            <button type="button" className="button link" disabled={busy} onClick={() => run(() => actions.setResolved(annotation.id, !annotation.resolved))}>
              {annotation.resolved ? "Reopen" : "Resolve"}
            </button>
          ) : null}
          {can("annotation:edit") && annotation.body ? (
            <button type="button" className="button link" onClick={() => setMode("edit")}>
              Edit
            </button>
          ) : null}
          {can("annotation:delete") && !confirmingDelete ? (
            <button type="button" className="button link danger" disabled={busy} onClick={() => setConfirmingDelete(true)}>
              Delete
            </button>
          ) : null}
          {can("annotation:moderate") ? (
            <button type="button" className="button link" disabled={busy} onClick={() => run(() => actions.setHidden(annotation.id, !annotation.hidden))}>
              {annotation.hidden ? "Unhide" : "Hide"}
            </button>
          ) : null}
          {can("annotation:flag") && !facts.isAuthor && !flagging ? (
            <button type="button" className="button link" onClick={() => setFlagging(true)}>
              Flag
            </button>
          ) : null}
          {confirmingDelete ? (
            <span className="confirm-delete" role="group" aria-label="Confirm deletion">
              <span>Delete this annotation?</span>
              <button type="button" className="button link danger" autoFocus disabled={busy} onClick={() => void run(() => actions.remove(annotation.id))}>
                Yes, delete
              </button>
              <button type="button" className="button link" onClick={() => setConfirmingDelete(false)}>
                Keep it
              </button>
            </span>
          ) : null}
        </div>
      ) : null}
      {flagging ? (
        <form
          className="flag-form"
          onSubmit={(event) => {
            event.preventDefault();
            void run(async () => {
              await actions.flag(annotation.id, flagReason);
              setFlagging(false);
              setFlagReason("");
              setNotice("Thanks. The group's moderators will take a look.");
            });
          }}
        >
          <label htmlFor={`flag-${annotation.id}`}>Why should a moderator look at this?</label>
          <input id={`flag-${annotation.id}`} value={flagReason} maxLength={500} minLength={3} required onChange={(event) => setFlagReason(event.target.value)} />
          <div className="composer-actions">
            <button type="submit" className="button small" disabled={busy}>
              Send flag
            </button>
            <button type="button" className="button secondary small" onClick={() => setFlagging(false)}>
              Cancel
            </button>
          </div>
        </form>
      ) : null}
      {notice ? (
        <p className="field-hint" role="status">
          {notice}
        </p>
      ) : null}
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
      <ReplyingHint annotationId={annotation.id} />
      {mode === "reply" ? (
        <InlineEditor
          draftKey={`${context.documentId}:reply:${annotation.id}`}
          mentionGroupId={annotation.groupId}
          label={`Reply to ${annotation.author.name}`}
          initial={null}
          busy={busy}
          submitLabel="Post reply"
          onCancel={() => setMode("view")}
          onTyping={(typing) => hints.setReplying(annotation, typing)}
          onSubmit={(doc) => run(async () => {
            await actions.reply(annotation.id, doc);
            setMode("view");
          })}
        />
      ) : null}
      {annotation.replies.length > 0 ? (
        <div className="replies">
          {annotation.replies.map((reply) => (
            <AnnotationEntry key={reply.id} annotation={reply} depth={Math.min(depth + 1, 4)} context={context} />
          ))}
        </div>
      ) : null}
    </div>
  );
}

/** "Ana is replying…" under a thread while others write a reply to it. */
function ReplyingHint({ annotationId }: { annotationId: string }) {
  const sentence = replyingSentence(useLiveHints().replyingTo(annotationId));
  return sentence ? (
    <p className="replying-hint" role="status">
      {sentence}
    </p>
  ) : null;
}

function ReactionButton(props: {
  annotation: AnnotationThread;
  type: "helpful" | "same_question";
  label: string;
  disabled: boolean;
  onToggle: (on: boolean) => void;
}) {
  const mine = props.annotation.reactions.mine.includes(props.type);
  const count = props.annotation.reactions.counts[props.type];
  return (
    <button
      type="button"
      className="reaction"
      aria-pressed={mine}
      disabled={props.disabled}
      onClick={() => props.onToggle(!mine)}
    >
      {props.label} <span className="reaction-count">{count}</span>
    </button>
  );
}

function InlineEditor(props: {
  draftKey: string;
  label: string;
  initial: JSONContent | null;
  busy: boolean;
  submitLabel: string;
  onSubmit: (doc: JSONContent) => void;
  onCancel: () => void;
  /** Told when the writer starts (text appears) and stops (empties, leaves, sends). */
  onTyping?: (typing: boolean) => void;
  mentionGroupId: string | null;
}) {
  const saved = typeof window !== "undefined" ? readDraft<JSONContent>(props.draftKey) : null;
  const [doc, setDoc] = useState<JSONContent | null>(saved ?? props.initial);
  const [empty, setEmpty] = useState(!saved && !props.initial);
  const onTyping = useRef(props.onTyping);
  useEffect(() => {
    onTyping.current = props.onTyping;
  });
  useEffect(() => {
    onTyping.current?.(!empty);
  }, [empty]);
  useEffect(() => () => onTyping.current?.(false), []);

  function submit() {
    if (!doc || empty) return;
    clearDraft(props.draftKey);
    props.onSubmit(doc);
  }

  return (
    <div className="inline-editor">
      <RichTextEditor
        label={props.label}
        placeholder="Write a reply…"
        initialContent={doc}
        mentionGroupId={props.mentionGroupId}
        autoFocus
        onChange={(next, isEmpty) => {
          setDoc(next);
          setEmpty(isEmpty);
          writeDraft(props.draftKey, next);
        }}
        onSubmitShortcut={submit}
      />
      <div className="composer-actions">
        <button type="button" className="button small" onClick={submit} disabled={props.busy || empty}>
          {props.busy ? "Saving…" : props.submitLabel}
        </button>
        <button
          type="button"
          className="button secondary small"
          onClick={() => {
            clearDraft(props.draftKey);
            props.onCancel();
          }}
        >
          Cancel
        </button>
      </div>
    </div>
  );
}
