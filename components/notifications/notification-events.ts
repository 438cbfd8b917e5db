// One browser-wide signal that my notifications changed (a socket "notification:new", or
// marking read on another part of the page). The bell and the list refetch when it fires,
// so whoever learns of a change only has to announce it.
export const NOTIFICATIONS_CHANGED_EVENT = "marginalia:notifications-changed";

export function announceNotificationsChanged() {
  window.dispatchEvent(new Event(NOTIFICATIONS_CHANGED_EVENT));
}

/** Runs `refresh` on every announcement and when the tab becomes visible again; returns the cleanup. */
export function onNotificationsChanged(refresh: () => void): () => void {
  const onVisible = () => {
    if (document.visibilityState === "visible") refresh();
  };
  window.addEventListener(NOTIFICATIONS_CHANGED_EVENT, refresh);
  document.addEventListener("visibilitychange", onVisible);
  return () => {
    window.removeEventListener(NOTIFICATIONS_CHANGED_EVENT, refresh);
    document.removeEventListener("visibilitychange", onVisible);
  };
}
