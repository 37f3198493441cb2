/**
 * Storage entry point: open the database with `createDatabase`, then build the stores with
 * `createStores`. Routes, socket handlers and services depend on the `Stores` interfaces only.
 */
import { generateJoinCode } from "../../app/domain/session";
import type { Storage } from "./db";
import type { Database } from "./schema";
import type { Kysely } from "kysely";
import { defaultNewId, inTransaction, type StoreContext } from "./stores/context";
import { createSettingsStore, type SettingsStore } from "./stores/settings";
import { createSessionStore, type SessionStore } from "./stores/sessions";
import { createTemplateStore, type TemplateStore } from "./stores/templates";
import { createUserStore, type UserStore } from "./stores/users";
import { createWorkshopStore, type WorkshopStore } from "./stores/workshops";
import { createPollStore, type PollStore } from "./stores/polls";
import { createQuestionStore, type QuestionStore } from "./stores/questions";
import { createSummaryStore, type SummaryStore } from "./stores/summaries";

export interface Stores {
  users: UserStore;
  settings: SettingsStore;
  templates: TemplateStore;
  workshops: WorkshopStore;
  sessions: SessionStore;
  /** Poll runs and responses (live polls). */
  polls: PollStore;
  /** Q&A questions and upvotes. */
  questions: QuestionStore;
  /** Summary draft (version 0) and immutable published versions. */
  summaries: SummaryStore;
  /**
   * Runs `fn` with stores bound to one transaction: all its writes commit together or not at all.
   * Store methods that use a transaction themselves join this one. Called inside a transaction, it joins it.
   * @example await stores.transaction(async (tx) => { await tx.sessions.updateState(id, patch); await tx.sessions.appendEvent(...); });
   */
  transaction<T>(fn: (tx: Stores) => Promise<T>): Promise<T>;
}

export interface StoreOptions {
  /** Clock in epoch ms (tests inject a fixed one). */
  now?: () => number;
  newId?: () => string;
  /** Join code generator (tests inject colliding ones). */
  joinCode?: () => string;
}

function build(db: Kysely<Database>, base: Omit<StoreContext, "db">): Stores {
  const ctx: StoreContext = { ...base, db };
  const stores: Stores = {
    users: createUserStore(ctx),
    settings: createSettingsStore(ctx),
    templates: createTemplateStore(ctx),
    workshops: createWorkshopStore(ctx),
    sessions: createSessionStore(ctx),
    polls: createPollStore(ctx),
    questions: createQuestionStore(ctx),
    summaries: createSummaryStore(ctx),
    transaction: (fn) => inTransaction(db, (tx) => fn(tx === db ? stores : build(tx, base))),
  };
  return stores;
}

/** Builds all stores over an open {@link Storage}. */
export function createStores(storage: Storage, opts: StoreOptions = {}): Stores {
  return build(storage.db, {
    dialect: storage.dialect,
    now: opts.now ?? Date.now,
    newId: opts.newId ?? defaultNewId,
    joinCode: opts.joinCode ?? (() => generateJoinCode()),
  });
}

export { createDatabase, migrate, isPostgresUrl, type Dialect, type Storage, type DatabaseOptions, type StorageLogger } from "./db";
export { ConflictError, ExpiredError, NotFoundError, guard, isForeignKeyViolation, isUniqueViolation, mapDbError } from "./errors";
export type { Database } from "./schema";
export type { UserStore } from "./stores/users";
export type { SettingsStore } from "./stores/settings";
export type { TemplateStore, TemplateRecord } from "./stores/templates";
export type { WorkshopStore } from "./stores/workshops";
export type { AgendaOps } from "./stores/agenda";
export type { MemberOps } from "./stores/members";
export type { SessionStore, SessionStatePatch } from "./stores/sessions";
export type { NewParticipant, ParticipantOps } from "./stores/participants";
export type { SessionEventOps } from "./stores/session-events";
export type { PollStore, PollRun, PollRunPatch, OwnResponse, ResponseWrite, ResponseWriteResult } from "./stores/polls";
export { responseCountOf } from "./stores/polls";
export type { QuestionStore, Question, QuestionStatus } from "./stores/questions";
export type { SummaryStore, SummaryRecord, Visibility, PublishedFilter, PublishedEntry } from "./stores/summaries";
