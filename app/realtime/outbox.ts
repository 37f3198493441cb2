/**
 * Vote outbox: what a participant answered, whether the server has confirmed it, and what must
 * still be sent. Pure functions over a plain object (so they are unit-tested without a browser),
 * plus a small localStorage adapter so an answer given in a dead zone survives a reload.
 *
 * Why an outbox: phones in conference rooms drop off the Wi-Fi. An answer keeps its
 * `responseId` (the server's idempotency key) until acknowledged, so re-sending after a
 * reconnect — or after an ack lost on the way back — counts once. A NEW value gets a NEW id:
 * the server then replaces the earlier answer instead of treating it as a retry.
 *
 * Entry lifecycle:  queued ──ack ok──▶ recorded
 *                      │──ack poll-closed──▶ closed   (not counted; shown as such)
 *                      └──ack other refusal──▶ rejected (shown with the error code)
 * A timeout or `server-error`/`rate-limited` leaves the entry queued for the next flush.
 */
import type { AckError } from "~/domain/events";
import type { PollsStateView } from "~/domain/polls/events";
import type { ResponseValue } from "~/domain/polls/response";

export type OutboxStatus = "queued" | "recorded" | "closed" | "rejected";

export interface OutboxEntry {
  pollId: string;
  /** Poll run the answer was given in: an answer to run 1 must never be counted in run 2. */
  run: number;
  value: ResponseValue;
  responseId: string;
  status: OutboxStatus;
  /** Set when `status` is `rejected`. */
  error?: AckError;
  /**
   * Response ids of the earlier answers (to this poll and run) this one replaced, as this browser
   * knew them: a server state still holding one of them was read before this answer was stored,
   * so it is older and must not undo it (B3: a state delivered late after page load).
   */
  supersedes?: string[];
}

/** One entry per poll: a participant has one answer per poll (DESIGN.md "Response"). */
export type Outbox = Record<string, OutboxEntry>;

/** Acks that mean "try again later" rather than "this answer is refused". */
const RETRYABLE: ReadonlySet<AckError> = new Set(["server-error", "rate-limited"]);

/**
 * Key-order-independent JSON, so `{choices:[a]}` typed twice compares equal whatever the order
 * of object keys. Array order is kept: it matters for rankings.
 */
export function sameValue(a: unknown, b: unknown): boolean {
  return stableJson(a) === stableJson(b);
}

function stableJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableJson).join(",")}]`;
  if (v && typeof v === "object") {
    const entries = Object.entries(v as Record<string, unknown>).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
    return `{${entries.map(([k, val]) => `${JSON.stringify(k)}:${stableJson(val)}`).join(",")}}`;
  }
  return JSON.stringify(v) ?? "null";
}

/** How many replaced answer ids an entry remembers (enough for a few quick changes of mind). */
const SUPERSEDES_KEPT = 8;

/**
 * Records an answer. The same value as the current entry keeps its id (a double tap is a retry,
 * not a second vote); a different value, or a new run, gets `newId()`. `shownId` is the response
 * id of the server's answer on screen when this one was given (`myResponse`), if any: it and the
 * replaced entry's id are remembered in `supersedes`.
 */
export function giveAnswer(box: Outbox, pollId: string, run: number, value: ResponseValue, newId: () => string, shownId?: string | null): Outbox {
  const current = box[pollId];
  if (current && current.run === run && sameValue(current.value, value) && current.status !== "rejected") {
    // A closed entry is re-queued (after a reopen): it was not counted.
    return current.status === "closed" ? { ...box, [pollId]: { ...current, status: "queued" } } : box;
  }
  const earlier = current && current.run === run ? [...(current.supersedes ?? []), current.responseId] : [];
  const supersedes = [...new Set([...earlier, ...(shownId ? [shownId] : [])])].slice(-SUPERSEDES_KEPT);
  return { ...box, [pollId]: { pollId, run, value, responseId: newId(), status: "queued", ...(supersedes.length ? { supersedes } : {}) } };
}

/**
 * The answer to show as the participant's own: a queued or recorded entry, else the server's.
 * A closed (not counted) or rejected entry is never shown as their answer (B4).
 */
export function shownAnswer<V>(entry: { status: OutboxStatus; value: V } | null | undefined, server: { value: V } | null): V | null {
  if (entry && (entry.status === "queued" || entry.status === "recorded")) return entry.value;
  return server?.value ?? null;
}

/** Entries to send now (each still waiting for a successful ack). */
export const pending = (box: Outbox): OutboxEntry[] => Object.values(box).filter((e) => e.status === "queued");

/**
 * Applies the ack of `responseId`. An ack for an id that is no longer current (the person
 * changed the answer while it was in flight) is ignored: the newer value is still to confirm.
 */
export function applyAck(box: Outbox, pollId: string, responseId: string, ack: { ok: true } | { ok: false; error: AckError }): Outbox {
  const current = box[pollId];
  if (!current || current.responseId !== responseId) return box;
  if (ack.ok) return { ...box, [pollId]: { ...current, status: "recorded", error: undefined } };
  if (RETRYABLE.has(ack.error)) return box;
  if (ack.error === "poll-closed") return { ...box, [pollId]: { ...current, status: "closed" } };
  return { ...box, [pollId]: { ...current, status: "rejected", error: ack.error } };
}

/** What the server says about one poll for this connection (a slice of `PollView`). */
export interface ServerPollState {
  id: string;
  run: number;
  myResponse: { value: ResponseValue; responseId: string } | null;
}

/**
 * Aligns the outbox with a fresh `polls:state`:
 * - entries of an earlier run are dropped (the poll was re-asked; the old answer belongs to the
 *   old run and the new run starts blank), as are entries of polls that no longer exist;
 * - a queued entry whose id the server already stored is recorded (the ack was lost);
 * - a recorded entry the server replaced (another tab) is dropped so the server's answer shows,
 *   but not when the server's answer is one this entry replaced (a state read before this answer
 *   was stored, delivered late): the newer answer wins.
 */
export function reconcile(box: Outbox, polls: ServerPollState[]): Outbox {
  const byId = new Map(polls.map((p) => [p.id, p]));
  const next: Outbox = {};
  for (const entry of Object.values(box)) {
    const poll = byId.get(entry.pollId);
    if (!poll || poll.run !== entry.run) continue;
    const stored = poll.myResponse;
    if (stored && stored.responseId === entry.responseId) next[entry.pollId] = { ...entry, status: "recorded" };
    // Replaced elsewhere (another tab) — unless the state still holds an answer this one replaced: then it is older.
    else if (entry.status === "recorded" && stored && !entry.supersedes?.includes(stored.responseId)) continue;
    else next[entry.pollId] = entry;
  }
  return next;
}

/**
 * `prev` with run `run` of poll `pollId` marked closed if it was still shown open — on a
 * `poll-closed` ack, so the card shows the closed state before the next `polls:state` arrives (B2).
 */
export function closeLocally(prev: PollsStateView | null, pollId: string, run: number): PollsStateView | null {
  if (!prev?.polls.some((p) => p.id === pollId && p.run === run && p.status === "open")) return prev;
  return { ...prev, polls: prev.polls.map((p) => (p.id === pollId && p.run === run ? { ...p, status: "closed" as const } : p)) };
}

/** Storage key: per session and participant, so a shared tablet never mixes two people's answers. */
export const outboxKey = (sessionId: string, participantId: string) => `rt:outbox:v1:${sessionId}:${participantId}`;

/** The subset of `Storage` used, so tests can pass a Map-backed fake. */
export type KeyValueStore = Pick<Storage, "getItem" | "setItem" | "removeItem">;

const STATUSES: ReadonlySet<string> = new Set(["queued", "recorded", "closed", "rejected"]);

/** Reads a saved outbox; anything malformed (an old format, a hand-edited value) gives `{}`. */
export function loadOutbox(store: KeyValueStore | null, key: string): Outbox {
  try {
    const raw = store?.getItem(key);
    if (!raw) return {};
    const parsed: unknown = JSON.parse(raw);
    if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) return {};
    const box: Outbox = {};
    for (const [pollId, e] of Object.entries(parsed as Record<string, Partial<OutboxEntry>>)) {
      const ok =
        e && e.pollId === pollId && typeof e.run === "number" && typeof e.responseId === "string" && STATUSES.has(String(e.status)) && "value" in e;
      if (ok && (e.status === "queued" || e.status === "recorded")) box[pollId] = e as OutboxEntry;
    }
    return box;
  } catch {
    return {};
  }
}

/**
 * Saves the outbox; quota or private-mode errors are swallowed (the in-memory outbox still works).
 * Closed (not counted) and rejected entries are not saved: after a reload the server's answer
 * (or none) shows, not a refused one (B4).
 */
export function saveOutbox(store: KeyValueStore | null, key: string, whole: Outbox): void {
  const box = Object.fromEntries(Object.entries(whole).filter(([, e]) => e.status === "queued" || e.status === "recorded"));
  try {
    if (Object.keys(box).length === 0) store?.removeItem(key);
    else store?.setItem(key, JSON.stringify(box));
  } catch {
    /* storage full or disabled: keep going in memory */
  }
}
