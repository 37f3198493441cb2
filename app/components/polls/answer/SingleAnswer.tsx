/** Single choice as large radio cards: one tap answers (and re-answers) immediately. */
import type { AnswerProps } from "./types";

export function SingleAnswer({ poll, idBase, value, disabled, onAnswer }: AnswerProps<"single">) {
  return (
    <fieldset className="poll-fieldset" disabled={disabled}>
      <legend className="poll-question">{poll.question}</legend>
      <div className="choice-cards">
        {poll.options.map((o) => (
          <label key={o.key} className="choice-card" htmlFor={`${idBase}-${o.key}`}>
            <input
              type="radio"
              id={`${idBase}-${o.key}`}
              name={idBase}
              value={o.key}
              checked={value?.choice === o.key}
              onChange={() => onAnswer({ choice: o.key })}
            />
            <span>{o.label}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
