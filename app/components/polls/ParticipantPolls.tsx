/**
 * The current panel's opened polls on the participant's phone. Drafts are not shown. When a poll
 * opens while the page is up, it is scrolled into view and announced by a short polite status
 * ("Poll opened: question"), instead of live regions reading whole cards (QA findings U4, A2).
 */
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { PollsApi } from "~/realtime/usePolls";
import { ParticipantPoll } from "./ParticipantPoll";

export function ParticipantPolls({ api, panelId }: { api: PollsApi; panelId: string | null }) {
  const { t } = useTranslation();
  const polls = api.polls.filter((p) => p.panelId === panelId && p.status !== "draft");
  const [announcement, setAnnouncement] = useState("");
  /** Status of each run seen in the previous state (null until the first state arrived). */
  const seen = useRef<Map<string, string> | null>(null);
  const signature = polls.map((p) => `${p.id}:${p.run}:${p.status}`).join(" ");
  useEffect(() => {
    if (!api.ready) return;
    const before = seen.current;
    seen.current = new Map(polls.map((p) => [`${p.id}:${p.run}`, p.status]));
    if (!before) return; // polls already open when the page loaded are where the person left them
    const opened = polls.find((p) => p.status === "open" && before.get(`${p.id}:${p.run}`) !== "open");
    if (!opened) return;
    setAnnouncement(t("polls.openedAnnounce", { question: opened.definition.question }));
    const card = document.querySelector(`[data-testid="participant-poll"][data-poll-key="${CSS.escape(opened.key)}"]`);
    const calm = window.matchMedia?.("(prefers-reduced-motion: reduce)").matches;
    card?.scrollIntoView({ block: "start", behavior: calm ? "auto" : "smooth" });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `signature` stands for the polls' ids, runs and statuses
  }, [api.ready, signature, t]);
  return (
    <section className="stack" aria-labelledby="polls-heading" data-testid="participant-polls">
      <h2 id="polls-heading">{t("polls.heading")}</h2>
      <p className="visually-hidden" role="status" data-testid="poll-announcement">
        {announcement}
      </p>
      {polls.length === 0 ? <p className="muted">{t("polls.noneOpen")}</p> : null}
      {polls.map((poll) => {
        const entry = api.outbox[poll.id];
        return (
          <ParticipantPoll
            key={`${poll.id}:${poll.run}`}
            poll={poll}
            entry={entry && entry.run === poll.run ? entry : null}
            participantCount={api.participantCount}
            onAnswer={(value) => api.respond(poll, value)}
          />
        );
      })}
    </section>
  );
}
