/**
 * What changed between the previous run and this one (e.g. before and after the discussion),
 * in percentage points: "+12 pts". The sign and the arrow carry the direction, not colour.
 */
import { useTranslation } from "react-i18next";
import { shiftBetweenRuns, type ShareShift } from "~/domain/polls/shift";
import type { Tally } from "~/domain/polls/types";
import type { PollDefinition } from "~/domain/template";
import { labelOf, usePollFormat } from "../format";

export function ShiftView({ poll, before, now }: { poll: PollDefinition; before: Tally; now: Tally }) {
  const { t } = useTranslation();
  const f = usePollFormat();
  let shift;
  try {
    shift = shiftBetweenRuns(poll, before, now);
  } catch {
    return null; // the poll's kind changed between runs: nothing meaningful to compare
  }
  if (shift.kind === "open") return null;
  const all: ShareShift[] = shift.kind === "scale" ? shift.points : shift.kind === "statements" ? shift.statements : shift.options;
  // Items nobody chose in either run say nothing about a shift; leaving them out keeps the
  // projector on one screen. The chart above still lists every item.
  const rows = all.filter((r) => !(r.shareA === 0 && r.shareB === 0));
  const arrow = (d: number | null) => (d === null || Math.round(d) === 0 ? "" : d > 0 ? "▲ " : "▼ ");
  return (
    <section className="shift" data-testid="shift">
      <p className="results-subheading">{t("polls.results.shift.heading")}</p>
      {shift.kind === "scale" ? (
        <p>{t("polls.results.shift.mean", { from: f.decimal(shift.meanA), to: f.decimal(shift.meanB) })}</p>
      ) : null}
      <table className="data shift-table">
        <thead>
          <tr>
            <th scope="col">{t("polls.results.shift.item")}</th>
            <th scope="col">{t("polls.results.shift.before", { count: shift.nA })}</th>
            <th scope="col" className="shift-now">{t("polls.results.shift.now", { count: shift.nB })}</th>
            <th scope="col">{t("polls.results.shift.change")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key} data-key={r.key}>
              <th scope="row">{poll.kind === "scale" ? r.key : labelOf(poll, r.key)}</th>
              <td>{f.percent(r.shareA)}</td>
              <td className="shift-now">{f.percent(r.shareB)}</td>
              <td className="shift-delta">
                <span aria-hidden="true">{arrow(r.deltaPp)}</span>
                {r.deltaPp === null ? "—" : t("polls.results.shift.points", { value: f.signedPoints(r.deltaPp) })}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
