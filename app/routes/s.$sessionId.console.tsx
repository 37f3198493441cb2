/**
 * Facilitator console: start/end the session, advance/rewind/jump panels with live timers, join
 * code/link/QR, the projector link and the live head-count. Commands go over Socket.io and are
 * acknowledged; a refused command shows why.
 */
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { AgendaTimeline } from "~/components/session/AgendaTimeline";
import { JoinInfo } from "~/components/session/JoinInfo";
import { ConnectionStatus, PanelContent } from "~/components/session/PanelView";
import { useServerNow, useSession } from "~/realtime/useSession";
import { ConsolePolls } from "~/components/polls/ConsolePolls";
import { OutcomeLinks } from "~/components/summary/OutcomeLinks";
import { QuestionModeration } from "~/components/polls/QuestionModeration";
import { usePolls } from "~/realtime/usePolls";
import pollStyles from "~/styles/polls.css";
import { joinLink, requireSessionStaff } from "~/utils/session-access.server";
import { qrDataUri } from "~/utils/qr.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: pollStyles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.state.title} — console · Roundtable` : "Roundtable" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { session, workshop } = await requireSessionStaff(request, context, params.sessionId!);
  const state = await context.services.realtime.sessionState(session.id);
  if (!state) throw new Response("Not found", { status: 404 });
  const joinUrl = joinLink(context, session.joinCode);
  const projectorUrl = `${context.services.publicUrl ?? ""}/s/${session.id}/projector?key=${encodeURIComponent(session.projectorKey)}`;
  return { state, joinUrl, projectorUrl, qr: await qrDataUri(joinUrl), workshopId: workshop.id };
}

export default function Console() {
  const { t } = useTranslation();
  const { state: initial, joinUrl, projectorUrl, qr, workshopId } = useLoaderData<typeof loader>();
  const live = useSession(initial);
  const { state, presence, connected } = live;
  const now = useServerNow(live.clockSkewMs);
  const polls = usePolls(live.socket, live.identity, { sessionId: initial.sessionId });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const panel = state.panels[state.currentPanelIndex];

  async function run(event: "session:start" | "session:end" | "panel:advance" | "panel:rewind" | "panel:goto", payload?: unknown) {
    setBusy(true);
    setError(null);
    const res = await live.send(event, payload ?? {});
    setBusy(false);
    if (!res.ok) {
      const key = `session.console.error.${res.error}`;
      setError(t(key, { defaultValue: t("session.console.error.generic") }));
    }
  }

  return (
    <div className="page stack">
      <div className="page-head">
        <div>
          <p className="muted small">
            <Link to={`/workshops/${workshopId}`}>{state.workshopTitle}</Link> · {t("session.console.title")}
          </p>
          <h1>{state.title}</h1>
        </div>
        <div className="row">
          <span className="badge" data-testid="status">
            {t(`session.status.${state.status}`)}
          </span>
          <span className="badge">{t(`common.rule.${state.rule}`)}</span>
          <span className="muted small" data-testid="presence">
            {t("session.console.participants", { count: presence?.connected ?? 0 })}
          </span>
          <ConnectionStatus connected={connected} />
        </div>
      </div>
      {error ? (
        <p className="notice error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="console-grid">
        <div className="stack">
          <section className="card stack" aria-labelledby="controls">
            <h2 id="controls" className="visually-hidden">
              {t("session.console.current")}
            </h2>
            {state.status === "live" && panel ? (
              <PanelContent panel={panel} index={state.currentPanelIndex} total={state.panels.length} />
            ) : null}
            <div className="actions console-actions">
              {state.status === "ready" ? (
                <button type="button" className="button big" onClick={() => run("session:start")} disabled={busy || !connected}>
                  {t("session.console.start")}
                </button>
              ) : null}
              {state.status === "live" ? (
                <>
                  <button type="button" className="button secondary arrow-back" onClick={() => run("panel:rewind")} disabled={busy || state.currentPanelIndex === 0}>
                    {t("session.console.previous")}
                  </button>
                  <button
                    type="button"
                    className="button arrow-forward"
                    onClick={() => run("panel:advance")}
                    disabled={busy || state.currentPanelIndex >= state.panels.length - 1}
                  >
                    {t("session.console.next")}
                  </button>
                  <button
                    type="button"
                    className="button danger"
                    onClick={() => {
                      if (window.confirm(t("session.console.endConfirm"))) void run("session:end");
                    }}
                    disabled={busy}
                  >
                    {t("session.console.end")}
                  </button>
                </>
              ) : null}
            </div>
          </section>
          {state.status === "live" ? <ConsolePolls api={polls} panelId={panel?.id ?? null} /> : null}
          <section aria-labelledby="agenda-heading" className="stack">
            <h2 id="agenda-heading">{t("session.console.agenda")}</h2>
            <AgendaTimeline state={state} now={now} busy={busy} onGoto={(index) => run("panel:goto", { index })} />
          </section>
        </div>
        <aside className="stack">
          {state.status === "ended" ? (
            <section className="card stack" aria-labelledby="outcome-heading" data-testid="outcome-links">
              <h2 id="outcome-heading">{t("summary.links.heading")}</h2>
              <p className="muted small">{t("summary.links.intro")}</p>
              <OutcomeLinks sessionId={state.sessionId} title={state.title} />
            </section>
          ) : null}
          <JoinInfo joinCode={state.joinCode} joinUrl={joinUrl} qr={qr} />
          <section className="card stack">
            <Link to={`/s/${state.sessionId}/notes`} className="button secondary" data-testid="notes-link">
              {t("notes.page.openNotes")}
            </Link>
            <p className="muted small">{t("notes.page.openNotesHint")}</p>
          </section>
          <section className="card stack">
            <a href={projectorUrl} target="_blank" rel="noreferrer" className="button secondary" data-testid="projector-link">
              {t("session.console.projector")}
            </a>
            <p className="muted small">{t("session.console.projectorHint")}</p>
          </section>
          {state.status === "live" ? <QuestionModeration api={polls} /> : null}
        </aside>
      </div>
    </div>
  );
}
