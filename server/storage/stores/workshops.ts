/** Workshops: creation from a template (copying its agenda), edits, agenda, members and invitations. */
import type { Template } from "../../../app/domain/template";
import type { MemberRole, Rule, Workshop, WorkshopFields } from "../../../app/domain/workshop";
import { ConflictError, guard, NotFoundError } from "../errors";
import type { WorkshopsTable } from "../schema";
import { createAgendaOps, insertPanel, type AgendaOps } from "./agenda";
import { inTransaction, type StoreContext } from "./context";
import { createMemberOps, type MemberOps } from "./members";

export interface WorkshopStore extends AgendaOps, MemberOps {
  /**
   * Creates a workshop in one transaction: its row, a copy of the template's panels and polls
   * (positions 0..n-1, new ids) and the creator as `organiser`. `template` null → empty agenda.
   * @throws ConflictError (`reference`) when `createdBy` or `template.id` does not exist.
   */
  createFromTemplate(fields: WorkshopFields, template: { id: string; body: Template } | null, createdBy: string): Promise<Workshop>;
  get(id: string): Promise<Workshop | null>;
  /** Workshops where the user is a member, with their role; newest start date first. */
  listForUser(userId: string): Promise<Array<Workshop & { role: MemberRole }>>;
  /**
   * Changes the given fields. The rule is fixed once {@link WorkshopStore.ruleLocked} (B16): people
   * consented under the rule in force (DESIGN.md, the Chatham House guarantee).
   * @throws NotFoundError; ConflictError (`state`) when `fields.rule` would change a locked rule
   * (nothing is written then, not even the other fields).
   */
  update(id: string, fields: Partial<WorkshopFields>): Promise<Workshop>;
  /**
   * True once any session of the workshop has started, or anyone has joined one as a participant or
   * observer (they saw and accepted the rule on the join page): from then on the rule cannot change.
   */
  ruleLocked(workshopId: string): Promise<boolean>;
}

const toWorkshop = (r: WorkshopsTable): Workshop => ({
  id: r.id,
  templateId: r.template_id,
  title: r.title,
  region: r.region,
  timeZone: r.time_zone,
  startsOn: r.starts_on,
  endsOn: r.ends_on,
  rule: r.rule as Rule,
  minCellSize: r.min_cell_size,
  createdBy: r.created_by,
  createdAt: r.created_at,
});

function fieldColumns(f: Partial<WorkshopFields>): Partial<WorkshopsTable> {
  const cols: Partial<WorkshopsTable> = {};
  if (f.title !== undefined) cols.title = f.title;
  if (f.region !== undefined) cols.region = f.region;
  if (f.timeZone !== undefined) cols.time_zone = f.timeZone;
  if (f.startsOn !== undefined) cols.starts_on = f.startsOn;
  if (f.endsOn !== undefined) cols.ends_on = f.endsOn;
  if (f.rule !== undefined) cols.rule = f.rule;
  if (f.minCellSize !== undefined) cols.min_cell_size = f.minCellSize;
  return cols;
}

export function createWorkshopStore(ctx: StoreContext): WorkshopStore {
  const { db, now, newId } = ctx;
  const get = async (id: string, q = db) => {
    const r = await q.selectFrom("workshops").selectAll().where("id", "=", id).executeTakeFirst();
    return r ? toWorkshop(r) : null;
  };
  const ruleLocked = async (workshopId: string, q = db) => {
    const started = await q
      .selectFrom("sessions")
      .select("id")
      .where("workshop_id", "=", workshopId)
      .where("started_at", "is not", null)
      .limit(1)
      .executeTakeFirst();
    if (started) return true;
    const joined = await q
      .selectFrom("participants as p")
      .innerJoin("sessions as s", "s.id", "p.session_id")
      .select("p.id")
      .where("s.workshop_id", "=", workshopId)
      .where("p.role", "in", ["participant", "observer"])
      .limit(1)
      .executeTakeFirst();
    return joined !== undefined;
  };
  /**
   * Postgres only: makes the rule check below and a concurrent session start or join take turns.
   * Under READ COMMITTED the check alone could read "not started" while a start is in flight, and
   * both would commit. `FOR UPDATE` (not `FOR NO KEY UPDATE`) on the workshop row conflicts with the
   * key-share lock a new session's foreign key takes; on the workshop's sessions it conflicts with a
   * start's row update and with a joining participant's foreign key. Whoever locks second waits for
   * the other to commit and then (READ COMMITTED: each statement sees the latest commits) sees its
   * result. Lock order workshop → sessions; starts and joins never lock a workshop row for update.
   * SQLite needs none of this: one connection runs one transaction at a time.
   */
  const lockAgainstSessionStart = async (tx: typeof db, workshopId: string) => {
    await tx.selectFrom("workshops").select("id").where("id", "=", workshopId).forUpdate().execute();
    await tx.selectFrom("sessions").select("id").where("workshop_id", "=", workshopId).forUpdate().execute();
  };
  return {
    ...createAgendaOps(ctx),
    ...createMemberOps(ctx),
    createFromTemplate: (fields, template, createdBy) =>
      guard(() =>
        inTransaction(db, async (tx) => {
          const row: WorkshopsTable = {
            id: newId(),
            template_id: template?.id ?? null,
            title: fields.title,
            region: fields.region,
            time_zone: fields.timeZone,
            starts_on: fields.startsOn,
            ends_on: fields.endsOn,
            rule: fields.rule,
            min_cell_size: fields.minCellSize,
            created_by: createdBy,
            created_at: now(),
          };
          await tx.insertInto("workshops").values(row).execute();
          await tx.insertInto("workshop_members").values({ workshop_id: row.id, user_id: createdBy, role: "organiser" }).execute();
          for (const [i, panel] of (template?.body.panels ?? []).entries()) await insertPanel(tx, newId, row.id, panel, i);
          return toWorkshop(row);
        }),
      ),
    get: (id) => get(id),
    async listForUser(userId) {
      const rows = await db
        .selectFrom("workshops as w")
        .innerJoin("workshop_members as m", "m.workshop_id", "w.id")
        .selectAll("w")
        .select("m.role as member_role")
        .where("m.user_id", "=", userId)
        .orderBy("w.starts_on", "desc")
        .orderBy("w.created_at", "desc")
        .execute();
      return rows.map(({ member_role, ...r }) => ({ ...toWorkshop(r), role: member_role as MemberRole }));
    },
    update: (id, fields) =>
      inTransaction(db, async (tx) => {
        if (fields.rule !== undefined && ctx.dialect === "postgres") await lockAgainstSessionStart(tx, id);
        const current = await get(id, tx);
        if (!current) throw new NotFoundError("workshop", id);
        if (fields.rule !== undefined && fields.rule !== current.rule && (await ruleLocked(id, tx))) {
          throw new ConflictError("the rule cannot change once a session has started or someone has joined", "state");
        }
        const cols = fieldColumns(fields);
        if (Object.keys(cols).length) await tx.updateTable("workshops").set(cols).where("id", "=", id).execute();
        return (await get(id, tx))!;
      }),
    ruleLocked: (workshopId) => ruleLocked(workshopId),
  };
}
