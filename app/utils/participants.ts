/** Cookie bookkeeping for joined sessions (browser-safe copy of the server rule). */

/** At most this many joined sessions are remembered: keeps the cookie far below the 4 KB browser limit. */
export const MAX_REMEMBERED_SESSIONS = 20;

/** Adds `sessionId → participantId`, dropping the oldest entries past the cap. */
export function rememberParticipant(data: Record<string, string> | undefined, sessionId: string, participantId: string) {
  const entries = Object.entries(data ?? {}).filter(([s]) => s !== sessionId);
  entries.push([sessionId, participantId]);
  return Object.fromEntries(entries.slice(-MAX_REMEMBERED_SESSIONS));
}
