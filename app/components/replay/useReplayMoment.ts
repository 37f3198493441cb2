/**
 * Fetches the replay moment at `t` (epoch ms) from the JSON resource route; the latest request wins
 * (earlier ones are aborted), and scrubbing is debounced so dragging does not flood the server.
 */
import { useEffect, useRef, useState } from "react";
import type { ReplayMoment } from "~/domain/replay";

/** Wait after the last change before fetching (ms): dragging fires many input events per second. */
const DEBOUNCE_MS = 120;

export function useReplayMoment(sessionId: string, t: number, initial: ReplayMoment | null) {
  const [moment, setMoment] = useState(initial);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState(false);
  const first = useRef(true);

  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(async () => {
      setLoading(true);
      try {
        const res = await fetch(`/s/${encodeURIComponent(sessionId)}/replay.json?t=${Math.round(t)}`, { signal: controller.signal, headers: { Accept: "application/json" } });
        if (!res.ok) throw new Error(String(res.status));
        setMoment((await res.json()) as ReplayMoment);
        setError(false);
      } catch (err) {
        if (!controller.signal.aborted) setError(true);
      } finally {
        if (!controller.signal.aborted) setLoading(false);
      }
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [sessionId, t]);

  return { moment, loading, error };
}
