/**
 * Ranking as an ordered list with Move up / Move down buttons: fully keyboard and switch-access
 * usable (drag-and-drop alone is not, WCAG 2.5.7). Focus stays on the moved item's button, and
 * each move is announced.
 */
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { sameValue } from "~/realtime/outbox";
import type { AnswerProps } from "./types";

type Dir = "up" | "down";

export function RankingAnswer({ poll, idBase, value, disabled, onAnswer }: AnswerProps<"ranking">) {
  const { t } = useTranslation();
  const initial = () => value?.order ?? poll.options.map((o) => o.key);
  const [order, setOrder] = useState<string[]>(initial);
  const [announce, setAnnounce] = useState("");
  const focusAfter = useRef<{ key: string; dir: Dir } | null>(null);
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  useEffect(() => setOrder(initial()), [value]); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => {
    const f = focusAfter.current;
    if (!f) return;
    focusAfter.current = null;
    const same = buttons.current.get(`${f.key}:${f.dir}`);
    // At the top (or bottom) the pressed button disables itself; move focus to its sibling.
    (same && !same.disabled ? same : buttons.current.get(`${f.key}:${f.dir === "up" ? "down" : "up"}`))?.focus();
  }, [order]);

  const label = (key: string) => poll.options.find((o) => o.key === key)?.label ?? key;
  function move(index: number, dir: Dir) {
    const to = dir === "up" ? index - 1 : index + 1;
    const next = [...order];
    [next[index], next[to]] = [next[to], next[index]];
    focusAfter.current = { key: order[index], dir };
    setOrder(next);
    setAnnounce(t("polls.answer.moved", { label: label(order[index]), position: to + 1, total: order.length }));
  }

  return (
    <fieldset className="poll-fieldset" disabled={disabled} aria-describedby={`${idBase}-hint`}>
      <legend className="poll-question">{poll.question}</legend>
      <p id={`${idBase}-hint`} className="muted small">
        {t("polls.answer.rankingHint")}
      </p>
      <ol className="rank-list">
        {order.map((key, i) => (
          <li key={key} className="rank-item">
            <span className="rank-pos" aria-hidden="true">
              {i + 1}
            </span>
            <span className="rank-label">{label(key)}</span>
            <span className="rank-moves">
              {(["up", "down"] as const).map((dir) => (
                <button
                  key={dir}
                  type="button"
                  className="button secondary small"
                  ref={(el) => void (el ? buttons.current.set(`${key}:${dir}`, el) : buttons.current.delete(`${key}:${dir}`))}
                  disabled={disabled || (dir === "up" ? i === 0 : i === order.length - 1)}
                  aria-label={t(dir === "up" ? "polls.answer.moveUpLabel" : "polls.answer.moveDownLabel", { label: label(key) })}
                  onClick={() => move(i, dir)}
                >
                  <span aria-hidden="true">{dir === "up" ? "↑" : "↓"}</span>
                  <span className="rank-move-text">{t(dir === "up" ? "polls.answer.moveUp" : "polls.answer.moveDown")}</span>
                </button>
              ))}
            </span>
          </li>
        ))}
      </ol>
      <p className="visually-hidden" aria-live="polite">
        {announce}
      </p>
      {/* Closed: nothing can be sent, so no dead button (the receipt says what was recorded). */}
      {!disabled && (
        <button type="button" className="button" disabled={value !== null && sameValue(value.order, order)} onClick={() => onAnswer({ order })}>
          {/* Before any answer the order shown is the default one: say plainly that sending submits it. */}
          {value === null ? t("polls.answer.sendOrder") : t("polls.answer.send")}
        </button>
      )}
    </fieldset>
  );
}
