/**
 * Per-session distribution bars, pure CSS (no chart library, no script): a 100% stacked bar when
 * shares sum to one (single choice, scale), otherwise one bar per item. Scale polls add the mean
 * as a marker on a min–max axis. Each session's bars carry a text alternative listing every share,
 * and the table below holds the same figures for reading and copying.
 */
import { useTranslation } from "react-i18next";
import type { Comparison } from "./model";

/** Okabe–Ito colours (distinguishable with the common colour-vision deficiencies). */
const CATEGORICAL = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000", "#999999", "#7F3C8D"];
/** Diverging blue → orange for scale points (1 = legally binding … 7 = non-binding reads as two ends). */
const DIVERGING = ["#08519c", "#3182bd", "#6baed6", "#bdbdbd", "#fdae6b", "#e6550d", "#a63603", "#7f2704", "#4d1a03", "#2d0f02", "#170801"];

export const itemColour = (c: Comparison, i: number) => (c.kind === "scale" ? DIVERGING[Math.round((i * 6) / Math.max(1, c.items.length - 1))] ?? DIVERGING[i] : CATEGORICAL[i % CATEGORICAL.length]);

export function CompareChart({ comparison: c }: { comparison: Comparison }) {
  const { t } = useTranslation();
  const alt = (r: Comparison["rows"][number]) =>
    [
      t("archive.compare.chartLabel", { session: r.sessionTitle, workshop: r.workshopTitle, n: r.n }),
      ...c.items.map((it, i) => (r.shareText[i] ? `${it.label}: ${r.shareText[i]}` : "")).filter(Boolean),
      r.meanText ? t("archive.compare.meanValue", { value: r.meanText }) : "",
    ]
      .filter(Boolean)
      .join("; ");
  return (
    <figure className="card compare-chart">
      <figcaption>
        <h2 className="h3">{t("archive.compare.chart")}</h2>
        {c.scale ? <p className="small muted">{t("archive.compare.scaleEnds", c.scale)}</p> : null}
      </figcaption>
      <ul className="plain compare-legend" aria-label={t("archive.compare.legend")}>
        {c.items.map((it, i) => (
          <li key={it.key}>
            <span className="swatch" style={{ background: itemColour(c, i) }} aria-hidden="true" />
            {it.label}
          </li>
        ))}
      </ul>
      <ol className="plain compare-rows">
        {c.rows.map((r) => (
          <li key={r.summaryId} className="compare-row">
            <p className="compare-row-label small">
              <strong>{r.workshopTitle}</strong> · {r.sessionTitle} · <time dateTime={r.date}>{r.date}</time> · n = {r.n}
            </p>
            <div role="img" aria-label={alt(r)} className={c.stacked ? "compare-stack" : "compare-bars"}>
              {r.n === 0 ? (
                <span className="small muted">{t("archive.compare.noResponses")}</span>
              ) : (
                c.items.map((it, i) => {
                  const share = r.shares[i];
                  if (share === null) return c.stacked ? null : <span key={it.key} className="compare-bar empty" />;
                  return c.stacked ? (
                    <span key={it.key} className="compare-seg" style={{ inlineSize: `${share * 100}%`, background: itemColour(c, i) }} />
                  ) : (
                    <span key={it.key} className="compare-bar" style={{ blockSize: `${Math.max(share * 100, 1)}%`, background: itemColour(c, i) }} />
                  );
                })
              )}
            </div>
            {c.scale && r.mean !== null ? (
              <div className="compare-mean" aria-hidden="true">
                <span className="compare-mean-marker" style={{ insetInlineStart: `${((r.mean - c.scale.min) / (c.scale.max - c.scale.min)) * 100}%` }}>
                  {t("archive.compare.meanValue", { value: r.meanText })}
                </span>
              </div>
            ) : null}
          </li>
        ))}
      </ol>
    </figure>
  );
}
