/**
 * Per-session distribution bars, pure CSS (no chart library, no script): a 100% stacked bar when
 * shares sum to one (single choice, scale), otherwise one bar per item. Scale polls add the mean
 * as a marker on a min–max axis. Each session's bars carry a text alternative listing every share,
 * and the table below holds the same figures for reading and copying.
 */
import { useTranslation } from "react-i18next";
import { CssomSpan } from "~/components/CssomSpan";
import type { Comparison } from "./model";

/**
 * Colour class of item `i` (palettes in app/styles/archive.css, classes rather than `style` because of
 * the CSP): Okabe–Ito categorical colours (`cat-0`…`cat-9`, distinguishable with the common
 * colour-vision deficiencies), or for scale points a diverging blue → orange ramp over 7 steps
 * (`div-0`…`div-6`), so "1 = legally binding … 7 = non-binding" reads as two ends.
 */
export const itemClass = (c: Comparison, i: number) =>
  c.kind === "scale" ? `div-${Math.min(6, Math.round((i * 6) / Math.max(1, c.items.length - 1)))}` : `cat-${i % 10}`;

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
            <span className={`swatch ${itemClass(c, i)}`} aria-hidden="true" />
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
                    <CssomSpan key={it.key} className={`compare-seg ${itemClass(c, i)}`} css={{ "inline-size": `${share * 100}%` }} />
                  ) : (
                    <CssomSpan key={it.key} className={`compare-bar ${itemClass(c, i)}`} css={{ "block-size": `${Math.max(share * 100, 1)}%` }} />
                  );
                })
              )}
            </div>
            {c.scale && r.mean !== null ? (
              <div className="compare-mean" aria-hidden="true">
                <CssomSpan className="compare-mean-marker" css={{ "inset-inline-start": `${((r.mean - c.scale.min) / (c.scale.max - c.scale.min)) * 100}%` }}>
                  {t("archive.compare.meanValue", { value: r.meanText })}
                </CssomSpan>
              </div>
            ) : null}
          </li>
        ))}
      </ol>
    </figure>
  );
}
