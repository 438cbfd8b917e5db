"use client";
// Keeps unfinished writing in localStorage, so a reload (or a crash) loses nothing.
import { useCallback, useEffect, useRef, useState } from "react";

const PREFIX = "marginalia:draft:";

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
  } catch {
    // Storage may be unavailable (private mode); drafts are a convenience.
  }
}

export function hasDraft(key: string): boolean {
  return readDraft(key) !== null;
}

/** A value mirrored to localStorage under `key` (written at most every 300 ms). */
export function useDraft<T>(key: string, initial: T): [T, (value: T) => void, () => void] {
  const [value, setValue] = useState<T>(() => (typeof window === "undefined" ? initial : (readDraft<T>(key) ?? initial)));
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const update = useCallback(
    (next: T) => {
      setValue(next);
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => {
        try {
          window.localStorage.setItem(PREFIX + key, JSON.stringify(next));
        } catch {
          // Quota or private mode: keep working without a saved draft.
        }
      }, 300);
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
