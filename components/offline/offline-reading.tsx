"use client";
// Makes the open document readable after an offline reload: registers the service
// worker (public/sw.js) and hands it the page and the files it loaded before the
// worker was in control. Marks <html data-offline-ready> once they are kept.
import { useEffect } from "react";

export function OfflineReading() {
  useEffect(() => {
    if (!("serviceWorker" in navigator)) return;
    let cancelled = false;
    let missed: PerformanceObserver | undefined;
    (async () => {
      // Installing the worker and copying the page's files is not what the reader opened the
      // page for: it waits until the page has loaded and the browser is idle.
      await pageSettled();
      if (cancelled) return;
      await navigator.serviceWorker.register("/sw.js", { scope: "/" });
      const registration = await navigator.serviceWorker.ready;
      const worker = registration.active;
      if (!worker || cancelled) return;
      const loaded = performance.getEntriesByType("resource").map((entry) => entry.name);
      await ask(worker, { type: "keep", urls: [location.href, ...loaded] });
      if (cancelled) return;
      document.documentElement.dataset.offlineReady = "true";
      // Code the page loads later (the editor, after the first paint) passes through the
      // worker once it controls the page; what was on its way before then did not: keep that too.
      missed = new PerformanceObserver((list) => {
        const urls = list.getEntries().flatMap((entry) => ((entry as PerformanceResourceTiming).workerStart === 0 ? [entry.name] : []));
        if (urls.length > 0) worker.postMessage({ type: "keep", urls });
      });
      missed.observe({ type: "resource" });
    })().catch(() => undefined); // offline reading is a bonus: the page works without it
    return () => {
      cancelled = true;
      missed?.disconnect();
    };
  }, []);
  return null;
}

/** Forgets every kept page and answer (on the signed-out pages: nothing of an account stays behind). */
export function ForgetOfflineCopies() {
  useEffect(() => {
    if (typeof caches !== "undefined") void caches.delete("marginalia-offline-v1").catch(() => undefined);
  }, []);
  return null;
}

/** After the load event, at the browser's next idle period (at most a few seconds later). */
function pageSettled(): Promise<void> {
  return new Promise((resolve) => {
    const whenIdle = () => {
      if ("requestIdleCallback" in window) requestIdleCallback(() => resolve(), { timeout: 3000 });
      else setTimeout(resolve, 500);
    };
    if (document.readyState === "complete") whenIdle();
    else addEventListener("load", whenIdle, { once: true });
  });
}

function ask(worker: ServiceWorker, message: unknown): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    const timer = setTimeout(resolve, 15_000);
    channel.port1.onmessage = () => {
      clearTimeout(timer);
      resolve();
    };
    worker.postMessage(message, [channel.port2]);
  });
}
