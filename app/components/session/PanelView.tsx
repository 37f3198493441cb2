/**
 * The current panel's title, framing and prompts, as participants and the projector show it. A
 * panel change is announced by a short polite status ("Panel 2 of 6: title"), not by reading the
 * whole panel again (QA finding A2).
 */
import { useTranslation } from "react-i18next";
import type { PanelView as Panel } from "~/domain/events";

export function PanelContent({ panel, index, total, headingLevel = 2 }: { panel: Panel; index: number; total: number; headingLevel?: 1 | 2 }) {
  const { t } = useTranslation();
  const Heading = headingLevel === 1 ? "h1" : "h2";
  // One level below the title: an h3 under the phone's and projector's h1 skipped a level.
  const Sub = headingLevel === 1 ? "h2" : "h3";
  return (
    <section className="panel-view" data-testid="current-panel" data-panel-index={index}>
      <p className="visually-hidden" role="status" data-testid="panel-announcement">
        {t("session.participant.panelAnnounce", { current: index + 1, total, title: panel.title })}
      </p>
      <p className="muted small panel-count">{t("session.participant.panelOf", { current: index + 1, total })}</p>
      <Heading>{panel.title}</Heading>
      <p className="framing">{panel.framing}</p>
      <Sub className="visually-hidden">{t("session.participant.prompts")}</Sub>
      <ul className="prompts">
        {panel.prompts.map((prompt, i) => (
          <li key={i}>{prompt}</li>
        ))}
      </ul>
    </section>
  );
}

/** Connection indicator; announced to screen readers when it changes. */
export function ConnectionStatus({ connected }: { connected: boolean }) {
  const { t } = useTranslation();
  return (
    <span className={`live-status${connected ? "" : " offline"}`} role="status" data-testid="connection">
      {connected ? t("common.connection.online") : t("common.connection.offline")}
    </span>
  );
}
