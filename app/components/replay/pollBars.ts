/**
 * Turns a logged tally snapshot into simple labelled bars (aggregates only; browser-safe).
 * Unknown or partial shapes give no bars rather than throwing: the log outlives schema changes.
 */
import type { ReplayPoll } from "~/domain/replay";

/** One bar: `share` in [0, 1] sets its length; `value` is what is printed. */
export interface Bar {
  key: string;
  label: string;
  value: string;
  share: number;
}

type Rec = Record<string, unknown>;
const arr = (x: unknown): Rec[] => (Array.isArray(x) ? (x.filter((v) => v && typeof v === "object") as Rec[]) : []);
const num = (x: unknown) => (typeof x === "number" && Number.isFinite(x) ? x : 0);

/** Bars for `poll`'s last snapshot; `words` labels agree/disagree/pass for statements. */
export function pollBars(poll: ReplayPoll, words: { agree: string; disagree: string; pass: string }): Bar[] {
  const tally = poll.tally?.tally as Rec | undefined;
  if (!tally) return [];
  const def = poll.definition as Rec | null;
  const labelOf = (key: string) => String(arr(def?.options).find((o) => o.key === key)?.label ?? key);
  switch (tally.kind) {
    case "single":
    case "multiple":
      return arr(tally.options).map((o) => ({ key: String(o.key), label: labelOf(String(o.key)), value: String(num(o.count)), share: num(o.share) }));
    case "scale":
      return arr(tally.points).map((p) => ({ key: String(p.score), label: String(p.score), value: String(num(p.count)), share: num(p.share) }));
    case "ranking": {
      const opts = arr(tally.options);
      const max = Math.max(1, ...opts.map((o) => num(o.borda)));
      return opts.map((o) => ({ key: String(o.key), label: labelOf(String(o.key)), value: String(num(o.borda)), share: num(o.borda) / max }));
    }
    case "open": {
      const ws = arr(tally.words).slice(0, 10);
      const max = Math.max(1, ...ws.map((w) => num(w.count)));
      return ws.map((w) => ({ key: String(w.word), label: String(w.word), value: String(num(w.count)), share: num(w.count) / max }));
    }
    case "statements":
      return arr(tally.statements).flatMap((s) => {
        const total = Math.max(1, num(s.agree) + num(s.disagree) + num(s.pass));
        const text = String(arr(def?.statements).find((x) => x.key === s.key)?.text ?? s.key);
        return (["agree", "disagree", "pass"] as const).map((k) => ({ key: `${s.key}-${k}`, label: `${text} — ${words[k]}`, value: String(num(s[k])), share: num(s[k]) / total }));
      });
    default:
      return [];
  }
}
