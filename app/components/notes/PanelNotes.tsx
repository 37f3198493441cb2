/**
 * The current panel's notes and takeaways for the participant view: read-only (or writable when the
 * facilitator opened the notes to everyone), live. Renders nothing on the server.
 */
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { useNotes } from "~/realtime/useNotes";
import { NotesEditor } from "./NotesEditor";
import { NotesStatus } from "./NotesStatus";
import { TakeawaysList } from "./TakeawaysList";

export function PanelNotes({ sessionId, panel, canWrite = false }: { sessionId: string; panel: { id: string; title: string }; canWrite?: boolean }) {
  const { t } = useTranslation();
  const notes = useNotes(sessionId, { readOnly: !canWrite });
  // The server may still refuse writes (close 4403, e.g. the facilitator closed the notes meanwhile).
  const writable = canWrite && notes?.connection !== "readOnly";
  const headingId = useId();
  const takeawaysId = useId();
  return (
    <section className="card stack participant-notes" aria-labelledby={headingId} data-testid="participant-notes">
      <h2 id={headingId}>{t("notes.participant.heading")}</h2>
      {writable ? null : <p className="muted small">{t("notes.participant.readOnly")}</p>}
      <NotesStatus notes={notes} readOnly={!canWrite} />
      {notes ? (
        <>
          <NotesEditor key={panel.id} doc={notes.doc} panelId={panel.id} editable={writable} provider={notes.provider} label={t("notes.panel.notesLabel", { title: panel.title })} />
          <h3 id={takeawaysId}>{t("notes.takeaways.heading")}</h3>
          <TakeawaysList key={`t-${panel.id}`} doc={notes.doc} panelId={panel.id} editable={writable} headingId={takeawaysId} />
        </>
      ) : null}
    </section>
  );
}
