"use client";
// Sign-up with field-level errors (taken email, short password) tied to their inputs.
import Link from "next/link";
import { useActionState } from "react";
import { MIN_PASSWORD_LENGTH } from "@/lib/api/users";
import { initialAuthFormState, type AuthFormState } from "@/lib/auth/form-state";
import { FormAlert, SubmitButton } from "./form-parts";

type Props = {
  action: (state: AuthFormState, form: FormData) => Promise<AuthFormState>;
  callbackUrl: string;
};

export function SignUpForm({ action, callbackUrl }: Props) {
  const [state, formAction, pending] = useActionState(action, initialAuthFormState);
  const errors = state.fieldErrors ?? {};
  return (
    <form action={formAction} noValidate>
      <FormAlert id="sign-up-alert" state={state} />
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <Field id="sign-up-name" name="name" label="Name" autoComplete="name" error={errors.name} defaultValue={state.values?.name} />
      <Field
        id="sign-up-email"
        name="email"
        label="Email"
        type="email"
        autoComplete="email"
        error={errors.email}
        defaultValue={state.values?.email}
      />
      <Field
        id="sign-up-password"
        name="password"
        label="Password"
        type="password"
        autoComplete="new-password"
        error={errors.password}
        hint={`At least ${MIN_PASSWORD_LENGTH} characters.`}
      />
      <SubmitButton pending={pending} label="Create account" pendingLabel="Creating your account…" />
      <p className="form-footer">
        Already have an account? <Link href={`/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`}>Sign in</Link>
      </p>
    </form>
  );
}

type FieldProps = {
  id: string;
  name: string;
  label: string;
  type?: string;
  autoComplete: string;
  error?: string;
  hint?: string;
  defaultValue?: string;
};

function Field({ id, name, label, type = "text", autoComplete, error, hint, defaultValue }: FieldProps) {
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name={name}
        type={type}
        autoComplete={autoComplete}
        required
        defaultValue={defaultValue}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
      />
      {hint ? (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
