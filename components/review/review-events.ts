// A browser-wide signal that a group's review may be stale (a socket event about a new
// question, reply, flag or mention). The review page refetches when it fires.
export const REVIEW_CHANGED_EVENT = "marginalia:review-changed";

export function announceReviewChanged(groupId: string) {
  window.dispatchEvent(new CustomEvent(REVIEW_CHANGED_EVENT, { detail: { groupId } }));
}
