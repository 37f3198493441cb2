/**
 * One-line status of the notes connection, announced politely to screen readers when it changes.
 * Readers (`readOnly`) are never told their edits are "saved and shared": they see "live" instead.
 */
import { useTranslation } from "react-i18next";
import type { LiveNotes } from "~/realtime/useNotes";

export function NotesStatus({ notes, readOnly = false }: { notes: LiveNotes | null; readOnly?: boolean }) {
  const { t } = useTranslation();
  const base = !notes ? "loading" : notes.connection === "connected" && !notes.synced ? "connecting" : notes.connection;
  const key = readOnly && base === "connected" ? "live" : readOnly && base === "offline" ? "offlineReading" : base;
  return (
    <p className={`notes-status notes-status-${key} small`} role="status" data-testid="notes-status" data-state={key}>
      {t(`notes.status.${key}`)}
    </p>
  );
}
