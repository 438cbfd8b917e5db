"use client";
// Lists, creates and revokes personal API tokens. A new token's secret is shown once.
import { useActionState } from "react";
import type { ApiTokenSummaryDto } from "@/lib/api/tokens";
import { initialTokenFormState, type TokenFormState } from "@/lib/api/token-form-state";

type Props = {
  tokens: ApiTokenSummaryDto[];
  createAction: (state: TokenFormState, form: FormData) => Promise<TokenFormState>;
  revokeAction: (form: FormData) => Promise<void>;
};

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium" });

export function ApiTokens({ tokens, createAction, revokeAction }: Props) {
  const [state, formAction, pending] = useActionState(createAction, initialTokenFormState);
  return (
    <div>
      {tokens.length === 0 ? (
        <p className="empty">You have no API tokens.</p>
      ) : (
        <ul className="token-list" aria-label="API tokens">
          {tokens.map((token) => (
            <li key={token.id}>
              <span>
                <strong>{token.name}</strong> <span className="token-secret">mrg_{token.prefix}_…</span>
                <br />
                <small>
                  Created {dateFormat.format(new Date(token.createdAt))}
                  {token.lastUsedAt ? ` · last used ${dateFormat.format(new Date(token.lastUsedAt))}` : " · never used"}
                </small>
              </span>
              <form action={revokeAction}>
                <input type="hidden" name="tokenId" value={token.id} />
                <button type="submit" className="button secondary" aria-label={`Revoke ${token.name}`}>
                  Revoke
                </button>
              </form>
            </li>
          ))}
        </ul>
      )}
      {state.status === "created" ? (
        <div className="alert success" role="status">
          Token “{state.name}” created. Copy it now; it will not be shown again:
          <br />
          <code className="token-secret">{state.token}</code>
        </div>
      ) : null}
      {state.status === "error" ? (
        <p className="alert error" role="alert">
          {state.message}
        </p>
      ) : null}
      <form action={formAction}>
        <div className="field">
          <label htmlFor="token-name">New token name</label>
          <input id="token-name" name="name" maxLength={80} required placeholder="e.g. Zotero sync" />
        </div>
        <button type="submit" className="button" disabled={pending}>
          {pending ? "Creating…" : "Create token"}
        </button>
      </form>
    </div>
  );
}
