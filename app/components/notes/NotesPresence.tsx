/**
 * Who is editing which panel, from Yjs awareness (live room only: awareness is never stored). Names and
 * colours are the ones the server put in each peer's `user`; a peer is listed once it says which panel
 * it has open (read-only viewers publish nothing and are not listed).
 */
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Awareness } from "y-protocols/awareness";
import { CssomSpan } from "~/components/CssomSpan";

export interface PresenceEntry {
  clientId: number;
  name: string;
  color: string;
  panelId: string;
  self: boolean;
}

/** Awareness states with a `panelId`, sorted by name (stable order for screen readers). */
export function readPresence(awareness: Awareness): PresenceEntry[] {
  const out: PresenceEntry[] = [];
  awareness.getStates().forEach((state, clientId) => {
    const user = (state as { user?: { name?: unknown; color?: unknown } }).user;
    const panelId = (state as { panelId?: unknown }).panelId;
    if (typeof panelId !== "string") return;
    out.push({
      clientId,
      name: typeof user?.name === "string" ? user.name : "?",
      color: typeof user?.color === "string" ? user.color : "#4b5563",
      panelId,
      self: clientId === awareness.clientID,
    });
  });
  return out.sort((a, b) => a.name.localeCompare(b.name) || a.clientId - b.clientId);
}

export function NotesPresence({ awareness, panelTitle }: { awareness: Awareness; panelTitle: (panelId: string) => string }) {
  const { t } = useTranslation();
  const [entries, setEntries] = useState(() => readPresence(awareness));
  useEffect(() => {
    const refresh = () => setEntries(readPresence(awareness));
    refresh();
    awareness.on("change", refresh);
    return () => awareness.off("change", refresh);
  }, [awareness]);
  const others = entries.filter((e) => !e.self);
  return (
    <section className="card stack notes-presence" aria-labelledby="notes-presence-heading">
      <h2 id="notes-presence-heading">{t("notes.presence.heading")}</h2>
      {others.length === 0 ? <p className="muted small">{t("notes.presence.none")}</p> : null}
      <ul className="plain" data-testid="notes-presence">
        {entries.map((e) => (
          <li key={e.clientId} className="presence-entry">
            <CssomSpan className="presence-dot" css={{ "background-color": e.color }} />
            {/* Our own awareness `user` is set by the server for peers only, so "you" stands in for our name. */}
            {t("notes.presence.onPanel", { name: e.self ? t("notes.presence.you") : e.name, panel: panelTitle(e.panelId) })}
          </li>
        ))}
      </ul>
    </section>
  );
}
