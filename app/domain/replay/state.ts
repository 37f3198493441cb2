/**
 * The replay fold: a small mutable state, `applyEvent` to advance it by one event, `cloneFoldState`
 * for timeline checkpoints and `viewAt` for the JSON-ready view at a time t.
 *
 * Nothing here is per person: participants are a count, questions carry a status and (only while
 * approved or answered, i.e. shown to the room) their text; no event payload field naming anyone is read.
 */
import type { PollDefinition, ResultsVisibility } from "../template";
import type { SessionStatus } from "../session";
import type { ReplayEvent } from "./schema";

export type ReplayPollStatus = "draft" | "open" | "closed";
export type QuestionStatus = "pending" | "approved" | "hidden" | "answered";

/** A `poll.tallied` snapshot: the aggregate of run `run` as logged at `at` (epoch ms). */
export interface TallySnapshot {
  run: number;
  at: number;
  /** The logged aggregate (a `Tally` from app/domain/polls; shared, never mutated). */
  tally: { kind: string; n: number } & Record<string, unknown>;
}

/** One poll as it stood at t. */
export interface ReplayPoll {
  pollId: string;
  pollKey: string | null;
  panelId: string | null;
  run: number;
  status: ReplayPollStatus;
  visibility: ResultsVisibility | null;
  projected: boolean;
  /** The definition as asked (logged with `poll.opened`); null if never opened or unreadable. */
  definition: PollDefinition | null;
  /** Responses counted when the run last closed; null until then. */
  responseCount: number | null;
  /** Last snapshot at or before t (possibly of an earlier run: compare `tally.run` with `run`). */
  tally: TallySnapshot | null;
  /** Epoch ms of the first event about this poll (sort key). */
  firstAt: number;
}

/** Internal fold state. Treat as private: use {@link viewAt} for output. */
export interface FoldState {
  /** seq of the last applied event, 0 before any. */
  seq: number;
  status: SessionStatus;
  startedAt: number | null;
  endedAt: number | null;
  panelIndex: number | null;
  panelId: string | null;
  /** When the current panel visit began (epoch ms); null when not live. */
  panelStartedAt: number | null;
  /** Closed visits: panelId → ms. */
  elapsed: Record<string, number>;
  polls: Map<string, ReplayPoll>;
  questions: Map<string, { status: QuestionStatus; text: string | null }>;
  participants: number;
}

export const initialFoldState = (): FoldState => ({
  seq: 0,
  status: "ready",
  startedAt: null,
  endedAt: null,
  panelIndex: null,
  panelId: null,
  panelStartedAt: null,
  elapsed: {},
  polls: new Map(),
  questions: new Map(),
  participants: 0,
});

/** Copy deep enough that applying events to the copy never changes the original (tallies and definitions are shared: they are never mutated). */
export function cloneFoldState(s: FoldState): FoldState {
  return {
    ...s,
    elapsed: { ...s.elapsed },
    polls: new Map([...s.polls].map(([k, p]) => [k, { ...p }])),
    questions: new Map([...s.questions].map(([k, q]) => [k, { ...q }])),
  };
}

function closeVisit(s: FoldState, at: number): void {
  if (s.status === "live" && s.panelId !== null && s.panelStartedAt !== null) {
    s.elapsed[s.panelId] = (s.elapsed[s.panelId] ?? 0) + Math.max(0, at - s.panelStartedAt);
  }
}

function poll(s: FoldState, pollId: string, at: number): ReplayPoll {
  let p = s.polls.get(pollId);
  if (!p) {
    p = { pollId, pollKey: null, panelId: null, run: 1, status: "draft", visibility: null, projected: false, definition: null, responseCount: null, tally: null, firstAt: at };
    s.polls.set(pollId, p);
  }
  return p;
}

/** Advances `s` by one event (mutates `s`). Elapsed time follows app/domain/run.ts: re-entering the current panel is not a new visit. */
export function applyEvent(s: FoldState, e: ReplayEvent): void {
  s.seq = e.seq;
  switch (e.type) {
    case "session.started":
      s.status = "live";
      s.startedAt = e.at;
      s.panelIndex = e.payload.index;
      s.panelId = e.payload.panelId ?? null;
      s.panelStartedAt = e.at;
      break;
    case "panel.entered":
      if (s.panelIndex === e.payload.index && s.panelId === (e.payload.panelId ?? null)) break;
      closeVisit(s, e.at);
      s.panelIndex = e.payload.index;
      s.panelId = e.payload.panelId ?? null;
      s.panelStartedAt = s.status === "live" ? e.at : null;
      break;
    case "session.ended":
      closeVisit(s, e.at);
      s.status = "ended";
      s.endedAt = e.at;
      s.panelStartedAt = null;
      break;
    case "participant.joined":
      s.participants += 1;
      break;
    case "poll.opened": {
      const p = poll(s, e.payload.pollId, e.at);
      p.status = "open";
      p.run = e.payload.run;
      p.pollKey = e.payload.pollKey ?? p.pollKey;
      p.panelId = e.payload.panelId ?? p.panelId;
      p.visibility = e.payload.visibility ?? p.visibility;
      p.definition = e.payload.definition ?? p.definition;
      break;
    }
    case "poll.closed": {
      const p = poll(s, e.payload.pollId, e.at);
      p.status = "closed";
      p.run = e.payload.run;
      p.responseCount = e.payload.responseCount ?? p.responseCount;
      break;
    }
    case "poll.reset": {
      const p = poll(s, e.payload.pollId, e.at);
      p.status = "draft";
      p.run = e.payload.run;
      p.projected = false;
      p.responseCount = null;
      break;
    }
    case "poll.visibility": {
      const p = poll(s, e.payload.pollId, e.at);
      p.visibility = e.payload.visibility;
      break;
    }
    case "poll.projected":
      poll(s, e.payload.pollId, e.at).projected = e.payload.projected;
      break;
    case "poll.tallied":
      poll(s, e.payload.pollId, e.at).tally = { run: e.payload.run, at: e.at, tally: e.payload.tally as TallySnapshot["tally"] };
      break;
    case "question.asked":
      if (!s.questions.has(e.payload.questionId)) s.questions.set(e.payload.questionId, { status: "pending", text: null });
      break;
    case "question.moderated": {
      const shown = e.payload.status === "approved" || e.payload.status === "answered";
      const prev = s.questions.get(e.payload.questionId);
      // Hidden or back to pending: the text leaves the view (the room no longer saw it).
      s.questions.set(e.payload.questionId, { status: e.payload.status, text: shown ? (e.payload.text ?? prev?.text ?? null) : null });
      break;
    }
    case "notes.checkpoint":
      break;
  }
}

/** Panel titles by id, from the workshop agenda. */
export type PanelTitles = ReadonlyMap<string, string>;

/** What a replay shows at time t; JSON-serialisable. All times epoch ms. */
export interface ReplayState {
  t: number;
  /** seq of the last event at or before t (0 = none). */
  seq: number;
  status: SessionStatus;
  startedAt: number | null;
  endedAt: number | null;
  /** The current panel; null before the session started. */
  panel: { index: number; panelId: string | null; title: string | null } | null;
  /** panelId → ms spent on it up to t (including the running visit). */
  elapsedMs: Record<string, number>;
  /** Polls that had any event by t, in order of their first event. */
  polls: ReplayPoll[];
  questions: { total: number; pending: number; approved: number; answered: number; hidden: number; /** Texts shown to the room (approved/answered), in asking order. */ shown: string[] };
  /** How many joined by t (a count, never who). */
  participants: number;
}

/** The view of `s` at time `t` (ms ≥ the `at` of every applied event). Does not mutate `s`. */
export function viewAt(s: FoldState, t: number, titles: PanelTitles = new Map()): ReplayState {
  const elapsedMs = { ...s.elapsed };
  if (s.status === "live" && s.panelId !== null && s.panelStartedAt !== null) {
    elapsedMs[s.panelId] = (elapsedMs[s.panelId] ?? 0) + Math.max(0, t - s.panelStartedAt);
  }
  const counts = { pending: 0, approved: 0, answered: 0, hidden: 0 };
  const shown: string[] = [];
  for (const q of s.questions.values()) {
    counts[q.status] += 1;
    if (q.text !== null && (q.status === "approved" || q.status === "answered")) shown.push(q.text);
  }
  return {
    t,
    seq: s.seq,
    status: s.status,
    startedAt: s.startedAt,
    endedAt: s.endedAt,
    panel: s.panelIndex === null ? null : { index: s.panelIndex, panelId: s.panelId, title: s.panelId ? (titles.get(s.panelId) ?? null) : null },
    elapsedMs,
    polls: [...s.polls.values()].sort((a, b) => a.firstAt - b.firstAt).map((p) => ({ ...p })),
    questions: { total: s.questions.size, ...counts, shown },
    participants: s.participants,
  };
}
