/** Horizontal bars with count and percentage in text (the bar is decoration; the numbers carry it). */
import { useTranslation } from "react-i18next";
import { usePollFormat } from "../format";
import { Fill } from "./Fill";

export interface BarRow {
  key: string;
  label: string;
  count: number;
  share: number;
  mine?: boolean;
}

export function Bars({ rows }: { rows: BarRow[] }) {
  const { t } = useTranslation();
  const f = usePollFormat();
  return (
    <ul className="plain bars">
      {rows.map((r) => (
        <li key={r.key} className={`bar-row${r.mine ? " mine" : ""}`} data-key={r.key} data-count={r.count}>
          <div className="bar-head">
            <span className="bar-label">
              {r.label}
              {r.mine ? <span className="mine-mark"> ✓ {t("polls.results.mine")}</span> : null}
            </span>
            <span className="bar-value">{t("polls.results.countShare", { count: r.count, percent: f.percent(r.share) })}</span>
          </div>
          <div className="bar-track" aria-hidden="true">
            <Fill className="bar-fill" fraction={r.share} />
          </div>
        </li>
      ))}
    </ul>
  );
}
