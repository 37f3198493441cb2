/**
 * A one-line progress bar on stderr (`\r[#####-----] 12/40`), drawn only when stderr is a TTY so
 * logs and pipes never get carriage-return noise. Redraws at most every 100 ms (a terminal cannot
 * show more, and thousands of writes would slow a long export).
 */
import type { CliIo } from "./io";

/** Bar width in characters: fits an 80-column terminal with the counter and a label. */
const WIDTH = 30;
const REDRAW_MS = 100;

export interface Progress {
  tick(by?: number): void;
  done(): void;
}

export function progressBar(io: CliIo, total: number, label = ""): Progress {
  let current = 0;
  let last = 0;
  const draw = () => {
    const filled = total === 0 ? WIDTH : Math.round((current / total) * WIDTH);
    io.err(`\r[${"#".repeat(filled)}${"-".repeat(WIDTH - filled)}] ${current}/${total}${label ? ` ${label}` : ""}`);
  };
  if (!io.isTTY) return { tick: () => {}, done: () => {} };
  draw();
  return {
    tick(by = 1) {
      current = Math.min(total, current + by);
      const t = io.now();
      if (t - last >= REDRAW_MS || current === total) {
        last = t;
        draw();
      }
    },
    done() {
      current = total;
      draw();
      io.err("\n");
    },
  };
}
