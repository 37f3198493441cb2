/**
 * A bar's filled part, sized to `fraction` of its track along the inline or block axis.
 *
 * Why not a `style` prop: the app's Content-Security-Policy has `style-src 'self'`, which blocks
 * server-rendered `style="…"` attributes; setting the size through the CSSOM after mount is
 * allowed. Until then the bar is empty, and the numbers beside it say everything anyway.
 */
import { useEffect, useRef } from "react";

export function Fill({ fraction, axis = "inline", className }: { fraction: number; axis?: "inline" | "block"; className: string }) {
  const ref = useRef<HTMLSpanElement>(null);
  const pct = `${Math.max(0, Math.min(1, fraction)) * 100}%`;
  useEffect(() => {
    if (!ref.current) return;
    if (axis === "inline") ref.current.style.inlineSize = pct;
    else ref.current.style.blockSize = pct;
  }, [axis, pct]);
  return <span ref={ref} className={className} />;
}
