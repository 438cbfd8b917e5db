// Where a client stands on one stream: the last sequence number up to which it has
// seen everything, and any later numbers that arrived early. A gap that does not
// fill (a lost packet, a reconnect) is closed by asking the server to `sync`.
export type StreamCursor = { readonly lastSeen: number; readonly ahead: readonly number[] };

export function startCursor(head: number): StreamCursor {
  return { lastSeen: head, ahead: [] };
}

/** Records that `seq` arrived (as an event or a tick). */
export function observeSeq(cursor: StreamCursor, seq: number): StreamCursor {
  if (seq <= cursor.lastSeen || cursor.ahead.includes(seq)) return cursor;
  const ahead = [...cursor.ahead, seq].sort((a, b) => a - b);
  let lastSeen = cursor.lastSeen;
  while (ahead[0] === lastSeen + 1) {
    lastSeen += 1;
    ahead.shift();
  }
  return { lastSeen, ahead };
}

/** Numbers are missing between what was seen in order and what arrived since. */
export function hasGap(cursor: StreamCursor): boolean {
  return cursor.ahead.length > 0;
}

/** After a sync: everything up to the server's head has been seen; early arrivals beyond it still count. */
export function cursorAfterSync(cursor: StreamCursor, head: number): StreamCursor {
  let next = startCursor(Math.max(cursor.lastSeen, head));
  for (const seq of cursor.ahead) next = observeSeq(next, seq);
  return next;
}
