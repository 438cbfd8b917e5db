// What the bench clients write: a highlight of a random passage (5–200 characters) of the
// revision text, with a client-chosen id, its target built by describeTextRange exactly as
// the reader builds one from a selection, so the server's target check passes.
import { randomUUID } from "node:crypto";
import { describeTextRange } from "@/lib/anchoring/describe-range";
import type { CreateAnnotationInput } from "@/lib/api/annotations";
import { HIGHLIGHT_COLORS } from "@/lib/annotations/palette";
import type { BenchDocument } from "./bench-database";

export function randomHighlight(document: BenchDocument, groupId: string, random: () => number = Math.random): CreateAnnotationInput {
  for (;;) {
    const length = 5 + Math.floor(random() * 196);
    const start = Math.floor(random() * Math.max(1, document.text.length - length));
    const described = describeTextRange(document.text, start, Math.min(document.text.length, start + length));
    if (!described.ok) continue; // whitespace only: pick another passage
    return {
      id: randomUUID(),
      documentId: document.documentId,
      revisionId: document.revisionId,
      groupId,
      kind: "highlight",
      target: { selector: described.selectors },
      color: HIGHLIGHT_COLORS[Math.floor(random() * HIGHLIGHT_COLORS.length)]!,
    };
  }
}
