/**
 * Environment, parsed once at boot with zod. A bad value stops the process with a message naming
 * the variable (fail fast: a half-configured server is worse than none).
 */
import { isIP } from "node:net";
import path from "node:path";
import { z } from "zod";

const Bool = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((v) => v === "true" || v === "1" || v === "yes");

/** One entry of a TRUST_PROXY list: an address, an address/prefix, or one of Express's named ranges. */
function isTrustEntry(entry: string): boolean {
  if (["loopback", "linklocal", "uniquelocal"].includes(entry)) return true;
  const [address, prefix, ...rest] = entry.split("/");
  const family = isIP(address ?? "");
  if (!family || rest.length) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

/**
 * Express's `trust proxy` setting: `false` (default: the TCP peer is the client), `true` (trust every
 * hop: only when the app cannot be reached except through the proxy), a hop count `1`…`10` (the
 * usual nginx in front = `1`), or a comma-separated list of proxy addresses/subnets/named ranges
 * (`loopback`, `10.0.0.0/8`, …). Decides `req.ip`, which the rate limits and sign-in throttle key on.
 */
const TrustProxy = z
  .string()
  .trim()
  .transform((v, ctx): boolean | number | string => {
    const lower = v.toLowerCase();
    if (["false", "no", "off"].includes(lower)) return false;
    if (["true", "yes", "on"].includes(lower)) return true;
    if (/^\d+$/.test(lower)) {
      const hops = Number(lower);
      if (hops >= 0 && hops <= 10) return hops === 0 ? false : hops;
    } else {
      const entries = v.split(",").map((e) => e.trim());
      if (entries.length && entries.every(isTrustEntry)) return entries.join(",");
    }
    ctx.addIssue({ code: "custom", message: "must be true, false, a hop count 0-10, or a comma-separated list of proxy addresses/subnets (e.g. loopback,10.0.0.0/8)" });
    return z.NEVER;
  });

export const EnvSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
    /** TCP port; 0 picks a free one (tests). */
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().min(1).default("127.0.0.1"),
    /** Folder for the SQLite file and other local state. */
    DATA_DIR: z.string().min(1).default("./data"),
    /** `postgres://…` switches storage to Postgres; unset keeps the embedded SQLite file. */
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must start with postgres:// or postgresql://")
      .optional(),
    /**
     * Secret for signing session cookies, ≥ 32 chars. When unset, one is generated on first start
     * and kept in DATA_DIR/secret so sign-ins survive restarts. It also keys anonymous askers' tags
     * (server/realtime/question-askers.ts): back DATA_DIR/secret up apart from the database.
     */
    SESSION_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
    /** Public base URL used in join links, QR codes and the setup link (e.g. https://rt.example.org). */
    PUBLIC_URL: z.string().url().optional(),
    /** Mark cookies `Secure`; default on when PUBLIC_URL is https. */
    SECURE_COOKIES: Bool.optional(),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    /** Redis for scale-out (Socket.io adapter, rate limits, Yjs relay); unset = single process. */
    REDIS_URL: z.string().regex(/^rediss?:\/\//, "must start with redis:// or rediss://").optional(),
    /**
     * Prefix of every Redis key and channel this deployment uses (Socket.io adapter, instance bus, rate
     * limits), so several deployments or test runs can share one Redis. Instances of one deployment must agree.
     */
    REDIS_PREFIX: z.string().regex(/^[A-Za-z0-9:_.-]{1,64}$/, "letters, digits and : _ . - (at most 64)").default("roundtable:"),
    /** Join/sign-in requests per minute per client address (salted-hash keys; counted in memory, or in Redis in scale-out). */
    DOOR_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(300),
    /** Which proxies to believe about the client address (X-Forwarded-For); see {@link TrustProxy}. Default off. */
    TRUST_PROXY: TrustProxy.default(false),
    /** Skip loading the seeded templates at boot (tests that want an empty template list). */
    SEED_TEMPLATES: Bool.default(true),
  });

export type Env = z.infer<typeof EnvSchema> & { sqlitePath: string };

/** Error thrown when the environment is invalid; `message` lists every bad variable. */
export class EnvError extends Error {}

/**
 * Parses `source` (default `process.env`).
 * @throws EnvError listing each invalid variable as `NAME: problem`.
 */
export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = EnvSchema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".") || "(env)"}: ${i.message}`);
    throw new EnvError(`Invalid environment:\n${lines.join("\n")}`);
  }
  const env = result.data;
  return { ...env, sqlitePath: path.resolve(env.DATA_DIR, "roundtable.sqlite") };
}
