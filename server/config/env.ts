/**
 * Environment, parsed once at boot with zod. A bad value stops the process with a message naming
 * the variable (fail fast: a half-configured server is worse than none).
 */
import path from "node:path";
import { z } from "zod";

const Bool = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((v) => v === "true" || v === "1" || v === "yes");

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
     * and kept in DATA_DIR/secret so sign-ins survive restarts.
     */
    SESSION_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
    /** Public base URL used in join links, QR codes and the setup link (e.g. https://rt.example.org). */
    PUBLIC_URL: z.string().url().optional(),
    /** Mark cookies `Secure`; default on when PUBLIC_URL is https. */
    SECURE_COOKIES: Bool.optional(),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    /** Redis for scale-out (Socket.io adapter, rate limits, Yjs relay); unset = single process. */
    REDIS_URL: z.string().regex(/^rediss?:\/\//, "must start with redis:// or rediss://").optional(),
    /** Join/sign-in requests per minute per client address (in-memory, salted-hash keys). */
    DOOR_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(300),
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
