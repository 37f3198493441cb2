/** The current panel's opened polls on the participant's phone. Drafts are not shown. */
import { useTranslation } from "react-i18next";
import type { PollsApi } from "~/realtime/usePolls";
import { ParticipantPoll } from "./ParticipantPoll";

export function ParticipantPolls({ api, panelId }: { api: PollsApi; panelId: string | null }) {
  const { t } = useTranslation();
  const polls = api.polls.filter((p) => p.panelId === panelId && p.status !== "draft");
  return (
    <section className="stack" aria-labelledby="polls-heading" data-testid="participant-polls">
      <h2 id="polls-heading">{t("polls.heading")}</h2>
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
