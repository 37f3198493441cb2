/**
 * Per-connection event rate limits (rate-limiter-flexible, in memory; Redis-backed in scale-out).
 * 20 events per second with a 40-event burst: a person clicking fast sends ~5/s; more is a script.
 */
import { RateLimiterMemory } from "rate-limiter-flexible";

export interface EventLimiter {
  /** Counts one event for `key`; false when over the limit. Never throws. */
  allow(key: string): Promise<boolean>;
}

export function createEventLimiter(opts: { points?: number; durationSeconds?: number } = {}): EventLimiter {
  const limiter = new RateLimiterMemory({ points: opts.points ?? 40, duration: opts.durationSeconds ?? 2 });
  return {
    async allow(key) {
      try {
        await limiter.consume(key);
        return true;
      } catch {
        return false;
      }
    },
  };
}
