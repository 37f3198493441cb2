/** One-line status of the notes connection, announced politely to screen readers when it changes. */
import { useTranslation } from "react-i18next";
import type { LiveNotes } from "~/realtime/useNotes";

export function NotesStatus({ notes }: { notes: LiveNotes | null }) {
  const { t } = useTranslation();
  const key = !notes ? "loading" : notes.connection === "connected" && !notes.synced ? "connecting" : notes.connection;
  return (
    <p className={`notes-status notes-status-${key} small`} role="status" data-testid="notes-status" data-state={key}>
      {t(`notes.status.${key}`)}
    </p>
  );
}
