import { describe, expect, it } from "vitest";
import { createInFlightBatcher } from "@/lib/batching/in-flight-batcher";

/** A runner whose batches finish only when the test releases them, recording what each batch held. */
function controlledRunner<I>() {
  const batches: I[][] = [];
  const releases: Array<() => void> = [];
  const run = async (inputs: readonly I[]) => {
    batches.push([...inputs]);
    await new Promise<void>((resolve) => releases.push(resolve));
    return inputs.map((input) => `done:${String(input)}`);
  };
  const releaseNext = async () => {
    releases.shift()?.();
    await new Promise((resolve) => setTimeout(resolve, 0));
  };
  return { batches, run, releaseNext };
}

describe("createInFlightBatcher", () => {
  it("runs a lone request at once, alone", async () => {
    const runner = controlledRunner<number>();
    const submit = createInFlightBatcher({ run: runner.run, maxBatch: 10, maxInFlight: 1 });
    const result = submit(1);
    expect(runner.batches).toEqual([[1]]);
    await runner.releaseNext();
    await expect(result).resolves.toBe("done:1");
  });

  it("gathers the requests that arrive during a batch into the next one, in arrival order", async () => {
    const runner = controlledRunner<number>();
    const submit = createInFlightBatcher({ run: runner.run, maxBatch: 10, maxInFlight: 1 });
    const results = [1, 2, 3, 4].map((n) => submit(n));
    expect(runner.batches).toEqual([[1]]);
    await runner.releaseNext();
    expect(runner.batches).toEqual([[1], [2, 3, 4]]);
    await runner.releaseNext();
    await expect(Promise.all(results)).resolves.toEqual(["done:1", "done:2", "done:3", "done:4"]);
  });

  it("never puts more than maxBatch requests in one batch", async () => {
    const runner = controlledRunner<number>();
    const submit = createInFlightBatcher({ run: runner.run, maxBatch: 2, maxInFlight: 1 });
    const results = [1, 2, 3, 4, 5].map((n) => submit(n));
    for (let i = 0; i < 4; i++) await runner.releaseNext();
    await Promise.all(results);
    expect(runner.batches).toEqual([[1], [2, 3], [4, 5]]);
  });

  it("runs up to maxInFlight batches at once", async () => {
    const runner = controlledRunner<number>();
    const submit = createInFlightBatcher({ run: runner.run, maxBatch: 10, maxInFlight: 2 });
    const results = [1, 2, 3, 4].map((n) => submit(n));
    expect(runner.batches).toEqual([[1], [2]]);
    await runner.releaseNext();
    expect(runner.batches).toEqual([[1], [2], [3, 4]]);
    await runner.releaseNext();
    await runner.releaseNext();
    await expect(Promise.all(results)).resolves.toHaveLength(4);
  });

  it("keeps requests with the same key out of the same batch, without reordering the others", async () => {
    const runner = controlledRunner<string>();
    const submit = createInFlightBatcher({ run: runner.run, maxBatch: 10, maxInFlight: 1, keyOf: (input) => input[0]! });
    const results = ["x0", "a1", "b1", "a2", "c1", "a3"].map((input) => submit(input));
    for (let i = 0; i < 4; i++) await runner.releaseNext();
    await Promise.all(results);
    expect(runner.batches).toEqual([["x0"], ["a1", "b1", "c1"], ["a2"], ["a3"]]);
  });

  it("retries a failed batch one request at a time, so only the bad request fails", async () => {
    const batches: number[][] = [];
    let running = 0;
    let mostAtOnce = 0;
    const submit = createInFlightBatcher<number, number>({
      maxBatch: 10,
      maxInFlight: 1,
      run: async (inputs) => {
        batches.push([...inputs]);
        running += 1;
        mostAtOnce = Math.max(mostAtOnce, running);
        await new Promise((resolve) => setTimeout(resolve, 1));
        running -= 1;
        if (inputs.includes(3)) throw new Error("bad input 3");
        return inputs.map((n) => n * 10);
      },
    });
    const outcomes = await Promise.allSettled([1, 2, 3, 4].map((n) => submit(n)));
    expect(outcomes.map((outcome) => (outcome.status === "fulfilled" ? outcome.value : (outcome.reason as Error).message))).toEqual([
      10,
      20,
      "bad input 3",
      40,
    ]);
    expect(batches).toEqual([[1], [2, 3, 4], [2], [3], [4]]);
    // The retries keep to maxInFlight too: one statement at a time, as the batches were.
    expect(mostAtOnce).toBe(1);
  });

  it("fails every request of a batch that answers the wrong number of results, one by one", async () => {
    const submit = createInFlightBatcher<number, number>({ maxBatch: 10, maxInFlight: 1, run: async () => [] });
    await expect(submit(1)).rejects.toThrow("A batch of 1 answered 0 results.");
  });

  it("refuses a batch size or concurrency below one", () => {
    expect(() => createInFlightBatcher({ run: async () => [], maxBatch: 0, maxInFlight: 1 })).toThrow(RangeError);
    expect(() => createInFlightBatcher({ run: async () => [], maxBatch: 1, maxInFlight: 0 })).toThrow(RangeError);
  });
});
