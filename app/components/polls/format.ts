/**
 * Number and label formatting shared by the answer and result components. Percentages use the
 * page language's conventions (French writes "40 %", with a narrow no-break space).
 */
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import type { PollDefinition } from "~/domain/template";

export interface PollFormat {
  /** A share in [0, 1] as a whole percentage ("40%"). */
  percent(share: number | null): string;
  /** A number with at most `digits` decimals ("4.2"). */
  decimal(value: number | null, digits?: number): string;
  /** A change in percentage points with an explicit sign ("+12", "−3", "0"). */
  signedPoints(pp: number | null): string;
}

export function usePollFormat(): PollFormat {
  const { i18n } = useTranslation();
  const lang = i18n.language || "en";
  return useMemo(() => {
    const pct = new Intl.NumberFormat(lang, { style: "percent", maximumFractionDigits: 0 });
    const dec = (digits: number) => new Intl.NumberFormat(lang, { maximumFractionDigits: digits });
    const signed = new Intl.NumberFormat(lang, { maximumFractionDigits: 0, signDisplay: "exceptZero" });
    return {
      percent: (share) => (share === null ? "—" : pct.format(share)),
      decimal: (value, digits = 1) => (value === null ? "—" : dec(digits).format(value)),
      signedPoints: (pp) => (pp === null ? "—" : signed.format(Math.round(pp) === 0 ? 0 : pp)),
    };
  }, [lang]);
}

/** The label people see for an option or statement key (the key itself if it was removed since). */
export function labelOf(poll: PollDefinition, key: string): string {
  if ("options" in poll) return poll.options.find((o) => o.key === key)?.label ?? key;
  if (poll.kind === "statements") return poll.statements.find((s) => s.key === key)?.text ?? key;
  return key;
}

/** Scale points from min to max, inclusive. */
export const scalePoints = (min: number, max: number): number[] => Array.from({ length: max - min + 1 }, (_, i) => min + i);

/**
 * The first `words` words of `text`, with "…" when cut: context for repeated buttons' accessible
 * names ("Approve question: Who verifies compliance…") without reading a whole question aloud.
 */
export function firstWords(text: string, words = 6): string {
  const all = text.trim().split(/\s+/);
  return all.length <= words ? all.join(" ") : `${all.slice(0, words).join(" ")}…`;
}
