/**
 * Q&A moderation in the console: every question by votes (pending first so nothing waits
 * unseen), with approve / hide / mark answered (and back, if marked by mistake), and the projector toggle for the top questions.
 *
 * Focus: the button pressed disappears with the new status (and the question moves in the list),
 * so once the new status has arrived focus goes to that question's first action. Buttons are
 * named with the question's first words ("Approve question: Who verifies…").
 */
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import type { QuestionView } from "~/domain/polls/events";
import type { PollsApi } from "~/realtime/usePolls";
import { firstWords } from "./format";
import { useCommand } from "./useCommand";

const ORDER: Record<QuestionView["status"], number> = { pending: 0, approved: 1, answered: 2, hidden: 3 };

export function QuestionModeration({ api }: { api: PollsApi }) {
  const { t } = useTranslation();
  const { busy, error, run } = useCommand(api);
  const questions = [...api.questions].sort((a, b) => ORDER[a.status] - ORDER[b.status] || b.votes - a.votes || a.createdAt - b.createdAt);
  const listRef = useRef<HTMLUListElement>(null);
  const refocus = useRef<{ id: string; status: QuestionView["status"] } | null>(null);
  async function moderate(q: QuestionView, status: QuestionView["status"]) {
    refocus.current = { id: q.id, status };
    const res = await run("question:moderate", { questionId: q.id, status });
    if (!res.ok) refocus.current = null;
  }
  useEffect(() => {
    const want = refocus.current;
    if (!want || api.questions.find((q) => q.id === want.id)?.status !== want.status) return;
    refocus.current = null;
    const item = listRef.current?.querySelector<HTMLElement>(`[data-question-id="${want.id}"]`);
    (item?.querySelector<HTMLElement>("button") ?? item)?.focus();
  }, [api.questions]);
  const action = (q: QuestionView, status: QuestionView["status"], key: string, className: string) => (
    <button
      type="button"
      className={`button small ${className}`}
      aria-label={t(`polls.qa.moderation.named.${key}`, { question: firstWords(q.text) })}
      aria-disabled={busy || undefined}
      onClick={() => (busy ? undefined : void moderate(q, status))}
    >
      {t(`polls.qa.moderation.${key}`)}
    </button>
  );
  return (
    <section className="card stack" aria-labelledby="qa-mod-heading" data-testid="question-moderation">
      <div className="row spread">
        <h2 id="qa-mod-heading">{t("polls.qa.moderation.heading")}</h2>
        <button
          type="button"
          className={`button small${api.questionsProjected ? "" : " secondary"}`}
          aria-pressed={api.questionsProjected}
          disabled={busy}
          onClick={() => void run("question:project", { show: !api.questionsProjected })}
        >
          {api.questionsProjected ? t("polls.qa.moderation.unproject") : t("polls.qa.moderation.project")}
        </button>
      </div>
      {error ? (
        <p className="notice error" role="alert">
          {error}
        </p>
      ) : null}
      {questions.length === 0 ? <p className="muted">{t("polls.qa.none")}</p> : null}
      <ul className="plain question-list" aria-live="polite" ref={listRef}>
        {questions.map((q) => (
          <li key={q.id} className={`question status-${q.status}`} data-testid="moderated-question" data-status={q.status} data-question-id={q.id} tabIndex={-1}>
            <p className="question-text">{q.text}</p>
            <p className="muted small">
              <span className="badge">{t(`polls.qa.moderation.status.${q.status}`)}</span> {t("polls.qa.votes", { count: q.votes })} ·{" "}
              {q.askedBy ? t("polls.qa.moderation.askedBy", { name: q.askedBy }) : t("polls.qa.moderation.anonymous")}
            </p>
            <div className="actions">
              {/* An answered question was approved already: approving it again would undo "answered". */}
              {q.status === "pending" || q.status === "hidden" ? action(q, "approved", "approve", "") : null}
              {/* Marked answered by mistake: back among the approved questions (shown, not answered). */}
              {q.status !== "answered" ? action(q, "answered", "answered", "secondary") : action(q, "approved", "unanswered", "secondary")}
              {q.status !== "hidden" ? action(q, "hidden", "hide", "danger") : action(q, "pending", "restore", "secondary")}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
