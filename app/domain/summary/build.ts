/**
 * buildSummary: a session's outcome → the body of a summary version.
 *
 * Pure and deterministic: no clock, no randomness, every list ordered explicitly, so building the
 * same input twice (or with responses in another order) gives a deep-equal body — which lets us
 * golden-test it and lets a reader trust that republishing did not silently change results.
 */
import { shiftBetweenRuns, suppressSmallCells, tally, type Tally } from "../polls";
import { SECTOR_ROWS, type SectorRow } from "../polls/types";
import { PollDefinition } from "../template";
import { localTime } from "./format";
import { RichDocSchema } from "./richtext";
import {
  SUMMARY_SCHEMA_VERSION,
  type SummaryBody,
  type SummaryInput,
  type SummaryPanel,
  type SummaryParticipantInput,
  type SummaryPoll,
  type SummaryPollInput,
} from "./schema";

/** Root-locale, base-sensitivity collation with a code-unit tie-break: a total order on every machine. */
const collator = new Intl.Collator("und", { sensitivity: "base", numeric: true });
const byText = (a: string, b: string) => collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);

/**
 * Builds the summary body.
 * @param input see {@link SummaryInput}; participant names are ignored unless `rule` is `attributed`.
 * @returns a body that parses with the `SummaryBody` schema.
 * @throws RangeError for an unknown time zone, a k below 1, or a run number below 1 or repeated;
 *   ZodError when a poll definition is invalid.
 * @example buildSummary({ workshop, session, participants: [{ role: "participant", sector: "academia" }], panels: [] })
 */
export function buildSummary(input: SummaryInput): SummaryBody {
  const { workshop, session } = input;
  if (!Number.isInteger(workshop.minCellSize) || workshop.minCellSize < 1) {
    throw new RangeError(`minCellSize must be a positive integer, got ${workshop.minCellSize}`);
  }
  const opts = { minCellSize: workshop.minCellSize, rule: workshop.rule };
  const at = (ms: number | null) => (ms === null ? null : localTime(ms, workshop.timeZone));
  const duration =
    session.startedAt !== null && session.endedAt !== null ? Math.max(0, Math.round((session.endedAt - session.startedAt) / 60_000)) : null;

  return {
    schemaVersion: SUMMARY_SCHEMA_VERSION,
    workshop: {
      title: workshop.title,
      region: workshop.region,
      timeZone: workshop.timeZone,
      startsOn: workshop.startsOn,
      endsOn: workshop.endsOn,
      rule: workshop.rule,
      minCellSize: workshop.rule === "chatham-house" ? workshop.minCellSize : 0,
    },
    session: { title: session.title, startedAt: at(session.startedAt), endedAt: at(session.endedAt), durationMinutes: duration },
    participants: participantsOf(input.participants, workshop.rule, workshop.minCellSize),
    panels: input.panels.map(
      (panel): SummaryPanel => ({
        key: panel.key,
        title: panel.title,
        framing: panel.framing,
        prompts: [...panel.prompts],
        // Re-parsed so a hand-built or stale document cannot carry an unsafe link into the body.
        notes: RichDocSchema.parse(panel.notes),
        takeaways: [...panel.takeaways],
        polls: panel.polls.map((poll) => summarisePoll(poll, opts)),
      }),
    ),
  };
}

function participantsOf(people: readonly SummaryParticipantInput[], rule: SummaryInput["workshop"]["rule"], k: number): SummaryBody["participants"] {
  const inRoom = people.filter((p) => p.role === "participant");
  const counts = SECTOR_ROWS.map((row) => inRoom.filter((p) => (p.sector ?? "unspecified") === row).length);
  // One column of head counts per sector; its column total (the participant count) is public,
  // so the same complementary suppression as poll breakdowns applies.
  const table = suppressSmallCells<SectorRow>(
    { rows: [...SECTOR_ROWS], cols: ["count"], cells: counts.map((c) => [c]), rowTotals: counts },
    rule === "chatham-house" ? k : 0,
  );
  const sectors = SECTOR_ROWS.map((sector, r) => {
    const cell = table.cells[r][0];
    return cell.suppressed ? { sector, count: null, suppressed: true } : { sector, count: cell.count, suppressed: false };
  });
  const attendees =
    rule === "attributed"
      ? people
          .map((p) => p.name?.trim() ?? "")
          .filter((name) => name !== "")
          .sort(byText)
      : null;
  return { count: inRoom.length, sectors, attendees };
}

/** Drops storage fields (`id`, `panelId`, `position`) and re-validates the definition. */
function cleanDefinition(definition: PollDefinition): PollDefinition {
  const { id: _id, panelId: _panelId, position: _position, ...rest } = definition as PollDefinition & Record<string, unknown>;
  return PollDefinition.parse(rest);
}

function summarisePoll(poll: SummaryPollInput, opts: { minCellSize: number; rule: SummaryInput["workshop"]["rule"] }): SummaryPoll {
  const definition = cleanDefinition(poll.definition);
  const runs = [...poll.runs].sort((a, b) => a.run - b.run);
  runs.forEach((r, i) => {
    if (!Number.isInteger(r.run) || r.run < 1) throw new RangeError(`poll ${definition.key}: run must be an integer ≥ 1, got ${r.run}`);
    if (i > 0 && runs[i - 1].run === r.run) throw new RangeError(`poll ${definition.key}: run ${r.run} given twice`);
  });
  const tallies: { run: number; tally: Tally }[] = runs.map((r) => ({ run: r.run, tally: tally(definition, r.responses, opts) }));
  const last = tallies.at(-1);
  const previous = tallies.at(-2);
  return {
    key: definition.key,
    question: definition.question,
    kind: definition.kind,
    definition,
    n: last?.tally.n ?? 0,
    runs: tallies,
    shift: last && previous ? shiftBetweenRuns(definition, previous.tally, last.tally) : null,
  };
}
