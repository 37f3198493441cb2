/**
 * A radio group whose selection is not yet an answer (QA finding A1): arrow keys only move the
 * selection, so keyboard and screen-reader users can browse options without voting for each one
 * passed. An answer is sent by an explicit action: a tap or click on an option (one tap on a phone),
 * Enter or Space on an option, or the group's Send button.
 */
import { useEffect, useRef, useState, type KeyboardEvent } from "react";

/** A change within this many ms of a pointer press on the option came from that tap (ms). */
const TAP_WINDOW_MS = 1_000;

/**
 * @param saved the answer shown now (queued or recorded), or null; `T` is a primitive (option key or score).
 * @param send gives the answer (the outbox makes a repeat of the same value a retry, not a second vote).
 * @returns the selection, whether it equals `saved`, props for each option's label and input, and `sendChosen` for the Send button.
 */
export function useChoice<T extends string | number>(saved: T | null, send: (value: T) => void) {
  const [chosen, setChosen] = useState<T | null>(saved);
  // Follow an answer restored from the server or the outbox after the first render.
  useEffect(() => setChosen(saved), [saved]);
  const tappedAt = useRef(-Infinity);
  return {
    chosen,
    unchanged: chosen === saved,
    labelProps: { onPointerDown: () => void (tappedAt.current = performance.now()) },
    inputProps: (value: T) => ({
      checked: chosen === value,
      onChange: () => {
        setChosen(value);
        if (performance.now() - tappedAt.current < TAP_WINDOW_MS) send(value);
        tappedAt.current = -Infinity;
      },
      onKeyDown: (e: KeyboardEvent<HTMLInputElement>) => {
        if (e.key !== "Enter" && e.key !== " ") return;
        if (e.key === "Enter") e.preventDefault();
        setChosen(value);
        send(value);
      },
    }),
    sendChosen: () => {
      if (chosen !== null) send(chosen);
    },
  };
}
