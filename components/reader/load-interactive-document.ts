// Loads the interactive reader's code a library at a time, each evaluated in a task of
// its own: ProseMirror's libraries evaluated together with the reader are one long task
// (over 50 ms), long enough to hold up a reader's first click or keypress.
import { yieldToMain } from "@/lib/scheduling/yield-to-main";

// In dependency order, so each step evaluates only its own library.
const STEPS: ReadonlyArray<() => Promise<unknown>> = [
  () => import("@tiptap/pm/model"),
  () => import("@tiptap/pm/transform"),
  () => import("@tiptap/pm/state"),
  () => import("@tiptap/pm/view"),
];

export async function loadInteractiveDocument() {
  for (const step of STEPS) {
    await step();
    await yieldToMain();
  }
  return import("./interactive-document");
}
