// Small pieces shared by the account forms: the error banner and the submit button.
import type { AuthFormState } from "@/lib/auth/form-state";

export function FormAlert({ id, state }: { id: string; state: AuthFormState }) {
  if (state.status !== "error" || !state.message) return null;
  return (
    <p id={id} className="alert error" role="alert">
      {state.message}
    </p>
  );
}

export function SubmitButton({ pending, label, pendingLabel }: { pending: boolean; label: string; pendingLabel: string }) {
  return (
    <button type="submit" className="button block" disabled={pending} aria-disabled={pending}>
      {pending ? pendingLabel : label}
    </button>
  );
}
