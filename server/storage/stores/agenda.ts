/**
 * A workshop's agenda: panels (positions 0..n-1) and their polls. Every operation is one transaction
 * that first locks the workshop row (Postgres `FOR UPDATE`; SQLite serialises writers anyway), so
 * concurrent edits cannot interleave their renumbering.
 */
import type { PanelDefinition, PollDefinition } from "../../../app/domain/template";
import type { Panel, Poll } from "../../../app/domain/workshop";
import { ConflictError, guard, NotFoundError } from "../errors";
import type { Database, PanelsTable, PollsTable } from "../schema";
import { fromJson, inTransaction, type StoreContext } from "./context";
import type { Kysely } from "kysely";

export interface AgendaOps {
  /** Panels ordered by position, each with its polls ordered by position. Empty if none / unknown workshop. */
  getAgenda(workshopId: string): Promise<Panel[]>;
  getPanel(panelId: string): Promise<Panel | null>;
  /**
   * Inserts a panel at `atPosition` (clamped to 0..n; default: the end) and shifts later panels.
   * @throws NotFoundError (unknown workshop); ConflictError (`unique`) when the panel key or a poll key is already on the agenda.
   */
  addPanel(workshopId: string, panel: PanelDefinition, atPosition?: number): Promise<Panel>;
  /**
   * Replaces a panel's content and polls. Polls whose key is unchanged keep their id (poll runs and
   * responses point at it); polls with new keys get new ids; polls whose key disappeared are deleted.
   * @throws NotFoundError; ConflictError (`unique`) on key clashes, (`reference`) when a removed poll already has runs.
   */
  updatePanel(panelId: string, panel: PanelDefinition): Promise<Panel>;
  /** Deletes the panel and its polls and renumbers the rest. @throws NotFoundError; ConflictError (`reference`) when a poll has runs. */
  removePanel(panelId: string): Promise<void>;
  /** Moves a panel to `toPosition` (clamped to 0..n-1) and renumbers 0..n-1. Returns the new agenda. @throws NotFoundError */
  movePanel(panelId: string, toPosition: number): Promise<Panel[]>;
}

type Db = Kysely<Database>;

const toPoll = (r: PollsTable): Poll => ({ ...fromJson<PollDefinition>(r.definition), id: r.id, panelId: r.panel_id, position: r.position });
const toPanel = (r: PanelsTable, polls: Poll[]): Panel => ({
  id: r.id,
  workshopId: r.workshop_id,
  position: r.position,
  key: r.key,
  title: r.title,
  framing: r.framing,
  prompts: fromJson<string[]>(r.prompts),
  durationMinutes: r.duration_minutes,
  polls,
});

export const pollRow = (id: string, panelId: string, workshopId: string, position: number, def: PollDefinition): PollsTable => ({
  id,
  panel_id: panelId,
  workshop_id: workshopId,
  position,
  key: def.key,
  kind: def.kind,
  question: def.question,
  visibility: def.visibility,
  definition: JSON.stringify(def),
});

const panelFields = (def: PanelDefinition) => ({
  key: def.key,
  title: def.title,
  framing: def.framing,
  prompts: JSON.stringify(def.prompts),
  duration_minutes: def.durationMinutes,
});

/** Inserts a panel row and its polls (no checks; callers hold the workshop lock). */
export async function insertPanel(tx: Db, newId: () => string, workshopId: string, def: PanelDefinition, position: number) {
  const id = newId();
  await tx.insertInto("panels").values({ id, workshop_id: workshopId, position, ...panelFields(def) }).execute();
  if (def.polls.length) {
    await tx.insertInto("polls").values(def.polls.map((p, i) => pollRow(newId(), id, workshopId, i, p))).execute();
  }
  return id;
}

async function loadPanels(db: Db, where: { workshopId?: string; panelId?: string }): Promise<Panel[]> {
  let pq = db.selectFrom("panels").selectAll();
  if (where.workshopId) pq = pq.where("workshop_id", "=", where.workshopId);
  if (where.panelId) pq = pq.where("id", "=", where.panelId);
  const panels = await pq.orderBy("position").orderBy("id").execute();
  if (!panels.length) return [];
  const polls = await db
    .selectFrom("polls")
    .selectAll()
    .where("panel_id", "in", panels.map((p) => p.id))
    .orderBy("position")
    .execute();
  return panels.map((p) => toPanel(p, polls.filter((q) => q.panel_id === p.id).map(toPoll)));
}

async function renumber(tx: Db, orderedIds: string[], current: Map<string, number>) {
  for (const [i, id] of orderedIds.entries()) {
    if (current.get(id) !== i) await tx.updateTable("panels").set({ position: i }).where("id", "=", id).execute();
  }
}

export function createAgendaOps({ db, dialect, newId }: StoreContext): AgendaOps {
  /** Row lock on the workshop so concurrent agenda edits serialise on Postgres. */
  const lockWorkshop = async (tx: Db, workshopId: string) => {
    const row = await tx
      .selectFrom("workshops")
      .select("id")
      .where("id", "=", workshopId)
      .$if(dialect === "postgres", (q) => q.forUpdate())
      .executeTakeFirst();
    if (!row) throw new NotFoundError("workshop", workshopId);
  };
  const panelRow = async (tx: Db, panelId: string) => {
    const row = await tx.selectFrom("panels").select(["id", "workshop_id"]).where("id", "=", panelId).executeTakeFirst();
    if (!row) throw new NotFoundError("panel", panelId);
    await lockWorkshop(tx, row.workshop_id);
    return row;
  };
  /** Friendly check before the database's unique constraints (which remain the backstop). */
  const assertKeysFree = async (tx: Db, workshopId: string, def: PanelDefinition, exceptPanelId: string | null) => {
    const panel = await tx
      .selectFrom("panels")
      .select("id")
      .where("workshop_id", "=", workshopId)
      .where("key", "=", def.key)
      .$if(exceptPanelId !== null, (q) => q.where("id", "!=", exceptPanelId!))
      .executeTakeFirst();
    if (panel) throw new ConflictError(`panel key "${def.key}" is already on this agenda`, "unique");
    if (!def.polls.length) return;
    const clash = await tx
      .selectFrom("polls")
      .select("key")
      .where("workshop_id", "=", workshopId)
      .where("key", "in", def.polls.map((p) => p.key))
      .$if(exceptPanelId !== null, (q) => q.where("panel_id", "!=", exceptPanelId!))
      .executeTakeFirst();
    if (clash) throw new ConflictError(`poll key "${clash.key}" is already used on this agenda`, "unique");
  };
  const ordered = (tx: Db, workshopId: string) =>
    tx.selectFrom("panels").select(["id", "position"]).where("workshop_id", "=", workshopId).orderBy("position").orderBy("id").execute();

  return {
    getAgenda: (workshopId) => loadPanels(db, { workshopId }),
    getPanel: async (panelId) => (await loadPanels(db, { panelId }))[0] ?? null,

    addPanel: (workshopId, def, atPosition) =>
      guard(() =>
        inTransaction(db, async (tx) => {
          await lockWorkshop(tx, workshopId);
          await assertKeysFree(tx, workshopId, def, null);
          const rows = await ordered(tx, workshopId);
          const pos = Math.min(Math.max(Math.trunc(atPosition ?? rows.length), 0), rows.length);
          await renumber(tx, rows.map((r) => r.id), new Map(rows.map((r) => [r.id, r.position])));
          await tx.updateTable("panels").set((eb) => ({ position: eb("position", "+", 1) })).where("workshop_id", "=", workshopId).where("position", ">=", pos).execute();
          const id = await insertPanel(tx, newId, workshopId, def, pos);
          return (await loadPanels(tx, { panelId: id }))[0];
        }),
      ),

    updatePanel: (panelId, def) =>
      guard(() =>
        inTransaction(db, async (tx) => {
          const { workshop_id: workshopId } = await panelRow(tx, panelId);
          await assertKeysFree(tx, workshopId, def, panelId);
          await tx.updateTable("panels").set(panelFields(def)).where("id", "=", panelId).execute();
          const existing = await tx.selectFrom("polls").select(["id", "key"]).where("panel_id", "=", panelId).execute();
          const idByKey = new Map(existing.map((p) => [p.key, p.id]));
          const keep = new Set(def.polls.map((p) => p.key));
          const gone = existing.filter((p) => !keep.has(p.key)).map((p) => p.id);
          if (gone.length) await tx.deleteFrom("polls").where("id", "in", gone).execute();
          for (const [i, poll] of def.polls.entries()) {
            const id = idByKey.get(poll.key);
            const row = pollRow(id ?? newId(), panelId, workshopId, i, poll);
            if (id) await tx.updateTable("polls").set(row).where("id", "=", id).execute();
            else await tx.insertInto("polls").values(row).execute();
          }
          return (await loadPanels(tx, { panelId }))[0];
        }),
      ),

    removePanel: (panelId) =>
      guard(() =>
        inTransaction(db, async (tx) => {
          const { workshop_id: workshopId } = await panelRow(tx, panelId);
          await tx.deleteFrom("panels").where("id", "=", panelId).execute();
          const rows = await ordered(tx, workshopId);
          await renumber(tx, rows.map((r) => r.id), new Map(rows.map((r) => [r.id, r.position])));
        }),
      ),

    movePanel: (panelId, toPosition) =>
      guard(() =>
        inTransaction(db, async (tx) => {
          const { workshop_id: workshopId } = await panelRow(tx, panelId);
          const rows = await ordered(tx, workshopId);
          const ids = rows.map((r) => r.id).filter((id) => id !== panelId);
          ids.splice(Math.min(Math.max(Math.trunc(toPosition), 0), ids.length), 0, panelId);
          await renumber(tx, ids, new Map(rows.map((r) => [r.id, r.position])));
          return loadPanels(tx, { workshopId });
        }),
      ),
  };
}
