/**
 * Scrubber (`<input type="range">` with a label and aria-valuetext), play/pause, speed and markers.
 * Play-back advances the time every 250 ms of wall time by 250 ms × speed.
 */
import { useEffect, useId, useRef } from "react";
import { useTranslation } from "react-i18next";
import type { ReplayMarker } from "~/domain/replay";
import { formatDuration } from "~/components/session/AgendaTimeline";

export const SPEEDS = [1, 4, 16, 60] as const;
/** Play-back tick (ms of wall time): 4 requests/s at most, smooth enough for a clock display. */
const TICK_MS = 250;

export interface ReplayControlsProps {
  from: number;
  to: number;
  t: number;
  onSeek: (t: number) => void;
  playing: boolean;
  onPlaying: (playing: boolean) => void;
  speed: number;
  onSpeed: (speed: number) => void;
  markers: Array<ReplayMarker & { label: string }>;
  /** Formats epoch ms as a wall-clock time in the workshop's time zone. */
  formatTime: (ms: number) => string;
  timeZone: string;
}

export function ReplayControls(p: ReplayControlsProps) {
  const { t } = useTranslation();
  const id = useId();
  const { from, to, t: now, onSeek, playing, onPlaying, speed } = p;

  useEffect(() => {
    if (!playing) return;
    const timer = setInterval(() => {
      const next = Math.min(to, now + TICK_MS * speed);
      onSeek(next);
      if (next >= to) onPlaying(false);
    }, TICK_MS);
    return () => clearInterval(timer);
  }, [playing, speed, now, to, onSeek, onPlaying]);

  const span = Math.max(1, to - from);
  const valueText = t("replay.controls.valueText", { time: p.formatTime(now), elapsed: formatDuration(now - from) });
  return (
    <section className="card stack replay-controls" aria-label={t("replay.controls.label")}>
      <div className="row replay-buttons">
        <button type="button" className="button" onClick={() => onPlaying(!playing)} aria-pressed={playing} data-testid="replay-play">
          {playing ? t("replay.controls.pause") : t("replay.controls.play")}
        </button>
        <fieldset className="replay-speeds">
          <legend>{t("replay.controls.speed")}</legend>
          {SPEEDS.map((s) => (
            <label key={s} className="replay-speed">
              <input type="radio" name={`${id}-speed`} value={s} checked={speed === s} onChange={() => p.onSpeed(s)} />
              {t("replay.controls.speedValue", { speed: s })}
            </label>
          ))}
        </fieldset>
        <p className="replay-clock" aria-live="off" data-testid="replay-clock">
          <time dateTime={new Date(now).toISOString()}>{p.formatTime(now)}</time>
          <span className="muted small"> {t("replay.controls.timeZone", { zone: p.timeZone })}</span>
        </p>
      </div>
      <div className="replay-track">
        <label htmlFor={`${id}-scrubber`}>{t("replay.controls.scrubber")}</label>
        <div className="replay-ticks" aria-hidden="true">
          {p.markers.map((m, i) => (
            <Tick key={i} kind={m.kind} fraction={(m.at - from) / span} />
          ))}
        </div>
        {/*
          Whole seconds after the start, and the last step rounded UP: a range input snaps its value to
          min + k·step, so with epoch-ms bounds the end of a session that did not last whole seconds was
          unreachable (End stopped up to 999 ms before the session ended). Seeks are clamped to `to`.
        */}
        <input
          id={`${id}-scrubber`}
          type="range"
          min={0}
          max={Math.ceil((to - from) / 1000)}
          step={1}
          value={Math.round((now - from) / 1000)}
          aria-valuetext={valueText}
          onChange={(e) => onSeek(from + Number(e.currentTarget.value) * 1000)}
          data-testid="replay-scrubber"
        />
      </div>
      <details>
        <summary>{t("replay.markers.heading")}</summary>
        <ul className="plain replay-markers">
          {p.markers.map((m, i) => (
            <li key={i}>
              <button type="button" className="link-button" onClick={() => onSeek(m.at)}>
                <time dateTime={new Date(m.at).toISOString()}>{p.formatTime(m.at)}</time> {m.label}
              </button>
            </li>
          ))}
        </ul>
      </details>
    </section>
  );
}

/**
 * A marker tick placed at `fraction` of the track. Positioned through the CSSOM after mount, not a
 * `style` attribute: the CSP blocks server-rendered inline styles (as for ~/components/polls/results/Fill).
 */
function Tick({ kind, fraction }: { kind: ReplayMarker["kind"]; fraction: number }) {
  const ref = useRef<HTMLSpanElement>(null);
  const pct = `${Math.max(0, Math.min(1, fraction)) * 100}%`;
  useEffect(() => {
    if (ref.current) ref.current.style.insetInlineStart = pct;
  }, [pct]);
  return <span ref={ref} className={`replay-tick replay-tick-${kind}`} />;
}
