"use client";
// Live hints for the discussion: who is replying to which thread right now, and the
// way to tell the others that I am. A context, so thread cards deep in the
// virtualized sidebar read it without every layer passing it down.
import { createContext, useContext, type ReactNode } from "react";

export type LiveHints = {
  /** Names of the others replying to this annotation now. */
  replyingTo: (annotationId: string) => string[];
  setReplying: (annotation: { id: string; groupId: string | null }, replying: boolean) => void;
};

const NO_HINTS: LiveHints = { replyingTo: () => [], setReplying: () => undefined };
const LiveHintsContext = createContext<LiveHints>(NO_HINTS);

export function LiveHintsProvider({ value, children }: { value: LiveHints; children: ReactNode }) {
  return <LiveHintsContext.Provider value={value}>{children}</LiveHintsContext.Provider>;
}

export function useLiveHints(): LiveHints {
  return useContext(LiveHintsContext);
}

/** "Ana is replying…", "Ana and Ben are replying…", "Ana and 2 others are replying…" */
export function replyingSentence(names: string[]): string {
  if (names.length === 0) return "";
  if (names.length === 1) return `${names[0]} is replying…`;
  if (names.length === 2) return `${names[0]} and ${names[1]} are replying…`;
  return `${names[0]} and ${names.length - 1} others are replying…`;
}
