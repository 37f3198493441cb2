/**
 * Facilitator console: start/end the session, advance/rewind/jump panels with live timers, join
 * code/link/QR, the projector link and the live head-count. Commands go over Socket.io and are
 * acknowledged; a refused command shows why.
 *
 * Focus: buttons are aria-disabled, not disabled, while a command runs (disabling the focused
 * button drops focus to <body>); when a command's button goes away with the new state (Start,
 * End, Previous on the first panel), focus moves to the next sensible control. Ending asks in
 * an accessible dialog (ConfirmDialog), not window.confirm().
 */
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { useConfirm } from "~/components/ConfirmDialog";
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
import { pageTitle } from "~/utils/meta";
import { httpError } from "~/utils/errors.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: pollStyles }];
export const meta: MetaFunction<typeof loader> = (args) => pageTitle(args, (t) => (args.data ? t("session.console.metaTitle", { title: args.data.state.title }) : null));

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { session, workshop } = await requireSessionStaff(request, context, params.sessionId!);
  const state = await context.services.realtime.sessionState(session.id);
  if (!state) throw httpError(request, 404);
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
  const { confirm, dialog } = useConfirm();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const nextRef = useRef<HTMLButtonElement>(null);
  const prevRef = useRef<HTMLButtonElement>(null);
  // Set while a command runs; the state it brings then rescues focus if the button went away.
  const rescueFocus = useRef(false);
  const focusAfterChange = () => {
    const candidates = [nextRef.current, prevRef.current].filter((b): b is HTMLButtonElement => b !== null && !b.disabled);
    const target = candidates[0] ?? headingRef.current;
    if (!target) return;
    // Focus moved by script after the focused button went away gets no :focus-visible in
    // Chromium; this marker (app.css) keeps its ring for the keyboard user until it blurs.
    target.dataset.focusRescued = "";
    target.addEventListener("blur", () => delete target.dataset.focusRescued, { once: true });
    target.focus();
  };
  useEffect(() => {
    if (!rescueFocus.current) return;
    rescueFocus.current = false;
    if (!document.activeElement || document.activeElement === document.body) focusAfterChange();
  }, [state.status, state.currentPanelIndex]);

  async function endSession() {
    const ok = await confirm({
      title: t("session.console.end"),
      message: t("session.console.endConfirm"),
      confirm: t("session.console.end"),
      danger: true,
      // Ended, the controls go away: the page heading takes focus.
      focusAfter: (ok) => (ok ? headingRef.current : null),
    });
    if (ok) await run("session:end");
  }

  async function run(event: "session:start" | "session:end" | "panel:advance" | "panel:rewind" | "panel:goto", payload?: unknown) {
    if (busy) return;
    setBusy(true);
    setError(null);
    rescueFocus.current = true;
    const res = await live.send(event, payload ?? {});
    setBusy(false);
    if (!res.ok) {
      rescueFocus.current = false;
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
          <h1 ref={headingRef} tabIndex={-1}>
            {state.title}
          </h1>
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
          {/* Ended: nothing is left to control, so the first card holds the outcome (the controls card was left empty). */}
          {state.status === "ended" ? (
            <section className="card stack" aria-labelledby="outcome-heading" data-testid="outcome-links">
              <h2 id="outcome-heading">{t("summary.links.heading")}</h2>
              <p className="muted small">{t("summary.links.intro")}</p>
              <OutcomeLinks sessionId={state.sessionId} title={state.title} />
            </section>
          ) : (
            <section className="card stack" aria-labelledby="controls">
              <h2 id="controls" className="visually-hidden">
                {t("session.console.current")}
              </h2>
              {state.status === "live" && panel ? (
                <PanelContent panel={panel} index={state.currentPanelIndex} total={state.panels.length} />
              ) : null}
              <div className="actions console-actions">
                {state.status === "ready" ? (
                  <button type="button" className="button big" onClick={() => run("session:start")} aria-disabled={busy || undefined} disabled={!connected}>
                    {t("session.console.start")}
                  </button>
                ) : null}
                {state.status === "live" ? (
                  <>
                    <button ref={prevRef} type="button" className="button secondary arrow-back" onClick={() => run("panel:rewind")} aria-disabled={busy || undefined} disabled={state.currentPanelIndex === 0}>
                      {t("session.console.previous")}
                    </button>
                    <button
                      ref={nextRef}
                      type="button"
                      className="button arrow-forward"
                      onClick={() => run("panel:advance")}
                      aria-disabled={busy || undefined}
                      disabled={state.currentPanelIndex >= state.panels.length - 1}
                    >
                      {t("session.console.next")}
                    </button>
                    <button type="button" className="button danger" onClick={() => void endSession()} aria-disabled={busy || undefined}>
                      {t("session.console.end")}
                    </button>
                  </>
                ) : null}
              </div>
            </section>
          )}
          {dialog}
          {state.status === "live" ? <ConsolePolls api={polls} panelId={panel?.id ?? null} /> : null}
          <section aria-labelledby="agenda-heading" className="stack">
            <h2 id="agenda-heading">{t("session.console.agenda")}</h2>
            <AgendaTimeline state={state} now={now} busy={busy} onGoto={(index) => run("panel:goto", { index })} />
          </section>
        </div>
        <aside className="stack">
          {/* After the end there is nothing to join: no code, QR code or "How to join" (as on the projector). */}
          {state.status === "ended" ? null : <JoinInfo joinCode={state.joinCode} joinUrl={joinUrl} qr={qr} />}
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
