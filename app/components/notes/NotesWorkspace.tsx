/**
 * The rapporteurs' notes workspace: pick the panel (following the facilitator's current panel unless
 * pinned), co-write its notes and key takeaways, see who edits what. Renders a placeholder until the
 * browser has opened the notes doc (nothing of TipTap or Yjs runs during SSR).
 * Once the session has ended the notes are frozen (the server refuses writes): everything is read-only
 * and a notice points to the summary draft. A server refusal (close 4403) also turns editing off.
 */
import { useEffect, useId, useState } from "react";
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { SessionStateView } from "~/domain/events";
import { useNotes } from "~/realtime/useNotes";
import { NotesEditor } from "./NotesEditor";
import { NotesPresence } from "./NotesPresence";
import { NotesStatus } from "./NotesStatus";
import { TakeawaysList } from "./TakeawaysList";

export function NotesWorkspace({ state, canWrite }: { state: SessionStateView; canWrite: boolean }) {
  const { t } = useTranslation();
  const frozen = state.status === "ended";
  const notes = useNotes(state.sessionId, { readOnly: !canWrite || frozen });
  // Writes are possible only while the session runs and the server has not refused them.
  const writable = canWrite && !frozen && notes?.connection !== "readOnly";
  const [follow, setFollow] = useState(true);
  const [pinned, setPinned] = useState(state.currentPanelIndex);
  const index = Math.min(follow ? state.currentPanelIndex : pinned, state.panels.length - 1);
  const panel = state.panels[index];
  const selectId = useId();
  const takeawaysHeadingId = useId();

  // Tell co-authors which panel we have open (presence list); the server adds our name and colour.
  useEffect(() => {
    if (notes && writable && panel) notes.awareness.setLocalStateField("panelId", panel.id);
  }, [notes, writable, panel?.id]);

  const panelTitle = (id: string) => state.panels.find((p) => p.id === id)?.title ?? "?";
  if (!panel) return null;

  return (
    <div className="notes-grid">
      <div className="stack">
        {frozen ? (
          <p className="notice" role="status" data-testid="notes-frozen">
            {t("notes.frozen.notice")} <Link to={`/s/${state.sessionId}/summary`}>{t("notes.frozen.summaryLink")}</Link>
          </p>
        ) : null}
        <div className="card notes-panel-picker row">
          <div className="field">
            <label htmlFor={selectId}>{t("notes.panel.choose")}</label>
            <select
              id={selectId}
              data-testid="notes-panel-select"
              value={index}
              onChange={(e) => {
                setPinned(Number(e.target.value));
                setFollow(false);
              }}
            >
              {state.panels.map((p, i) => (
                <option key={p.id} value={i}>
                  {i + 1}. {p.title}
                  {i === state.currentPanelIndex && state.status === "live" ? ` (${t("notes.panel.live")})` : ""}
                </option>
              ))}
            </select>
          </div>
          <button
            type="button"
            className="button small secondary"
            aria-pressed={follow}
            data-testid="notes-follow"
            aria-describedby={`${selectId}-follow-hint`}
            onClick={() => {
              setPinned(index);
              setFollow(!follow);
            }}
          >
            {t("notes.panel.follow")}
          </button>
          <span id={`${selectId}-follow-hint`} className="muted small">
            {t("notes.panel.followHint")}
          </span>
        </div>
        <section className="card stack" aria-labelledby="notes-heading">
          <div className="row spread">
            <h2 id="notes-heading">{t("notes.panel.notesHeading", { title: panel.title })}</h2>
            <NotesStatus notes={notes} readOnly={!canWrite || frozen} />
          </div>
          {notes ? (
            <NotesEditor
              key={panel.id}
              doc={notes.doc}
              panelId={panel.id}
              editable={writable}
              provider={notes.provider}
              label={t("notes.panel.notesLabel", { title: panel.title })}
            />
          ) : (
            <div className="notes-editor notes-placeholder" aria-busy="true" />
          )}
        </section>
        <section className="card stack" aria-labelledby={takeawaysHeadingId}>
          <h2 id={takeawaysHeadingId}>{t("notes.takeaways.heading")}</h2>
          {notes ? <TakeawaysList key={panel.id} doc={notes.doc} panelId={panel.id} editable={writable} headingId={takeawaysHeadingId} /> : null}
        </section>
      </div>
      <aside className="stack">{notes ? <NotesPresence awareness={notes.awareness} panelTitle={panelTitle} /> : null}</aside>
    </div>
  );
}
