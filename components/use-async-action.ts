"use client";
// Runs a user's action with a pending state and a readable error, the pattern every
// form and button that calls the API shares.
import { useCallback, useState } from "react";

export function useAsyncAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(async (action: () => Promise<unknown>): Promise<boolean> => {
    setBusy(true);
    setError(null);
    try {
      await action();
      return true;
    } catch (cause) {
      setError(cause instanceof Error ? cause.message : "That did not work. Try again.");
      return false;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, run };
}
