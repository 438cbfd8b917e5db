// Resolves once the browser has shown the next frame, so work a reader is not waiting
// for does not lengthen the task whose result they are waiting to see.

/** After the next frame is painted; in a hidden tab (no frames) after a short while instead. */
export function afterNextPaint(): Promise<void> {
  return new Promise((resolve) => {
    const fallback = setTimeout(resolve, 100);
    // A timeout set from a frame callback runs in a new task once that frame has been rendered.
    requestAnimationFrame(() =>
      setTimeout(() => {
        clearTimeout(fallback);
        resolve();
      }, 0),
    );
  });
}
