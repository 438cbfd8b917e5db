// Reads a newline-delimited JSON body (application/x-ndjson) as it arrives, in slices of
// at most a few milliseconds of main-thread work each: parsing megabytes with one
// response.json() would be a single long task, and so would handling every line at once.
import { createTimeSlicer } from "@/lib/scheduling/yield-to-main";

/** Main-thread time per slice: parsing plus the caller's onValues, well under the 50 ms of a long task. */
const SLICE_BUDGET_MS = 8;

/**
 * Hands the body's values to `onValues` in order, a batch per slice (each batch at least
 * one value), yielding to the browser between slices. Rejects on a line that is not JSON.
 */
export async function readNdjson(body: ReadableStream<Uint8Array>, onValues: (values: unknown[]) => void, budgetMs = SLICE_BUDGET_MS): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const slicer = createTimeSlicer(budgetMs);
  let pending = "";
  let batch: unknown[] = [];
  const flush = () => {
    if (batch.length === 0) return;
    const values = batch;
    batch = [];
    onValues(values);
  };
  const parseLines = async (text: string, final: boolean) => {
    pending += text;
    let start = 0;
    for (let end = pending.indexOf("\n"); end !== -1; end = pending.indexOf("\n", start)) {
      const line = pending.slice(start, end);
      start = end + 1;
      if (line.trim() !== "") batch.push(JSON.parse(line));
      if (slicer.spent()) {
        flush();
        await slicer.yield();
      }
    }
    pending = pending.slice(start);
    if (final && pending.trim() !== "") batch.push(JSON.parse(pending));
    flush();
  };
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    await parseLines(decoder.decode(value, { stream: true }), false);
  }
  await parseLines(decoder.decode(), true);
}
