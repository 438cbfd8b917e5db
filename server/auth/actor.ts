// Who is making a request: the signed-in user behind a session cookie or an API token.
export type Actor = {
  userId: string;
  via: "session" | "token";
};
