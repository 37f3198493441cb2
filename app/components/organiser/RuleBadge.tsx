/** Badge naming a workshop's attribution rule; Chatham House gets the calm "ok" colour, attributed a warning. */
import { useTranslation } from "react-i18next";
import type { Rule } from "~/domain/workshop";

export function RuleBadge({ rule }: { rule: Rule }) {
  const { t } = useTranslation();
  return <span className={`badge ${rule === "chatham-house" ? "ok" : "warn"}`}>{t(`common.rule.${rule}`)}</span>;
}
