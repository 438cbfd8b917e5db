"use client";
// Private feedback behind a disclosure: it loads only when opened, so a long activity
// page does not fetch feedback for every entry.
import { useState } from "react";
import { PrivateFeedback } from "./private-feedback";

export function FeedbackDisclosure({ annotationId, authorName }: { annotationId: string; authorName: string }) {
  const [open, setOpen] = useState(false);
  return (
    <details className="feedback-disclosure" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>Private feedback</summary>
      {open ? <PrivateFeedback annotationId={annotationId} authorName={authorName} /> : null}
    </details>
  );
}
