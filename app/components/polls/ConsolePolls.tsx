/** The facilitator console's polls area: the current panel's polls with controls, and "Add a poll now". */
import { useTranslation } from "react-i18next";
import type { PollsApi } from "~/realtime/usePolls";
import { AddPollForm } from "./AddPollForm";
import { PollControls } from "./PollControls";

export function ConsolePolls({ api, panelId }: { api: PollsApi; panelId: string | null }) {
  const { t } = useTranslation();
  const polls = api.polls.filter((p) => p.panelId === panelId);
  return (
    <section className="stack" aria-labelledby="console-polls-heading" data-testid="console-polls">
      <h2 id="console-polls-heading">{t("polls.console.heading")}</h2>
      {polls.length === 0 ? <p className="muted">{t("polls.console.noPolls")}</p> : null}
      {polls.map((poll) => (
        <PollControls key={poll.id} poll={poll} api={api} />
      ))}
      {panelId ? <AddPollForm api={api} panelId={panelId} /> : null}
    </section>
  );
}
