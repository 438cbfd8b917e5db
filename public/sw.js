/* global self, caches, fetch, Request, URL */
// Marginalia's service worker: lets a reader reload a document they had open while
// offline. Network first for the document page and its annotation data (fresh when
// online, the last copy when not); cache first for Next's static chunks, whose names
// change with every build. Nothing else is touched. Writes are never cached: the
// page's outbox (IndexedDB) holds them until they can be sent.
const CACHE = "marginalia-offline-v1";

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

function kindOf(request) {
  if (request.method !== "GET") return null;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return null;
  if (url.pathname.startsWith("/_next/static/")) return "static";
  if (url.pathname.startsWith("/documents/") || url.pathname === "/api/annotations" || url.pathname === "/api/annotations/spans") {
    return "fresh";
  }
  return null;
}

async function networkFirst(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    // Only a real page or answer is kept (not a redirect to sign-in, not an error).
    if (response.ok && !response.redirected) await cache.put(request, response.clone());
    return response;
  } catch (error) {
    // Our API answers vary on headers the page's own requests differ in (x-client-id): match by URL.
    const cached = await cache.match(request, { ignoreVary: true });
    if (cached) return cached;
    throw error;
  }
}

async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

self.addEventListener("fetch", (event) => {
  const kind = kindOf(event.request);
  if (kind === "static") event.respondWith(cacheFirst(event.request));
  else if (kind === "fresh") event.respondWith(networkFirst(event.request));
});

// The page names what it loaded before this worker was in control; keep copies of them.
self.addEventListener("message", (event) => {
  const { type, urls } = event.data ?? {};
  const port = event.ports[0];
  if (type === "clear") {
    event.waitUntil(caches.delete(CACHE).then(() => port?.postMessage({ ok: true })));
    return;
  }
  if (type !== "keep" || !Array.isArray(urls)) return;
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      for (const url of urls.slice(0, 200)) {
        const request = new Request(url, { credentials: "same-origin" });
        if (!kindOf(request)) continue;
        try {
          const response = await fetch(request);
          if (response.ok && !response.redirected) await cache.put(request, response);
        } catch {
          // Offline already: keep what is there.
        }
      }
      port?.postMessage({ ok: true });
    })(),
  );
});
