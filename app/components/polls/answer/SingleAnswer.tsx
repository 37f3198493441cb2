/**
 * Single choice as large radio cards. A tap answers at once; arrow keys only move the selection,
 * answered with Enter, Space or Send, shown only then (see useChoice.ts, QA finding A1).
 */
import type { AnswerProps } from "./types";
import { ChoiceSend } from "./ChoiceSend";
import { useChoice } from "./useChoice";

export function SingleAnswer({ poll, idBase, value, disabled, onAnswer }: AnswerProps<"single">) {
  const c = useChoice<string>(value?.choice ?? null, (choice) => onAnswer({ choice }));
  return (
    <fieldset className="poll-fieldset" disabled={disabled}>
      <legend className="poll-question">{poll.question}</legend>
      <div className="choice-cards">
        {poll.options.map((o) => (
          <label key={o.key} className="choice-card" htmlFor={`${idBase}-${o.key}`} {...c.labelProps}>
            <input type="radio" id={`${idBase}-${o.key}`} name={idBase} value={o.key} {...c.inputProps(o.key)} />
            <span>{o.label}</span>
          </label>
        ))}
      </div>
      <ChoiceSend choice={c} />
    </fieldset>
  );
}
