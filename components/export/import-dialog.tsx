"use client";
// "Import annotations": a modal dialog to upload a W3C Web Annotation file (ours or
// Hypothesis's) into a group or the reader's private notes, then show what happened.
import { useId, useRef, useState, type FormEvent } from "react";
import type { ImportReport } from "@/lib/api/exports";
import { MAX_IMPORT_BODY_BYTES } from "@/lib/import/import-limits";
import type { GroupSummaryDto } from "@/lib/api/groups";
import { ApiError } from "@/lib/api-client/request-json";

type Props = {
  documentId: string;
  groups: GroupSummaryDto[];
  /** Called after annotations were created, so the reader can load them. */
  onImported: () => void;
};

type State = { phase: "idle" } | { phase: "sending" } | { phase: "done"; report: ImportReport } | { phase: "failed"; message: string };

export function ImportDialog({ documentId, groups, onImported }: Props) {
  const id = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const [state, setState] = useState<State>({ phase: "idle" });

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const file = form.get("file");
    const target = String(form.get("target") ?? "private");
    if (!(file instanceof File) || file.size === 0) return setState({ phase: "failed", message: "Choose a file to import." });
    if (file.size > MAX_IMPORT_BODY_BYTES) {
      return setState({ phase: "failed", message: `The file is larger than ${MAX_IMPORT_BODY_BYTES / 1024 / 1024} MB.` });
    }
    setState({ phase: "sending" });
    try {
      const query = target === "private" ? "" : `?groupId=${encodeURIComponent(target)}`;
      const report = await postFile(`/api/documents/${encodeURIComponent(documentId)}/import${query}`, await file.text());
      setState({ phase: "done", report });
      if (report.created.length > 0) onImported();
    } catch (error) {
      setState({ phase: "failed", message: error instanceof Error ? error.message : "The import failed." });
    }
  }

  return (
    <>
      <button type="button" className="button secondary small" onClick={() => dialog.current?.showModal()}>
        Import annotations
      </button>
      <dialog ref={dialog} className="import-dialog" aria-labelledby={`${id}-title`} onClose={() => setState({ phase: "idle" })}>
        <h2 id={`${id}-title`}>Import annotations</h2>
        <p className="hint">A W3C Web Annotation file (JSON-LD): an export from Marginalia or from Hypothesis. Importing the same file again adds nothing new.</p>
        <form onSubmit={(event) => void submit(event)}>
          <div className="field">
            <label htmlFor={`${id}-file`}>File</label>
            <input id={`${id}-file`} name="file" type="file" accept=".jsonld,.json,application/ld+json,application/json" required />
          </div>
          <div className="field">
            <label htmlFor={`${id}-target`}>Import into</label>
            <select id={`${id}-target`} name="target" defaultValue="private">
              <option value="private">Only me</option>
              {groups.map((group) => (
                <option key={group.id} value={group.id}>
                  {group.name}
                </option>
              ))}
            </select>
          </div>
          <div className="dialog-actions">
            <button type="submit" className="button small" disabled={state.phase === "sending"}>
              {state.phase === "sending" ? "Importing…" : "Import"}
            </button>
            <button type="button" className="button secondary small" onClick={() => dialog.current?.close()}>
              Close
            </button>
          </div>
        </form>
        <div role="status" aria-live="polite">
          {state.phase === "failed" ? <p className="alert error">{state.message}</p> : null}
          {state.phase === "done" ? <ImportSummary report={state.report} /> : null}
        </div>
      </dialog>
    </>
  );
}

function ImportSummary({ report }: { report: ImportReport }) {
  return (
    <div className="import-report">
      <p>
        {report.created.length} created{report.fuzzy.length > 0 ? ` (${report.fuzzy.length} of them found only approximately)` : ""} ·{" "}
        {report.orphaned.length} not attached · {report.skipped.length} already imported
        {report.refused.length > 0 ? ` · ${report.refused.length} refused` : ""}
      </p>
      {report.fuzzy.length > 0 ? (
        <details>
          <summary>Anchored approximately: check these</summary>
          <ul>
            {report.fuzzy.map((entry) => (
              <li key={entry.id}>
                “{entry.quote}” → “{entry.matched}” (score {entry.score})
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {report.orphaned.length + report.refused.length > 0 ? (
        <details>
          <summary>Not imported</summary>
          <ul>
            {report.orphaned.map((entry) => (
              <li key={entry.sourceId}>
                {entry.quote ? `“${entry.quote}”: ` : ""}
                {entry.reason}
              </li>
            ))}
            {report.refused.map((entry) => (
              <li key={entry.sourceId}>{entry.message}</li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}

async function postFile(path: string, text: string): Promise<ImportReport> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: "POST",
      credentials: "same-origin",
      headers: { "content-type": "application/ld+json", accept: "application/json" },
      body: text,
    });
  } catch {
    throw new ApiError(0, "NETWORK", "You appear to be offline. Nothing was imported.");
  }
  const payload: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const error = (payload as { error?: { message?: string } } | null)?.error;
    throw new ApiError(response.status, "BAD_REQUEST", error?.message ?? `The import failed (${response.status}).`);
  }
  return payload as ImportReport;
}
