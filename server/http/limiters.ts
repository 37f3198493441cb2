/**
 * Where rate-limit counters live. One process: in memory (RateLimiterMemory), as always. Scale-out
 * (`REDIS_URL`): in Redis (RateLimiterRedis), so a budget spent on one instance holds on every other
 * — otherwise N instances behind a load balancer would each grant the full budget.
 *
 * Redis down: each Redis limiter has an in-memory *insurance* limiter with the same budget, used while
 * Redis does not answer (`rejectIfRedisNotReady`: no waiting on a dead connection). That is neither
 * fail-open nor fail-closed: limits keep holding per instance (a client spread over N instances gets at
 * most N budgets) and nobody is locked out because Redis is down. Counts spent in memory meanwhile are
 * not carried back to Redis. See docs/scale-out.md, "Failure modes".
 *
 * Keys: `<REDIS_PREFIX>rl:<name>:<key>`; callers pass salted hashes (`key(raw)`), never addresses or ids in clear.
 * In Redis a key lives only as long as its window (`duration`).
 */
import { createHash, createHmac, randomBytes } from "node:crypto";
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract } from "rate-limiter-flexible";
import type { RedisClient } from "../scale-out";

export interface LimiterFactory {
  /**
   * A limiter of `points` per `duration` seconds. `name` keeps budgets apart in Redis (unique per use:
   * "door", "join-device", …); ignored in memory, where each limiter is its own object.
   */
  create(name: string, opts: { points: number; duration: number }): RateLimiterAbstract;
  /**
   * The limiter key for `raw` (an address, a device id, a participant id, …): base64url of
   * SHA-256(salt ‖ raw), 43 characters. Salted so that counters (in memory, or in Redis in scale-out)
   * never hold addresses or ids in clear, and a leaked key cannot be matched against a list of
   * candidate addresses without the salt. The salt is random per process in memory; derived from the
   * cookie secret in scale-out, because every instance must turn one address into the same key.
   */
  key(raw: string): string;
}

/** `raw` → base64url(SHA-256(salt ‖ raw)): {@link LimiterFactory.key} for one salt. */
function saltedKey(salt: Buffer) {
  return (raw: string) => createHash("sha256").update(salt).update(raw).digest("base64url");
}

/** In-memory limiters, a random salt: the single-process behaviour. */
export function memoryLimiters(): LimiterFactory {
  return { create: (_name, opts) => new RateLimiterMemory(opts), key: saltedKey(randomBytes(16)) };
}

/**
 * Redis-backed limiters with in-memory insurance.
 * @param redis a connected node-redis client; @param prefix REDIS_PREFIX; @param secret the cookie secret.
 */
function redisLimiters(opts: { redis: RedisClient; prefix: string; secret: string }): LimiterFactory {
  return {
    create: (name, { points, duration }) =>
      new RateLimiterRedis({
        storeClient: opts.redis,
        useRedisPackage: true,
        rejectIfRedisNotReady: true,
        keyPrefix: `${opts.prefix}rl:${name}`,
        points,
        duration,
        insuranceLimiter: new RateLimiterMemory({ points, duration }),
      }),
    key: saltedKey(createHmac("sha256", opts.secret).update("rate-limit key salt").digest()),
  };
}

/** The factory for the mode: Redis when scale-out gave a client, memory otherwise. */
export function limitersFor(opts: { redis: RedisClient | null; prefix: string; secret: string }): LimiterFactory {
  return opts.redis ? redisLimiters({ redis: opts.redis, prefix: opts.prefix, secret: opts.secret }) : memoryLimiters();
}
