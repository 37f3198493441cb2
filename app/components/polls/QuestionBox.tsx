/**
 * Participant Q&A: ask (optionally anonymous even to the facilitator), see approved questions
 * sorted by votes with one upvote each (withdrawable; never on one's own), one's own questions
 * still waiting for approval, and a short notice where the facilitator hid one of them (also said once
 * in a polite live region, which exists from the first render so screen readers announce the change).
 * A vote in flight leaves its button focusable (`aria-disabled`, clicks ignored) so keyboard focus stays.
 */
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { QUESTION_MAX_CHARS } from "~/domain/polls/events";
import type { PollsApi } from "~/realtime/usePolls";
import { firstWords } from "./format";

/** Shown to its asker only (pending or hidden): listed after the room's questions. */
const ownOnly = (q: { status: string }) => q.status === "pending" || q.status === "hidden";

export function QuestionBox({ api }: { api: PollsApi }) {
  const { t } = useTranslation();
  const [text, setText] = useState("");
  const [anonymous, setAnonymous] = useState(false);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<{ ok: boolean; text: string; questionId?: string } | null>(null);
  // "Sent; it appears once approved" holds only while that question waits: once a facilitator has
  // approved, answered or hidden it, the question's own line says so and the notice goes.
  const shownNotice = notice?.questionId && api.questions.some((q) => q.id === notice.questionId && q.status !== "pending") ? null : notice;
  const visible = api.questions
    .filter((q) => q.status === "approved" || q.status === "answered" || q.mine)
    .sort((a, b) => Number(ownOnly(a)) - Number(ownOnly(b)) || b.votes - a.votes || a.createdAt - b.createdAt);

  const [voting, setVoting] = useState<string | null>(null);
  const announce = useHiddenAnnouncement(api.questions, (text) => t("polls.qa.hiddenNotice", { text: firstWords(text) }));

  /** Upvotes, or withdraws the upvote; the new count arrives with the next questions:state. */
  async function vote(questionId: string, withdraw: boolean) {
    if (voting === questionId) return; // in flight: the button is aria-disabled, a second click does nothing
    setVoting(questionId);
    const res = await api.send(withdraw ? "question:unvote" : "question:upvote", { questionId });
    setVoting(null);
    if (!res.ok) setNotice({ ok: false, text: t("polls.qa.voteFailed") });
  }

  async function ask(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    const res = await api.send("question:ask", { text: text.trim(), anonymous });
    setBusy(false);
    const questionId = res.ok ? (res.data as { id?: string } | undefined)?.id : undefined;
    setNotice({ ok: res.ok, text: res.ok ? t("polls.qa.sent") : t("polls.qa.failed"), questionId });
    if (res.ok) setText("");
  }

  return (
    <section className="stack" aria-labelledby="qa-heading" data-testid="question-box">
      <h2 id="qa-heading">{t("polls.qa.heading")}</h2>
      <form className="card stack" onSubmit={ask}>
        <div className="field">
          <label htmlFor="qa-text">{t("polls.qa.label")}</label>
          <textarea id="qa-text" value={text} maxLength={QUESTION_MAX_CHARS} rows={2} onChange={(e) => setText(e.target.value)} required minLength={3} />
        </div>
        <label className="check" htmlFor="qa-anon">
          <input id="qa-anon" type="checkbox" checked={anonymous} onChange={(e) => setAnonymous(e.target.checked)} />
          <span>{t("polls.qa.anonymous")}</span>
        </label>
        <button type="submit" className="button" disabled={busy || text.trim().length < 3}>
          {t("polls.qa.submit")}
        </button>
        <p role="status" aria-live="polite" className={shownNotice ? `notice ${shownNotice.ok ? "ok" : "error"}` : undefined}>
          {shownNotice?.text}
        </p>
      </form>
      <p role="status" aria-live="polite" className="visually-hidden" data-testid="qa-announcer">
        {announce}
      </p>
      {visible.length === 0 ? <p className="muted">{t("polls.qa.none")}</p> : null}
      <ul className="plain question-list">
        {visible.map((q) =>
          q.status === "hidden" ? (
            <li key={q.id} className="card question" data-testid="question" data-status="hidden">
              <p className="notice" data-testid="question-hidden-notice">
                {t("polls.qa.hiddenNotice", { text: firstWords(q.text) })}
              </p>
            </li>
          ) : (
            <li key={q.id} className="card question" data-testid="question" data-status={q.status}>
              <p className="question-text">{q.text}</p>
              <div className="row spread">
                <span className="muted small">
                  {q.mine ? `${t("polls.qa.mine")} · ` : ""}
                  {q.status === "pending" ? t("polls.qa.pending") : q.status === "answered" ? t("polls.qa.answered") : t("polls.qa.votes", { count: q.votes })}
                  {q.votedByMe ? ` · ${t("polls.qa.voted")}` : ""}
                </span>
                {q.status === "approved" && !q.mine ? (
                  <button
                    type="button"
                    className={`button small${q.votedByMe ? " secondary" : ""}`}
                    aria-label={t(q.votedByMe ? "polls.qa.unvoteFor" : "polls.qa.upvoteFor", { text: firstWords(q.text) })}
                    aria-disabled={voting === q.id || undefined}
                    onClick={() => void vote(q.id, q.votedByMe)}
                  >
                    {q.votedByMe ? null : <span aria-hidden="true">▲ </span>}
                    {q.votedByMe ? t("polls.qa.unvote") : t("polls.qa.upvote")}
                  </button>
                ) : null}
              </div>
            </li>
          ),
        )}
      </ul>
    </section>
  );
}

/**
 * Text to announce when one of my questions, seen before in another status, becomes hidden (the
 * facilitator hid it): `message(text)` of the latest one, else "". Questions already hidden on the first
 * state (page load, reconnect) are not announced: their notice is on screen from the start.
 */
function useHiddenAnnouncement(questions: PollsApi["questions"], message: (text: string) => string): string {
  const seen = useRef(new Map<string, string>());
  const [text, setText] = useState("");
  useEffect(() => {
    let latest: string | null = null;
    for (const q of questions) {
      if (!q.mine) continue;
      const before = seen.current.get(q.id);
      if (q.status === "hidden" && before !== undefined && before !== "hidden") latest = q.text;
      seen.current.set(q.id, q.status);
    }
    if (latest !== null) setText(message(latest));
    // Only a new questions state can hide a question (`message` is a fresh closure every render).
  }, [questions]);
  return text;
}
