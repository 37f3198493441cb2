/**
 * Export labels and numbers in the export's language: the same i18next resources as the app
 * (app/i18n/{en,fr}/summary.ts: `summary.export.*`, plus `summary.view.*` and `summary.sectors.*`
 * shared with the on-screen summary), so an export reads like the page it was downloaded from.
 * Numbers and dates follow the language through Intl (French, per CLDR: "43 %" with U+00A0, whole percents only,
 * "4 500" with a U+202F narrow no-break space, "20 mai 2024"); times stay 24-hour "14:00" in the workshop's time zone. Values are plain text: each renderer escapes them for its format.
 */
import type { TFunction } from "i18next";
import type { ConsensusStatus } from "../../app/domain/polls/types";
import { createI18n, DEFAULT_LANGUAGE, type Language } from "../../app/i18n/config";

/** Numbers and calendar dates as an export in one language writes them; "–" stands for a missing value (null). */
export interface ExportFormats {
  /** A whole count: en "4,500", fr "4 500" (U+202F). */
  count(n: number): string;
  /** A share in [0, 1] as a whole percentage: en "43%", fr "43 %" (U+00A0). */
  percent(share: number | null): string;
  /** At most `digits` decimals, trailing zeros dropped: en "4.25", fr "4,25". */
  decimal(x: number | null, digits?: number): string;
  /** A change in percentage points, rounded, with its sign: en "+13 pp", "−4 pp", "±0 pp"; fr "+13 pts". */
  signedPp(deltaPp: number | null): string;
  /** A calendar date `YYYY-MM-DD` (already in the workshop's time zone) in words: en "May 20, 2024", fr "20 mai 2024". */
  date(isoDate: string): string;
}

/**
 * `t` bound to the `summary` strings of one language (keys like "export.poll", "view.ruleFooter.attributed"),
 * with that language's number and date formats in `fmt`.
 */
export type ExportT = ((key: string, vars?: Record<string, unknown>) => string) & {
  readonly language: Language;
  readonly fmt: ExportFormats;
  /** A statement's consensus across sectors as the results view names it (`polls.results.consensus.*`): "Broad consensus", "Large consensus". */
  readonly consensus: (status: ConsensusStatus) => string;
};

const MISSING = "–";

/** The number and date formats of `lang`; `ppUnit` is the localised percentage-point unit ("pp", "pts"). */
function exportFormats(lang: Language, ppUnit: string): ExportFormats {
  const whole = new Intl.NumberFormat(lang, { maximumFractionDigits: 0 });
  const pct = new Intl.NumberFormat(lang, { style: "percent", maximumFractionDigits: 0 });
  // The date is a calendar day, not an instant: formatted at UTC midnight in UTC, so no zone shifts it.
  const longDate = new Intl.DateTimeFormat(lang, { dateStyle: "long", timeZone: "UTC" });
  const decimals = new Map<number, Intl.NumberFormat>();
  const dec = (digits: number) => {
    let f = decimals.get(digits);
    if (!f) decimals.set(digits, (f = new Intl.NumberFormat(lang, { maximumFractionDigits: digits })));
    return f;
  };
  return {
    count: (n) => whole.format(n),
    // Rounded to a whole percent with Math.round first, as before (and as the chart's default label): Intl also
    // rounds half-expand (ECMA-402), so 0.125 → "13%" either way, but the two differ on binary doubles:
    // 0.145 * 100 = 14.499… gives "14%" here, where Intl alone, rounding the decimal 0.145, writes "15%".
    percent: (share) => (share === null ? MISSING : pct.format(Math.round(share * 100) / 100)),
    decimal: (x, digits = 2) => (x === null ? MISSING : dec(digits).format(Number(x.toFixed(digits)))),
    signedPp(deltaPp) {
      if (deltaPp === null) return MISSING;
      const r = Math.round(deltaPp);
      // The sign is written by hand: U+2212 for minus in both languages (Intl's English uses "-").
      const sign = r > 0 ? "+" : r < 0 ? "−" : "±";
      return `${sign}${whole.format(Math.abs(r))}${ppUnit}`;
    },
    date(isoDate) {
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
      return m ? longDate.format(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : isoDate;
    },
  };
}

const cache = new Map<Language, ExportT>();

/** The labels and number formats of `lang` (English when omitted); one i18next instance per language, made on first use. */
export function exportT(lang: Language = DEFAULT_LANGUAGE): ExportT {
  let t = cache.get(lang);
  if (!t) {
    const i18n = createI18n(lang);
    const fixed: TFunction = i18n.getFixedT(lang, null, "summary");
    const results: TFunction = i18n.getFixedT(lang, null, "polls.results");
    const translate = (key: string, vars?: Record<string, unknown>) => String(fixed(key, vars ?? {}));
    t = Object.assign(translate, {
      language: lang,
      fmt: exportFormats(lang, translate("export.ppUnit")),
      consensus: (status: ConsensusStatus) => String(results(`consensus.${status}`)),
    });
    cache.set(lang, t);
  }
  return t;
}
