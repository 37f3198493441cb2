/**
 * Scale results as columns from min to max, each with its count and share in text, plus the
 * mean and median. Column heights are relative to the tallest so small rooms still read.
 */
import { useTranslation } from "react-i18next";
import type { ScaleTally } from "~/domain/polls/types";
import type { PollDefinition } from "~/domain/template";
import { usePollFormat } from "../format";
import { Fill } from "./Fill";

export function ScaleChart({ poll, tally, mine }: { poll: Extract<PollDefinition, { kind: "scale" }>; tally: ScaleTally; mine: number | null }) {
  const { t } = useTranslation();
  const f = usePollFormat();
  const top = Math.max(...tally.points.map((p) => p.share), 0);
  return (
    <figure className="scale-chart">
      <figcaption className="visually-hidden">{t("polls.results.distribution")}</figcaption>
      <ol className="plain columns">
        {tally.points.map((p) => (
          <li key={p.score} className={`column${p.score === mine ? " mine" : ""}`} data-score={p.score} data-count={p.count}>
            <span className="visually-hidden">
              {p.score}: {t("polls.results.countShare", { count: p.count, percent: f.percent(p.share) })}
              {p.score === mine ? `, ${t("polls.results.mine")}` : ""}
            </span>
            <span className="col-value" aria-hidden="true">
              <strong>{p.count}</strong> <span className="col-share">{f.percent(p.share)}</span>
            </span>
            <span className="col-track" aria-hidden="true">
              <Fill className="col-fill" axis="block" fraction={top > 0 ? p.share / top : 0} />
            </span>
            <span className="col-label" aria-hidden="true">
              {p.score}
              {p.score === mine ? " ✓" : ""}
            </span>
          </li>
        ))}
      </ol>
      <div className="scale-ends">
        <span>
          {poll.min} — {poll.minLabel}
        </span>
        <span>
          {poll.max} — {poll.maxLabel}
        </span>
      </div>
      <p className="scale-stats" data-testid="scale-stats">
        {t("polls.results.mean", { value: f.decimal(tally.mean) })} · {t("polls.results.median", { value: f.decimal(tally.median) })}
      </p>
    </figure>
  );
}
