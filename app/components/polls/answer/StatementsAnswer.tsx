/**
 * Statements (Polis-style): per statement three toggle buttons. Each tap sends all votes so far
 * as one answer; the pressed state is shown by a check mark and weight as well as colour.
 */
import { useTranslation } from "react-i18next";
import type { StatementVote } from "~/domain/polls/response";
import type { AnswerProps } from "./types";

const VOTES: readonly StatementVote[] = ["agree", "disagree", "pass"];

export function StatementsAnswer({ poll, idBase, value, disabled, onAnswer }: AnswerProps<"statements">) {
  const { t } = useTranslation();
  const votes = value?.votes ?? {};
  return (
    <div className="poll-fieldset" role="group" aria-labelledby={`${idBase}-q`}>
      <p className="poll-question" id={`${idBase}-q`}>
        {poll.question}
      </p>
      <ol className="plain statement-list">
        {poll.statements.map((s) => (
          // The group is inside the item: an <li role="group"> is no list item any more (axe "list").
          <li key={s.key} className="statement-item">
            <div role="group" aria-labelledby={`${idBase}-${s.key}`}>
              <p id={`${idBase}-${s.key}`} className="statement-text">
                {s.text}
              </p>
              <div className="vote-buttons">
                {VOTES.map((v) => {
                  const pressed = votes[s.key] === v;
                  return (
                    <button
                      key={v}
                      type="button"
                      className={`vote-button vote-${v}`}
                      aria-pressed={pressed}
                      disabled={disabled}
                      onClick={() => onAnswer({ votes: { ...votes, [s.key]: v } })}
                    >
                      {pressed ? <span aria-hidden="true">✓ </span> : null}
                      {t(`polls.answer.${v}`)}
                    </button>
                  );
                })}
              </div>
            </div>
          </li>
        ))}
      </ol>
    </div>
  );
}
