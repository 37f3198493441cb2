/**
 * One panel in the agenda editor: move up/down (small POST forms, so it works without JavaScript),
 * edit link, and remove with a confirmation step (a link that reveals "Yes, remove").
 */
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

export interface AgendaRowPanel {
  id: string;
  title: string;
  durationMinutes: number;
  polls: number;
  prompts: number;
}

interface Props {
  panel: AgendaRowPanel;
  index: number;
  count: number;
  workshopId: string;
  confirming: boolean;
  busy: boolean;
}

function IntentButton({ intent, panelId, label, text, disabled, className = "button small secondary" }: {
  intent: string; panelId: string; label: string; text: string; disabled?: boolean; className?: string;
}) {
  return (
    <Form method="post" className="inline-form">
      <input type="hidden" name="panelId" value={panelId} />
      <button type="submit" name="intent" value={intent} className={className} aria-label={label} disabled={disabled}>
        {text}
      </button>
    </Form>
  );
}

export function AgendaRow({ panel, index, count, workshopId, confirming, busy }: Props) {
  const { t } = useTranslation();
  const name = { title: panel.title };
  return (
    <li className="agenda-item card">
      <span className="agenda-num" aria-hidden="true">
        {index + 1}
      </span>
      <div>
        <h2 className="h4">{panel.title}</h2>
        <p className="muted small">
          {t("common.minShort", { count: panel.durationMinutes })} · {t("organiser.agenda.prompts", { count: panel.prompts })} ·{" "}
          {t("organiser.overview.polls", { count: panel.polls })}
        </p>
        {confirming ? (
          <div className="notice error stack" role="alert">
            <p>{t("organiser.agenda.confirmRemove", name)}</p>
            <div className="actions">
              <IntentButton intent="remove" panelId={panel.id} label={t("organiser.agenda.confirmRemoveButton")} text={t("organiser.agenda.confirmRemoveButton")} className="button small danger" disabled={busy} />
              <Link to={`/workshops/${workshopId}/agenda`} className="button small secondary" preventScrollReset>
                {t("common.cancel")}
              </Link>
            </div>
          </div>
        ) : null}
      </div>
      <div className="actions agenda-actions">
        <IntentButton intent="move-up" panelId={panel.id} label={t("organiser.agenda.moveUp", name)} text="↑" disabled={index === 0 || busy} />
        <IntentButton intent="move-down" panelId={panel.id} label={t("organiser.agenda.moveDown", name)} text="↓" disabled={index === count - 1 || busy} />
        <Link to={`/workshops/${workshopId}/panels/${panel.id}`} className="button small secondary" aria-label={t("organiser.agenda.editLabel", name)}>
          {t("organiser.agenda.edit")}
        </Link>
        {confirming ? null : (
          <Link to={`?confirm=${panel.id}`} className="button small danger" aria-label={t("organiser.agenda.removeLabel", name)} preventScrollReset>
            {t("common.delete")}
          </Link>
        )}
      </div>
    </li>
  );
}
