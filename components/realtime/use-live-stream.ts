"use client";
// The reader's live connection: one socket per page, joined to every stream the
// reader follows on this document (each of their groups and their private one).
// Changes arrive in order per stream; a gap that does not fill, and every
// reconnect, is closed with `sync`; a reader too far behind reloads instead.
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { StreamHead } from "@/lib/api/annotations";
import type {
  ChangeEvent,
  PresenceList,
  PresenceSelection,
  PresenceTyping,
  PresenceUser,
  RoomJoinResult,
  StreamGroup,
  SyncResult,
} from "@/lib/api/realtime";
import { acquireTabSocket, releaseTabSocket, type TabSocket } from "@/lib/realtime/tab-socket";
import { cursorAfterSync, hasGap, observeSeq, startCursor, type StreamCursor } from "@/lib/realtime/stream-cursor";

export type LiveStatus = "connecting" | "live" | "offline";
type Ack<T> = { ok: true; data: T } | { ok: false; code: string; message: string };
type LiveSocket = TabSocket;

/** How long an out-of-order arrival may wait for the numbers before it, before we ask. */
const GAP_WAIT_MS = 400;
/** Typing and selection hints older than this are dropped (their sender may have vanished). */
const HINT_TTL_MS = 8000;

type Options = {
  documentId: string;
  viewerId: string;
  /** From the annotation list: where each stream stood when it was read. null until loaded. */
  streams: StreamHead[] | null;
  onChanges: (events: ChangeEvent[]) => void;
  /** The client cannot catch up change by change: load the annotations again. */
  onReload: () => void;
};

export function useLiveStream({ documentId, viewerId, streams, onChanges, onReload }: Options) {
  const [status, setStatus] = useState<LiveStatus>("connecting");
  const [readers, setReaders] = useState<Record<string, PresenceUser[]>>({});
  const [selections, setSelections] = useState<Record<string, PresenceSelection & { at: number }>>({});
  const [typing, setTyping] = useState<Record<string, PresenceTyping & { at: number }>>({});
  const socketRef = useRef<LiveSocket | null>(null);
  const cursors = useRef(new Map<StreamGroup, StreamCursor>());
  const gapTimers = useRef(new Map<StreamGroup, ReturnType<typeof setTimeout>>());
  const handlers = useRef({ onChanges, onReload });
  useEffect(() => {
    handlers.current = { onChanges, onReload };
  });

  const sync = useCallback(
    async (groupId: StreamGroup) => {
      const socket = socketRef.current;
      const cursor = cursors.current.get(groupId);
      if (!socket?.connected || !cursor) return;
      const reply = await ack<SyncResult>(socket, "sync", { documentId, groupId, since: cursor.lastSeen });
      if (!reply?.ok) return;
      if (reply.data.reload) {
        cursors.current.set(groupId, startCursor(reply.data.head));
        handlers.current.onReload();
        return;
      }
      cursors.current.set(groupId, cursorAfterSync(cursors.current.get(groupId) ?? cursor, reply.data.head));
      if (reply.data.events.length > 0) handlers.current.onChanges(reply.data.events);
    },
    [documentId],
  );

  const observe = useCallback(
    (groupId: StreamGroup, seq: number) => {
      const cursor = observeSeq(cursors.current.get(groupId) ?? startCursor(seq - 1), seq);
      cursors.current.set(groupId, cursor);
      const timer = gapTimers.current.get(groupId);
      if (!hasGap(cursor)) {
        if (timer) clearTimeout(timer);
        gapTimers.current.delete(groupId);
      } else if (!timer) {
        gapTimers.current.set(
          groupId,
          setTimeout(() => {
            gapTimers.current.delete(groupId);
            void sync(groupId);
          }, GAP_WAIT_MS),
        );
      }
    },
    [sync],
  );

  const join = useCallback(
    async (groupId: StreamGroup) => {
      const socket = socketRef.current;
      if (!socket?.connected) return;
      const reply = await ack<RoomJoinResult>(socket, "room:join", { documentId, groupId });
      if (!reply?.ok) {
        cursors.current.delete(groupId);
        return;
      }
      if (!cursors.current.has(groupId)) cursors.current.set(groupId, startCursor(reply.data.head));
      await sync(groupId);
    },
    [documentId, sync],
  );

  // The tab's socket, with this page's listeners for as long as the page is open.
  useEffect(() => {
    const socket: LiveSocket = acquireTabSocket();
    socketRef.current = socket;
    const streamOf = (groupId: string): StreamGroup => (groupId === "private" ? "private" : groupId);
    // The browser's own verdict wins: an open socket can outlive the network for a while.
    const updateOffline = () => setStatus(!navigator.onLine ? "offline" : socket.connected ? "live" : "connecting");
    const backOnline = () => {
      updateOffline();
      // Whatever happened meanwhile is fetched again; a socket that died quietly is reopened.
      if (!socket.connected) socket.connect();
      else for (const groupId of cursors.current.keys()) void join(groupId);
    };
    const onConnect = () => {
      updateOffline();
      for (const groupId of cursors.current.keys()) void join(groupId);
    };
    const onChanged = (event: ChangeEvent) => {
      if (event.documentId !== documentId) return;
      handlers.current.onChanges([event]);
      observe(streamOf(event.groupId), event.seq);
    };
    const onTick = (tick: { documentId: string; groupId: string; seq: number }) => {
      if (tick.documentId === documentId) observe(streamOf(tick.groupId), tick.seq);
    };
    const onRejoin = ({ documentId: about, groupId }: { documentId: string | null; groupId: string }) => {
      if (about !== null && about !== documentId) return;
      // Newly allowed to see peers: their earlier annotations are not in any stream we hold.
      if (about === documentId) handlers.current.onReload();
      void join(groupId);
    };
    const onReaders = (list: PresenceList) => {
      if (list.documentId === documentId) setReaders((current) => ({ ...current, [list.groupId]: list.readers }));
    };
    const onSelection = (selection: PresenceSelection) => {
      if (selection.documentId !== documentId) return;
      setSelections((current) => ({ ...current, [selection.user.id]: { ...selection, at: Date.now() } }));
    };
    const onTyping = (hint: PresenceTyping) => {
      if (hint.documentId !== documentId) return;
      setTyping((current) => {
        const next = { ...current };
        const key = `${hint.threadId}:${hint.user.id}`;
        if (hint.typing) next[key] = { ...hint, at: Date.now() };
        else delete next[key];
        return next;
      });
    };
    socket.on("connect", onConnect);
    socket.on("disconnect", updateOffline);
    socket.on("connect_error", updateOffline);
    socket.on("annotation:changed", onChanged);
    socket.on("stream:tick", onTick);
    socket.on("stream:rejoin", onRejoin);
    socket.on("presence:readers", onReaders);
    socket.on("presence:selection", onSelection);
    socket.on("presence:typing", onTyping);
    window.addEventListener("online", backOnline);
    window.addEventListener("offline", updateOffline);
    if (socket.connected) onConnect();
    const timers = gapTimers.current;
    const joined = cursors.current;
    return () => {
      window.removeEventListener("online", backOnline);
      window.removeEventListener("offline", updateOffline);
      for (const timer of timers.values()) clearTimeout(timer);
      socket.off("connect", onConnect);
      socket.off("disconnect", updateOffline);
      socket.off("connect_error", updateOffline);
      socket.off("annotation:changed", onChanged);
      socket.off("stream:tick", onTick);
      socket.off("stream:rejoin", onRejoin);
      socket.off("presence:readers", onReaders);
      socket.off("presence:selection", onSelection);
      socket.off("presence:typing", onTyping);
      // Leave this page's streams (the socket may live on for the bell).
      for (const groupId of joined.keys()) socket.emit("room:leave", { documentId, groupId }, () => undefined);
      socketRef.current = null;
      releaseTabSocket();
    };
  }, [documentId, join, observe]);

  // Streams become known when the annotation list has loaded (and again after a reload).
  useEffect(() => {
    if (!streams) return;
    for (const { groupId, head } of streams) {
      cursors.current.set(groupId, startCursor(head));
      void join(groupId);
    }
  }, [streams, join]);

  // Hints expire: a peer who closed the tab mid-sentence is not "replying" forever.
  useEffect(() => {
    const timer = setInterval(() => {
      const now = Date.now();
      const fresh = <T extends { at: number }>(record: Record<string, T>) => {
        const kept = Object.entries(record).filter(([, hint]) => now - hint.at < HINT_TTL_MS);
        return kept.length === Object.keys(record).length ? record : Object.fromEntries(kept);
      };
      setTyping(fresh);
      setSelections(fresh);
    }, 2000);
    return () => clearInterval(timer);
  }, []);

  const sendSelection = useCallback(
    (groupId: string | null, range: { start: number; end: number } | null) => {
      const socket = socketRef.current;
      if (!socket?.connected || !groupId) return;
      socket.timeout(3000).emit("presence:select", { documentId, groupId, range }, () => undefined);
    },
    [documentId],
  );

  const sendTyping = useCallback(
    (groupId: string | null, threadId: string, isTyping: boolean) => {
      const socket = socketRef.current;
      if (!socket?.connected || !groupId) return;
      socket.timeout(3000).emit("presence:typing", { documentId, groupId, threadId, typing: isTyping }, () => undefined);
    },
    [documentId],
  );

  const readersIn = useCallback(
    (groupId: string | null) => (groupId ? (readers[groupId] ?? []).filter((user) => user.id !== viewerId) : []),
    [readers, viewerId],
  );
  const othersSelections = useMemo(
    () => Object.values(selections).filter((selection) => selection.user.id !== viewerId && selection.range),
    [selections, viewerId],
  );
  const othersTyping = useMemo(() => Object.values(typing).filter((hint) => hint.user.id !== viewerId), [typing, viewerId]);
  return { status, readersIn, selections: othersSelections, typing: othersTyping, sendSelection, sendTyping };
}

async function ack<T>(socket: LiveSocket, event: string, payload: unknown): Promise<Ack<T> | null> {
  try {
    return (await socket.timeout(8000).emitWithAck(event, payload)) as Ack<T>;
  } catch {
    return null; // timed out: the next reconnect or gap retries
  }
}
