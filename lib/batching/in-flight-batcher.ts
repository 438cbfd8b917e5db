// Group commit: requests that arrive while a batch is running wait for it and then go
// together in the next one. A lone request runs at once (no timer, no added latency);
// under load, batches grow to however many requests arrived during one round trip.
// This is what lets one statement carry many creates (and one query check many
// credentials) when many readers write at the same time.
//
// A batch that fails is retried one request at a time, so a single bad request fails
// alone and never takes its neighbours with it.

export type BatchRunner<I, O> = (inputs: readonly I[]) => Promise<readonly O[]>;

export type InFlightBatcherOptions<I, O> = {
  /** Runs one batch; must answer one output per input, in the same order. */
  run: BatchRunner<I, O>;
  /** Largest batch (a statement's size, and how long one request may wait behind others). */
  maxBatch: number;
  /** Batches running at once (at most the connections it may hold). */
  maxInFlight: number;
  /** Requests with the same key never share a batch (the second waits for the next one). */
  keyOf?: (input: I) => string;
};

type Pending<I, O> = { input: I; resolve: (output: O) => void; reject: (error: unknown) => void };

export function createInFlightBatcher<I, O>(options: InFlightBatcherOptions<I, O>): (input: I) => Promise<O> {
  if (options.maxBatch < 1 || options.maxInFlight < 1) throw new RangeError("maxBatch and maxInFlight must be at least 1.");
  const queue: Array<Pending<I, O>> = [];
  let inFlight = 0;

  function takeBatch(): Array<Pending<I, O>> {
    if (!options.keyOf) return queue.splice(0, options.maxBatch);
    const batch: Array<Pending<I, O>> = [];
    const keys = new Set<string>();
    for (let index = 0; index < queue.length && batch.length < options.maxBatch; ) {
      const key = options.keyOf(queue[index]!.input);
      if (keys.has(key)) {
        index += 1;
        continue;
      }
      keys.add(key);
      batch.push(...queue.splice(index, 1));
    }
    return batch;
  }

  async function runBatch(batch: Array<Pending<I, O>>) {
    try {
      const outputs = await options.run(batch.map((pending) => pending.input));
      if (outputs.length !== batch.length) throw new Error(`A batch of ${batch.length} answered ${outputs.length} results.`);
      batch.forEach((pending, index) => pending.resolve(outputs[index]!));
    } catch (error) {
      if (batch.length === 1) {
        batch[0]!.reject(error);
        return;
      }
      // One at a time, so the retries keep to the same in-flight limit as the batch did.
      for (const pending of batch) await runBatch([pending]);
    }
  }

  function pump() {
    while (inFlight < options.maxInFlight && queue.length > 0) {
      const batch = takeBatch();
      inFlight += 1;
      void runBatch(batch).finally(() => {
        inFlight -= 1;
        pump();
      });
    }
  }

  return (input: I) =>
    new Promise<O>((resolve, reject) => {
      queue.push({ input, resolve, reject });
      pump();
    });
}
