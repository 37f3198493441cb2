/**
 * The rapporteur's editorial decisions on poll results, stored with the draft (`body.edits`) and
 * applied when a version is published (and to every view of the draft), so the summary stays a pure
 * function of stored data + the draft's edits:
 * - open answers withheld from the summary (to resolve a non-attribution finding on an answer that
 *   cannot be edited: poll results are the room's words);
 * - results of polls whose results were `hidden` during the session (facilitator only), which stay
 *   out of the summary unless the rapporteur includes them.
 *
 * Ids: an answer is `<panelKey>/answer/<pollKey>/<run>/<i>` (i = index in that run's tally `texts`,
 * which the tally sorts alphabetically, so the same session gives the same ids); a poll is
 * `<panelKey>/<pollKey>`. Pure and browser-safe.
 */
import { wordFrequencies } from "../polls/words";
import type { SummaryBody, SummaryEdits, SummaryPanel, SummaryPoll } from "./schema";

export const NO_EDITS: SummaryEdits = { withheldAnswers: [], includedHiddenPolls: [] };

/** Block id of the i-th open answer of a run. */
export const answerId = (panelKey: string, pollKey: string, run: number, i: number) => `${panelKey}/answer/${pollKey}/${run}/${i}`;
/** Id of a poll within the body (poll keys are unique within a panel). */
export const pollRef = (panelKey: string, pollKey: string) => `${panelKey}/${pollKey}`;

/** The edits of `body`, empty when none were stored (bodies built before edits existed). */
export const editsOf = (body: SummaryBody): SummaryEdits => body.edits ?? NO_EDITS;

/** True when the poll's results were hidden from the room during the session (facilitator only). */
export const wasHidden = (poll: SummaryPoll): boolean => poll.definition.visibility === "hidden";

/** True when the rapporteur included the results of a hidden poll: in the draft's edits, or marked by `applyEdits`. */
const included = (body: SummaryBody, panel: SummaryPanel, poll: SummaryPoll): boolean =>
  poll.resultsIncluded === true || editsOf(body).includedHiddenPolls.includes(pollRef(panel.key, poll.key));

/** True when the poll's results stay out of the summary: hidden during the session and not included by the rapporteur. */
export function resultsWithheld(body: SummaryBody, panel: SummaryPanel, poll: SummaryPoll): boolean {
  return poll.resultsWithheld === true || (wasHidden(poll) && !included(body, panel, poll));
}

/** An open answer as the check and the draft editor see it. */
export interface AnswerBlock {
  id: string;
  text: string;
  panelKey: string;
  pollKey: string;
  question: string;
  withheld: boolean;
}

/** Every open answer of every run of the polls whose results go into the summary, withheld ones flagged. */
export function answerBlocks(body: SummaryBody): AnswerBlock[] {
  const withheld = new Set(editsOf(body).withheldAnswers);
  const out: AnswerBlock[] = [];
  for (const panel of body.panels) {
    for (const poll of panel.polls) {
      if (resultsWithheld(body, panel, poll)) continue;
      for (const { run, tally } of poll.runs) {
        if (tally.kind !== "open") continue;
        tally.texts.forEach((text, i) => {
          const id = answerId(panel.key, poll.key, run, i);
          out.push({ id, text, panelKey: panel.key, pollKey: poll.key, question: poll.question, withheld: withheld.has(id) });
        });
      }
    }
  }
  return out;
}

/** `edits` restricted to answers and hidden polls that exist in `body` (a stale or forged id is dropped), sorted. */
export function validEdits(body: SummaryBody, edits: SummaryEdits): SummaryEdits {
  const answers = new Set<string>();
  const hidden = new Set<string>();
  for (const panel of body.panels) {
    for (const poll of panel.polls) {
      if (wasHidden(poll)) hidden.add(pollRef(panel.key, poll.key));
      for (const { run, tally } of poll.runs) if (tally.kind === "open") tally.texts.forEach((_, i) => answers.add(answerId(panel.key, poll.key, run, i)));
    }
  }
  const uniq = (xs: readonly string[], keep: Set<string>) => [...new Set(xs)].filter((x) => keep.has(x)).sort();
  return { withheldAnswers: uniq(edits.withheldAnswers, answers), includedHiddenPolls: uniq(edits.includedHiddenPolls, hidden) };
}

/**
 * `body` with every answer and every hidden poll in view (no edits): what the server checks to find
 * the names the draft editor needs, so un-withholding an answer in the browser is checked there too.
 */
export function withEveryAnswer(body: SummaryBody): SummaryBody {
  const hidden = body.panels.flatMap((panel) => panel.polls.filter(wasHidden).map((poll) => pollRef(panel.key, poll.key)));
  return { ...body, edits: { withheldAnswers: [], includedHiddenPolls: hidden } };
}

/**
 * The body as readers see it: withheld answers removed from each open run's `texts` (counted in
 * `withheldAnswers`, the word cloud recomputed without them; `n` stays the number of responses),
 * withheld polls reduced to their question (`resultsWithheld: true`, no runs, n 0, no shift), included
 * hidden polls marked `resultsIncluded: true` (the edits that included them are gone), and `edits`
 * dropped. Idempotent; a body without edits comes back with only hidden polls withheld.
 */
export function applyEdits(body: SummaryBody): SummaryBody {
  const withheld = new Set(editsOf(body).withheldAnswers);
  const { edits: _edits, ...rest } = body;
  return {
    ...rest,
    panels: body.panels.map((panel) => ({
      ...panel,
      polls: panel.polls.map((poll): SummaryPoll => {
        if (resultsWithheld(body, panel, poll)) return { ...poll, n: 0, runs: [], shift: null, resultsWithheld: true };
        return {
          ...poll,
          ...(wasHidden(poll) ? { resultsIncluded: true } : {}),
          runs: poll.runs.map((r) => {
            if (r.tally.kind !== "open") return r;
            const texts = r.tally.texts.filter((_, i) => !withheld.has(answerId(panel.key, poll.key, r.run, i)));
            const removed = r.tally.texts.length - texts.length;
            if (removed === 0) return r;
            return { ...r, withheldAnswers: (r.withheldAnswers ?? 0) + removed, tally: { ...r.tally, texts, words: wordFrequencies(texts) } };
          }),
        };
      }),
    })),
  };
}
