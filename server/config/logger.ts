/**
 * Structured JSON logs (pino). Cookies and auth headers are redacted; IP addresses are never logged
 * (Chatham House: nothing that could single out a participant leaves the room).
 */
import { pino, type Logger } from "pino";

export type { Logger };

/** Creates the process logger. `level` is a pino level name; `silent` for tests. */
export function createLogger(level: string, base: Record<string, unknown> = {}): Logger {
  return pino({
    level,
    base: { service: "roundtable", ...base },
    redact: { paths: ["req.headers.cookie", "req.headers.authorization", "password", "*.password"], remove: true },
  });
}
