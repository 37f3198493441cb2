/**
 * The per-session "notes open to everyone" flag, shared by the notes route (which sets it) and the Yjs
 * upgrade authorisation (which reads it). Stored in the settings table as "1"/absent: one O(1) read per
 * upgrade, where deriving it from the event log would scan the log on every connection.
 */

/** Settings key of the flag for `sessionId`. */
export const notesOpenToAllKey = (sessionId: string): string => `notes.open-to-all:${sessionId}`;
