/**
 * The Send button of a tap-to-answer radio group (single choice, scale): shown only while a
 * selection moved by the keyboard waits to be sent (QA finding A1). A tap sends at once, so a
 * button that would sit disabled beside "Recorded ✓" is not shown at all (trial 82). After
 * sending, focus goes to the chosen option, since the button then leaves.
 */
import type { MouseEvent } from "react";
import { useTranslation } from "react-i18next";
import type { useChoice } from "./useChoice";

export function ChoiceSend({ choice: c }: { choice: Pick<ReturnType<typeof useChoice>, "chosen" | "unchanged" | "sendChosen"> }) {
  const { t } = useTranslation();
  if (c.chosen === null || c.unchanged) return null;
  const onClick = (e: MouseEvent<HTMLButtonElement>) => {
    const group = e.currentTarget.closest("fieldset");
    c.sendChosen();
    group?.querySelector<HTMLInputElement>("input:checked")?.focus();
  };
  return (
    <button type="button" className="button" onClick={onClick}>
      {t("polls.answer.send")}
    </button>
  );
}
