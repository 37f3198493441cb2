/**
 * Per-connection event rate limits (rate-limiter-flexible): in memory in one process, in Redis in
 * scale-out (http/limiters.ts), so a participant with tabs on two instances still has one budget.
 * 20 events per second with a 40-event burst: a person clicking fast sends ~5/s; more is a script.
 */
import { RateLimiterMemory, type RateLimiterAbstract } from "rate-limiter-flexible";
import type { LimiterFactory } from "../http/limiters";

export interface EventLimiter {
  /** Counts one event for `key`; false when over the limit. Never throws. */
  allow(key: string): Promise<boolean>;
}

/**
 * @param opts.limiters where counters live (default: this process's memory); with it, keys are salted
 *   hashes (participant ids never reach Redis in clear) and `opts.name` keeps this budget apart.
 */
export function createEventLimiter(opts: { points?: number; durationSeconds?: number; limiters?: LimiterFactory; name?: string } = {}): EventLimiter {
  const points = opts.points ?? 40;
  const duration = opts.durationSeconds ?? 2;
  const factory = opts.limiters;
  const limiter: RateLimiterAbstract = factory ? factory.create(`events:${opts.name ?? "default"}`, { points, duration }) : new RateLimiterMemory({ points, duration });
  const keyOf = factory ? (key: string) => factory.key(key) : (key: string) => key;
  return {
    async allow(key) {
      try {
        await limiter.consume(keyOf(key));
        return true;
      } catch {
        return false;
      }
    },
  };
}
