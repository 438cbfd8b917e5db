// Who is making a request: the signed-in user behind a session cookie or an API token.
// The credential's id is kept so long-lived connections can re-check it is still live.
export type Actor = {
  userId: string;
  via: "session" | "token";
  credentialId: string;
};
