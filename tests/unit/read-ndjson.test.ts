// The ndjson reader: values in order whatever the chunking (lines and multi-byte
// characters split across chunks, a last line without its newline), in batches.
import { describe, expect, it } from "vitest";
import { readNdjson } from "@/lib/api-client/read-ndjson";

function streamOf(chunks: Uint8Array[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      controller.close();
    },
  });
}

/** The text's bytes cut every `size` bytes (through the middle of characters too). */
function cut(text: string, size: number): Uint8Array[] {
  const bytes = new TextEncoder().encode(text);
  const chunks: Uint8Array[] = [];
  for (let start = 0; start < bytes.length; start += size) chunks.push(bytes.slice(start, start + size));
  return chunks;
}

async function readAll(chunks: Uint8Array[], budgetMs?: number) {
  const batches: unknown[][] = [];
  await readNdjson(streamOf(chunks), (values) => batches.push(values), budgetMs);
  return batches;
}

const values = [{ streams: [] }, { id: "a", text: "“leaky gut,” 🦠" }, { id: "b", replies: [{ id: "c" }] }, 42, "x"];
const text = values.map((value) => JSON.stringify(value)).join("\n");

describe("readNdjson", () => {
  it("gives every value in order however the bytes are cut", async () => {
    for (const size of [1, 2, 3, 7, 64, 10_000]) {
      for (const body of [text, `${text}\n`, `${text}\n\n`]) expect((await readAll(cut(body, size))).flat()).toEqual(values);
    }
  });

  it("hands values over in batches, a slice at a time when the budget runs out", async () => {
    const whole = await readAll([new TextEncoder().encode(`${text}\n`)]);
    expect(whole).toEqual([values]);
    const sliced = await readAll([new TextEncoder().encode(`${text}\n`)], 0);
    expect(sliced).toEqual(values.map((value) => [value]));
  });

  it("rejects a line that is not JSON", async () => {
    await expect(readAll(cut('{"a":1}\n{"b":\n', 4))).rejects.toThrow(SyntaxError);
  });

  it("reads nothing from an empty body", async () => {
    expect(await readAll([])).toEqual([]);
  });
});
