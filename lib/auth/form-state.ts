// The state a sign-in or sign-up form shows after a submit.
export type AuthFormState = {
  status: "idle" | "error";
  message?: string;
  fieldErrors?: Record<string, string>;
  values?: Record<string, string>;
};

export const initialAuthFormState: AuthFormState = { status: "idle" };
