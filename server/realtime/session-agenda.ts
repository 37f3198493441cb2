/**
 * The agenda part of a session's room state (workshop title, rule, the session's panels), cached per
 * session so that `session:sync` and a crowd connecting at once cost two cheap reads (the session
 * row and its last event number), not a read of the whole agenda each. Agenda and workshop edits go
 * through {@link watchAgendaEdits}, which empties the cache after they commit.
 *
 * Single-process assumption (as polls-cache.ts): with several instances an edit made on one would
 * need a `serverSideEmit` to clear the others.
 */
import type { SessionStateView } from "../../app/domain/events";
import type { Stores } from "../storage";

/** What a session's state takes from its workshop and agenda (no names, no run state). */
export type SessionAgenda = Pick<SessionStateView, "workshopTitle" | "rule" | "panels">;

export interface SessionAgendaCache {
  /**
   * The agenda of `session` (its workshop and the panels it runs, in session order), loaded on first use.
   * Null when the workshop does not exist (not cached).
   */
  get(session: { id: string; workshopId: string; panelIds: string[] }): Promise<SessionAgenda | null>;
  /** Forgets every cached agenda (after any agenda or workshop edit). */
  clear(): void;
}

export function createSessionAgendaCache(stores: Stores): SessionAgendaCache {
  const entries = new Map<string, { key: string; agenda: Promise<SessionAgenda | null> }>();

  async function load(workshopId: string, panelIds: string[]): Promise<SessionAgenda | null> {
    const [workshop, agenda] = await Promise.all([stores.workshops.get(workshopId), stores.workshops.getAgenda(workshopId)]);
    if (!workshop) return null;
    const byId = new Map(agenda.map((p) => [p.id, p]));
    const panels = panelIds.flatMap((id) => {
      const p = byId.get(id);
      return p ? [{ id: p.id, title: p.title, framing: p.framing, prompts: p.prompts, durationMinutes: p.durationMinutes }] : [];
    });
    return { workshopTitle: workshop.title, rule: workshop.rule, panels };
  }

  return {
    get(session) {
      const key = `${session.workshopId}|${session.panelIds.join(",")}`;
      const hit = entries.get(session.id);
      if (hit && hit.key === key) return hit.agenda;
      const entry = { key, agenda: load(session.workshopId, session.panelIds) };
      entries.set(session.id, entry);
      // A failed or missing load is not kept. An edit during a load empties the map, so an old agenda is not kept either.
      const drop = () => entries.get(session.id) === entry && entries.delete(session.id);
      entry.agenda.then((a) => a === null && drop(), drop);
      return entry.agenda;
    },
    clear: () => entries.clear(),
  };
}

const AGENDA_EDITS = ["update", "addPanel", "updatePanel", "removePanel", "movePanel"] as const;

/**
 * `stores` whose workshop and agenda edits call `onEdit` once they are committed: at once outside a
 * transaction, after the outermost `transaction` resolves inside one (a reader in between would
 * otherwise cache the old agenda again).
 */
export function watchAgendaEdits(stores: Stores, onEdit: () => void): Stores {
  const wrap = (s: Stores, notify: () => void): Stores => {
    const workshops = { ...s.workshops };
    for (const name of AGENDA_EDITS) {
      const edit = s.workshops[name] as (...args: unknown[]) => Promise<unknown>;
      (workshops as Record<string, unknown>)[name] = async (...args: unknown[]) => {
        const result = await edit(...args);
        notify();
        return result;
      };
    }
    return {
      ...s,
      workshops,
      async transaction(fn) {
        let edited = false;
        const result = await s.transaction((tx) => fn(wrap(tx, () => (edited = true))));
        if (edited) notify();
        return result;
      },
    };
  };
  return wrap(stores, onEdit);
}
