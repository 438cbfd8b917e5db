// What the account page's "new token" form shows after a submit. The secret appears once.
export type TokenFormState =
  | { status: "idle" }
  | { status: "error"; message: string }
  | { status: "created"; token: string; name: string };

export const initialTokenFormState: TokenFormState = { status: "idle" };
