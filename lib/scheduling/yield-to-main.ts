// Lets the browser handle input and paint between slices of a long job, so no single
// task grows past what a reader notices (a "long task" is anything over 50 ms).

type PostTaskScheduler = { yield?: () => Promise<void> };

/** Resolves in a later task. With scheduler.yield the rest of the job goes ahead of other queued work. */
export function yieldToMain(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: PostTaskScheduler }).scheduler;
  if (typeof scheduler?.yield === "function") return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * A budget of main-thread time: `spent()` says when the current slice has used it up;
 * `yield()` ends the slice.
 */
export function createTimeSlicer(budgetMs: number) {
  const now = () => performance.now();
  let sliceStart = now();
  return {
    spent: () => now() - sliceStart >= budgetMs,
    async yield(): Promise<void> {
      await yieldToMain();
      sliceStart = now();
    },
  };
}
