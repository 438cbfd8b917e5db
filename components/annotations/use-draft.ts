"use client";
// Keeps unfinished writing in localStorage, so a reload (or a crash) loses nothing.
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from "react";

const PREFIX = "marginalia:draft:";
const CHANGED = "marginalia:drafts-changed";

function announceChange() {
  window.dispatchEvent(new Event(CHANGED));
}

function subscribe(onChange: () => void) {
  window.addEventListener("storage", onChange);
  window.addEventListener(CHANGED, onChange);
  return () => {
    window.removeEventListener("storage", onChange);
    window.removeEventListener(CHANGED, onChange);
  };
}

/**
 * A saved draft, read in a hydration-safe way: null on the server and during hydration
 * (the server cannot see localStorage), the stored value right after.
 */
export function useStoredDraft<T>(key: string): T | null {
  const raw = useSyncExternalStore(
    subscribe,
    () => window.localStorage.getItem(PREFIX + key),
    () => null,
  );
  return useMemo(() => {
    if (raw === null) return null;
    try {
      return JSON.parse(raw) as T;
    } catch {
      return null;
    }
  }, [raw]);
}

export function readDraft<T>(key: string): T | null {
  try {
    const raw = window.localStorage.getItem(PREFIX + key);
    return raw ? (JSON.parse(raw) as T) : null;
  } catch {
    return null;
  }
}

export function clearDraft(key: string) {
  try {
    window.localStorage.removeItem(PREFIX + key);
    announceChange();
  } catch {
    // Storage may be unavailable (private mode); drafts are a convenience.
  }
}

export function writeDraft(key: string, value: unknown) {
  try {
    window.localStorage.setItem(PREFIX + key, JSON.stringify(value));
  } catch {
    // Quota or private mode: keep working without a saved draft.
  }
}

/** A value mirrored to localStorage under `key` (written at most every 300 ms). */
export function useDraft<T>(key: string, initial: T): [T, (value: T) => void, () => void] {
  const [value, setValue] = useState<T>(() => (typeof window === "undefined" ? initial : (readDraft<T>(key) ?? initial)));
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const update = useCallback(
    (next: T) => {
      setValue(next);
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => writeDraft(key, next), 300);
    },
    [key],
  );

  const discard = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    clearDraft(key);
  }, [key]);

  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);
  return [value, update, discard];
}
