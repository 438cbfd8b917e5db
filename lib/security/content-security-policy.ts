// The Content-Security-Policy of every page, as one pure function so it can be tested.
// Scripts need the per-request nonce ('strict-dynamic' lets Next's chunks load);
// styles allow inline attributes, which React and the editor set, never scripts.
export function buildContentSecurityPolicy(options: {
  nonce: string;
  development: boolean;
  https: boolean;
  oauthOrigins: string[];
}): string {
  const directives: Record<string, string[]> = {
    "default-src": ["'self'"],
    "script-src": ["'self'", `'nonce-${options.nonce}'`, "'strict-dynamic'", ...(options.development ? ["'unsafe-eval'"] : [])],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'", ...(options.development ? ["ws:"] : [])],
    // The offline-reading service worker (public/sw.js), and nothing else.
    "worker-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'", ...options.oauthOrigins],
    "frame-ancestors": ["'none'"],
  };
  const policy = Object.entries(directives).map(([name, values]) => `${name} ${values.join(" ")}`);
  if (options.https) policy.push("upgrade-insecure-requests");
  return policy.join("; ");
}
