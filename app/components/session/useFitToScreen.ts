/**
 * Keeps the projector's main column on the room's screen: a projector cannot scroll, so content
 * taller than the window (ten statements with their agreement bars, a long answer list, a panel
 * with five prompts) was cut off below the bottom edge. When it would overflow, the column is
 * shrunk with CSS `zoom` just enough to end above the window's bottom, never below MIN_ZOOM.
 * Set through the CSSOM (allowed by the page's CSP, unlike a style attribute).
 */
import { useEffect, useRef } from "react";

/** Below half size the projector's 28 px result labels fall under 14 px: past that the room cannot read it anyway. */
const MIN_ZOOM = 0.5;
/** Space kept under the column: the projector's bottom padding (1.5rem). */
const BOTTOM_GAP_PX = 24;
/** The projector's two-column layout (app.css); below it the view is a phone preview that may scroll. */
const WIDE = "(min-width: 60.01rem)";

/**
 * The zoom that fits `height` px into `room` px: 1 when it fits (within a pixel of rounding: the
 * column is stretched to the window's height when shorter), else the ratio rounded down to 2
 * decimals, at least MIN_ZOOM.
 */
export function fitZoom(height: number, room: number): number {
  if (height <= 0 || room <= 0 || height <= room + 1) return 1;
  return Math.max(MIN_ZOOM, Math.floor((room / height) * 100) / 100);
}

/**
 * A ref for the element to fit. Measured after every render (each tally, panel or projection
 * change re-renders the projector) and on window resize.
 */
export function useFitToScreen<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  // After paint is fine: zoom is removed and set again in one task, so no frame shows the change.
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const fit = () => {
      el.style.removeProperty("zoom");
      if (!window.matchMedia(WIDE).matches) return;
      const box = el.getBoundingClientRect();
      const room = window.innerHeight - box.top - BOTTOM_GAP_PX;
      let zoom = fitZoom(box.height, room);
      if (zoom === 1) return;
      // Zoomed text rewraps (more words per line), so the plain ratio undershoots: search upwards
      // for the largest zoom that still fits (a few layouts, at most ~4 renders a second).
      let [lo, hi] = [zoom, 1];
      for (let i = 0; i < 5 && hi - lo > 0.01; i++) {
        const mid = Math.floor(((lo + hi) / 2) * 100) / 100;
        el.style.setProperty("zoom", String(mid));
        if (el.getBoundingClientRect().height <= room + 1) lo = mid;
        else hi = mid;
      }
      zoom = lo;
      el.style.setProperty("zoom", String(zoom));
    };
    fit();
    window.addEventListener("resize", fit);
    return () => window.removeEventListener("resize", fit);
  });
  return ref;
}
