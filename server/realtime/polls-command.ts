/**
 * The shared shape of every poll and Q&A command handler: rate limit (cheap, before any parsing or
 * storage) → validate with zod → run the handler → ack exactly once. A handler error is logged and
 * acked `server-error`; nothing is broadcast after a failure because handlers broadcast last.
 */
import type { z } from "zod";
import type { Logger } from "pino";
import { toIssues, type Ack } from "../../app/domain/events";
import type { EventLimiter } from "./limits";
import type { RoundtableSocket } from "./session";

export type AckFn<T = unknown> = (res: Ack<T> | Ack) => void;

/** What a command handler returns: the ack to send (the wrapper sends it). */
export type CommandResult<T = unknown> = Ack<T> | Ack;

export interface CommandDeps {
  limiter: EventLimiter;
  logger: Logger;
}

/**
 * Wraps `handler` as a shared route (router.ts): one function for every connection.
 * @param schema zod schema of the payload; a failure acks `invalid-payload` with `issues`.
 * @returns a route tolerant of a missing or non-function ack (the client then gets nothing).
 */
export function route<S extends z.ZodType, T>(
  deps: CommandDeps,
  name: string,
  schema: S,
  handler: (socket: RoundtableSocket, payload: z.infer<S>) => Promise<CommandResult<T>>,
) {
  return async (socket: RoundtableSocket, payload: unknown, ack?: unknown) => {
    const reply: AckFn<T> = typeof ack === "function" ? (ack as AckFn<T>) : () => undefined;
    // Keyed per participant (all their tabs share it), so one flooder cannot starve others.
    if (!(await deps.limiter.allow(socket.data.participantId ?? socket.id))) return reply({ ok: false, error: "rate-limited" });
    const parsed = schema.safeParse(payload);
    if (!parsed.success) return reply({ ok: false, error: "invalid-payload", issues: toIssues(parsed.error) });
    try {
      reply(await handler(socket, parsed.data));
    } catch (err) {
      deps.logger.error({ err, event: name }, "realtime command failed");
      reply({ ok: false, error: "server-error" });
    }
  };
}

/** Roles allowed to run the room. */
export const isFacilitator = (socket: RoundtableSocket) => socket.data.role === "facilitator";

/** A refusal ack: `error` code and, for `invalid-payload`, the offending paths and messages. */
export const fail = (error: Extract<Ack, { ok: false }>["error"], issues?: { path: string; message: string }[]): Ack =>
  issues ? { ok: false, error, issues } : { ok: false, error };
