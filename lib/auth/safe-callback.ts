// Where to go after signing in: only paths on our own site, never an open redirect.
export function safeCallbackPath(value: unknown, fallback = "/"): string {
  if (typeof value !== "string" || value.length === 0 || value.length > 500) return fallback;
  // A single leading slash means same-origin; "//host" and "/\host" would leave the site.
  if (!value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return fallback;
  return value;
}
