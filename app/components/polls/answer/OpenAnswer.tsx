/**
 * Short text answer with a character counter. Length is counted in code points like the server
 * (an accented letter or emoji is one character), so no `maxLength` attribute (UTF-16 units).
 */
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { cleanOpenText, codePointLength } from "~/domain/polls/response";
import type { AnswerProps } from "./types";

export function OpenAnswer({ poll, idBase, value, disabled, onAnswer }: AnswerProps<"open">) {
  const { t } = useTranslation();
  const [text, setText] = useState(value?.text ?? "");
  useEffect(() => setText(value?.text ?? ""), [value]);
  const cleaned = cleanOpenText(text);
  const length = codePointLength(cleaned);
  const tooLong = length > poll.maxLength;
  return (
    <form
      className="poll-fieldset stack"
      onSubmit={(e) => {
        e.preventDefault();
        if (cleaned && !tooLong) onAnswer({ text: cleaned });
      }}
    >
      <p className="poll-question" id={`${idBase}-q`}>
        {poll.question}
      </p>
      <div className="field">
        <label htmlFor={`${idBase}-text`} className="visually-hidden">
          {t("polls.answer.textLabel")}
        </label>
        <textarea
          id={`${idBase}-text`}
          value={text}
          rows={3}
          disabled={disabled}
          aria-describedby={`${idBase}-q ${idBase}-count`}
          aria-invalid={tooLong || undefined}
          onChange={(e) => setText(e.target.value)}
        />
        <p id={`${idBase}-count`} className={tooLong ? "error" : "hint"}>
          {tooLong ? t("polls.answer.tooLong", { max: poll.maxLength }) : t("polls.answer.characters", { count: length, max: poll.maxLength })}
        </p>
      </div>
      {/* Closed: nothing can be sent, so no dead button. */}
      {!disabled && (
        <button type="submit" className="button" disabled={!cleaned || tooLong || cleaned === value?.text}>
          {t("polls.answer.send")}
        </button>
      )}
    </form>
  );
}
