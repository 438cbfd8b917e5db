// Newline-delimited JSON responses (application/x-ndjson): one JSON value per line,
// serialized a slice at a time as the client reads, so a long list neither blocks the
// server's one event loop while it is stringified nor makes the client parse it at once.

/** Characters serialized per read: big enough to keep the stream cheap, small enough to interleave. */
const SLICE_CHARACTERS = 64 * 1024;

export function ndjson(lines: readonly unknown[]): Response {
  const encoder = new TextEncoder();
  let next = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      let slice = "";
      while (next < lines.length && slice.length < SLICE_CHARACTERS) slice += `${JSON.stringify(lines[next++])}\n`;
      if (slice) controller.enqueue(encoder.encode(slice));
      if (next >= lines.length) controller.close();
    },
  });
  return new Response(body, { headers: { "content-type": "application/x-ndjson; charset=utf-8", "cache-control": "no-store" } });
}
