// The client's IP for rate limits. The custom server stamps the socket address in
// a private header (dropping any value a client sent), so route handlers can trust it.
export const CLIENT_IP_HEADER = "x-marginalia-client-ip";

type HeaderSource = Pick<Headers, "get">;

export function clientIpFromHeaders(headers: HeaderSource): string {
  return headers.get(CLIENT_IP_HEADER) ?? "unknown";
}

/** Decides the client IP for an incoming socket connection, honoring a proxy only when trusted. */
export function resolveClientIp(remoteAddress: string | undefined, forwardedFor: string | undefined, trustProxy: boolean) {
  if (trustProxy && forwardedFor) {
    const first = forwardedFor.split(",")[0]?.trim();
    if (first) return first;
  }
  return remoteAddress ?? "unknown";
}
