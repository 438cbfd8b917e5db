"use client";
// Email + password sign-in; errors are announced to screen readers and focus stays put.
import Link from "next/link";
import { useActionState } from "react";
import { initialAuthFormState, type AuthFormState } from "@/lib/auth/form-state";
import { FormAlert, SubmitButton } from "./form-parts";

type Props = {
  action: (state: AuthFormState, form: FormData) => Promise<AuthFormState>;
  callbackUrl: string;
  notice?: string;
};

export function SignInForm({ action, callbackUrl, notice }: Props) {
  const [state, formAction, pending] = useActionState(action, initialAuthFormState);
  return (
    <form action={formAction} noValidate aria-describedby={state.message ? "sign-in-alert" : undefined}>
      {notice && state.status === "idle" ? <p className="alert success" role="status">{notice}</p> : null}
      <FormAlert id="sign-in-alert" state={state} />
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <div className="field">
        <label htmlFor="sign-in-email">Email</label>
        <input id="sign-in-email" name="email" type="email" autoComplete="email" required defaultValue={state.values?.email} />
      </div>
      <div className="field">
        <label htmlFor="sign-in-password">Password</label>
        <input id="sign-in-password" name="password" type="password" autoComplete="current-password" required />
      </div>
      <SubmitButton pending={pending} label="Sign in" pendingLabel="Signing in…" />
      <p className="form-footer">
        New here? <Link href={`/signup?callbackUrl=${encodeURIComponent(callbackUrl)}`}>Create an account</Link>
      </p>
    </form>
  );
}
