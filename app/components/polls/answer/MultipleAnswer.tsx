/**
 * Multiple choice: checkboxes, at most `maxChoices`, then an explicit Send (intermediate
 * selections are not answers, and sending each tick would count an answer the person did not mean).
 */
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { sameValue } from "~/realtime/outbox";
import type { AnswerProps } from "./types";

export function MultipleAnswer({ poll, idBase, value, disabled, onAnswer }: AnswerProps<"multiple">) {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState<string[]>(value?.choices ?? []);
  // Follow an answer restored from the server or the outbox after the first render.
  useEffect(() => setChosen(value?.choices ?? []), [value]);
  const full = chosen.length >= poll.maxChoices;
  const toggle = (key: string) =>
    setChosen((c) => (c.includes(key) ? c.filter((k) => k !== key) : full ? c : poll.options.map((o) => o.key).filter((k) => k === key || c.includes(k))));
  const unchanged = value !== null && sameValue(value.choices, chosen);
  return (
    <fieldset className="poll-fieldset" disabled={disabled} aria-describedby={`${idBase}-hint`}>
      <legend className="poll-question">{poll.question}</legend>
      <p id={`${idBase}-hint`} className="muted small">
        {t("polls.answer.chooseUpTo", { count: poll.maxChoices })}{" "}
        <span aria-live="polite">{t("polls.answer.chosen", { count: chosen.length, max: poll.maxChoices })}</span>
      </p>
      <div className="choice-cards">
        {poll.options.map((o) => {
          const checked = chosen.includes(o.key);
          return (
            <label key={o.key} className="choice-card" htmlFor={`${idBase}-${o.key}`}>
              <input
                type="checkbox"
                id={`${idBase}-${o.key}`}
                checked={checked}
                disabled={!checked && full}
                onChange={() => toggle(o.key)}
              />
              <span>{o.label}</span>
            </label>
          );
        })}
      </div>
      {/* Closed: nothing can be sent, so no dead button. */}
      {!disabled && (
        <button type="button" className="button" disabled={chosen.length === 0 || unchanged} onClick={() => onAnswer({ choices: chosen })}>
          {t("polls.answer.send")}
        </button>
      )}
    </fieldset>
  );
}
