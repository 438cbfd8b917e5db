// Who is making a request: the signed-in user behind a session cookie or an API token.
// The credential's id is kept so long-lived connections can re-check it is still live.
export type Actor = {
  userId: string;
  via: "session" | "token";
  credentialId: string;
  /** The browser tab (or API client) that sent the request, so real-time delivery skips its own echo. */
  clientId?: string;
};

/** Client ids are chosen by clients: accept only short opaque tokens. */
export function parseClientId(value: unknown): string | undefined {
  return typeof value === "string" && /^[A-Za-z0-9_-]{8,64}$/.test(value) ? value : undefined;
}

export const CLIENT_ID_HEADER = "x-client-id";
