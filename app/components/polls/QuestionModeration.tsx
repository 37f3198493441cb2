/**
 * Q&A moderation in the console: every question by votes (pending first so nothing waits
 * unseen), with approve / hide / mark answered, and the projector toggle for the top questions.
 */
import { useTranslation } from "react-i18next";
import type { QuestionView } from "~/domain/polls/events";
import type { PollsApi } from "~/realtime/usePolls";
import { useCommand } from "./useCommand";

const ORDER: Record<QuestionView["status"], number> = { pending: 0, approved: 1, answered: 2, hidden: 3 };

export function QuestionModeration({ api }: { api: PollsApi }) {
  const { t } = useTranslation();
  const { busy, error, run } = useCommand(api);
  const questions = [...api.questions].sort((a, b) => ORDER[a.status] - ORDER[b.status] || b.votes - a.votes || a.createdAt - b.createdAt);
  const moderate = (q: QuestionView, status: QuestionView["status"]) => run("question:moderate", { questionId: q.id, status });
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
      <ul className="plain question-list" aria-live="polite">
        {questions.map((q) => (
          <li key={q.id} className={`question status-${q.status}`} data-testid="moderated-question" data-status={q.status}>
            <p className="question-text">{q.text}</p>
            <p className="muted small">
              <span className="badge">{t(`polls.qa.moderation.status.${q.status}`)}</span> {t("polls.qa.votes", { count: q.votes })} ·{" "}
              {q.askedBy ? t("polls.qa.moderation.askedBy", { name: q.askedBy }) : t("polls.qa.moderation.anonymous")}
            </p>
            <div className="actions">
              {q.status !== "approved" ? (
                <button type="button" className="button small" disabled={busy} onClick={() => void moderate(q, "approved")}>
                  {t("polls.qa.moderation.approve")}
                </button>
              ) : null}
              {q.status !== "answered" ? (
                <button type="button" className="button small secondary" disabled={busy} onClick={() => void moderate(q, "answered")}>
                  {t("polls.qa.moderation.answered")}
                </button>
              ) : null}
              {q.status !== "hidden" ? (
                <button type="button" className="button small danger" disabled={busy} onClick={() => void moderate(q, "hidden")}>
                  {t("polls.qa.moderation.hide")}
                </button>
              ) : (
                <button type="button" className="button small secondary" disabled={busy} onClick={() => void moderate(q, "pending")}>
                  {t("polls.qa.moderation.restore")}
                </button>
              )}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
