/**
 * A scale as a row of numbered buttons. They are native radios (a fieldset is a radiogroup to
 * assistive technology, arrow keys move between points); the end labels are part of the first
 * and last points' accessible names and shown visibly under the row. A tap answers at once; arrow
 * keys only move the selection, answered with Enter, Space or Send, shown only then (see useChoice.ts, QA finding A1).
 */
import { useTranslation } from "react-i18next";
import { scalePoints } from "../format";
import type { AnswerProps } from "./types";
import { ChoiceSend } from "./ChoiceSend";
import { useChoice } from "./useChoice";

export function ScaleAnswer({ poll, idBase, value, disabled, onAnswer }: AnswerProps<"scale">) {
  const { t } = useTranslation();
  const c = useChoice<number>(value?.score ?? null, (score) => onAnswer({ score }));
  const points = scalePoints(poll.min, poll.max);
  const mid = poll.midLabel && points.length % 2 === 1 ? points[(points.length - 1) / 2] : null;
  const endLabel = (score: number) =>
    score === poll.min ? poll.minLabel : score === poll.max ? poll.maxLabel : score === mid ? poll.midLabel : undefined;
  return (
    <fieldset className="poll-fieldset" disabled={disabled}>
      <legend className="poll-question">{poll.question}</legend>
      <div className="scale-row">
        {points.map((score) => {
          const label = endLabel(score);
          return (
            <label key={score} className="scale-point" htmlFor={`${idBase}-${score}`} {...c.labelProps}>
              <input
                type="radio"
                id={`${idBase}-${score}`}
                name={idBase}
                value={score}
                {...c.inputProps(score)}
              />
              <span aria-hidden={label ? true : undefined}>{score}</span>
              {label ? <span className="visually-hidden">{t("polls.answer.scaleEnd", { score, label })}</span> : null}
            </label>
          );
        })}
      </div>
      <div className="scale-ends" aria-hidden="true">
        <span>
          {poll.min} — {poll.minLabel}
        </span>
        <span>
          {poll.max} — {poll.maxLabel}
        </span>
      </div>
      <ChoiceSend choice={c} />
    </fieldset>
  );
}
