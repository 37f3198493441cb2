/**
 * Replay of a session for its workshop's staff only (organiser, facilitator, rapporteur), whatever the
 * visibility of its published outcome: a scrubber over the session's time with markers, play/pause and
 * speed; each moment is fetched from `/s/:id/replay.json?t=` so only the state at that moment reaches
 * the browser.
 */
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useCallback, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { replayBounds, replayMoment, type ReplayMarker, type ReplayPort } from "~/domain/replay";
import { requireSessionStaff } from "~/utils/session-access.server";
import { ReplayControls } from "~/components/replay/ReplayControls";
import { ReplayNotes } from "~/components/replay/ReplayNotes";
import { ReplayPolls } from "~/components/replay/ReplayPolls";
import { ReplaySummary } from "~/components/replay/ReplaySummary";
import { useReplayMoment } from "~/components/replay/useReplayMoment";
import styles from "~/styles/replay.css";
import { pageTitle } from "~/utils/meta";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction<typeof loader> = (args) => pageTitle(args, (t) => (args.data ? t("replay.page.metaTitle", { title: args.data.title }) : null));

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { session, workshop } = await requireSessionStaff(request, context, params.sessionId!, ["organiser", "facilitator", "rapporteur"]);
  const base = { sessionId: session.id, title: session.title, workshopId: workshop.id, timeZone: workshop.timeZone, panelCount: session.panelIds.length };
  const replay: ReplayPort | undefined = context.services.replay;
  if (!replay) return { ...base, available: false as const, bounds: null, markers: [], initial: null };
  const agenda = await context.services.stores.workshops.getAgenda(workshop.id);
  const titles = new Map(agenda.map((p) => [p.id, p.title]));
  const timeline = await replay.timeline(session.id);
  const bounds = replayBounds(session, timeline, Date.now());
  const markers: ReplayMarker[] = (await replay.markers(session.id)).map((m) =>
    m.kind === "panel" ? { ...m, title: titles.get(session.panelIds[m.index] ?? "") ?? m.title } : m,
  );
  // Opening the page also loads the notes history once, so the first seek is fast.
  const initial = bounds ? await replayMoment(replay, session.id, bounds.from, titles) : null;
  return { ...base, available: true as const, bounds, markers, initial };
}

export default function Replay() {
  const data = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const from = data.bounds?.from ?? 0;
  const to = data.bounds?.to ?? 0;
  const [now, setNow] = useState(from);
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState(1);
  const { moment, loading, error } = useReplayMoment(data.sessionId, now, data.initial);
  const seek = useCallback((x: number) => setNow(Math.min(to, Math.max(from, x))), [from, to]);
  const format = useMemo(() => new Intl.DateTimeFormat(i18n.language, { timeZone: data.timeZone, hour: "2-digit", minute: "2-digit", second: "2-digit" }), [i18n.language, data.timeZone]);
  const formatTime = useCallback((ms: number) => format.format(ms), [format]);
  const markers = data.markers.map((m) => ({ ...m, label: markerLabel(m, t) }));

  return (
    <div className="page stack">
      <p>
        <Link to={`/workshops/${data.workshopId}`}>{t("replay.page.back")}</Link>
      </p>
      <h1>
        {t("replay.page.title", { title: data.title })}
      </h1>
      <p className="muted">{t("replay.page.intro")}</p>
      {/* Replay is staff-only (loader below and replay.json), so its notes are not run through the
          non-attribution check; published outcomes, which others can read, are. */}
      <p className="muted small" data-testid="replay-staff-only">
        {t("replay.page.staffOnly")}
      </p>
      {!data.available ? <p role="alert">{t("replay.page.unavailable")}</p> : null}
      {data.available && !data.bounds ? <p>{t("replay.page.empty")}</p> : null}
      {data.bounds ? (
        <>
          <ReplayControls
            from={from}
            to={to}
            t={now}
            onSeek={seek}
            playing={playing}
            onPlaying={setPlaying}
            speed={speed}
            onSpeed={setSpeed}
            markers={markers}
            formatTime={formatTime}
            timeZone={data.timeZone}
          />
          <p className="replay-status small" role="status">
            {error ? t("replay.controls.error") : loading ? t("replay.controls.loading") : ""}
          </p>
          {moment ? (
            <div className="replay-grid">
              <div className="stack">
                <ReplaySummary state={moment.state} panelCount={data.panelCount} />
                <ReplayNotes notes={moment.notes} />
              </div>
              <ReplayPolls polls={moment.state.polls} />
            </div>
          ) : null}
        </>
      ) : null}
    </div>
  );
}

function markerLabel(m: ReplayMarker, t: (key: string, opts?: Record<string, unknown>) => string): string {
  switch (m.kind) {
    case "session-started":
      return t("replay.markers.sessionStarted");
    case "session-ended":
      return t("replay.markers.sessionEnded");
    case "panel":
      return m.title ? t("replay.markers.panel", { number: m.index + 1, title: m.title }) : t("replay.markers.panelUntitled", { number: m.index + 1 });
    case "poll-opened":
      return t("replay.markers.pollOpened", { question: m.question ?? t("replay.markers.pollUnnamed") });
    case "poll-closed":
      return t("replay.markers.pollClosed", { question: m.question ?? t("replay.markers.pollUnnamed") });
  }
}
