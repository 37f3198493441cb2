/**
 * Typed storage errors. Stores throw these (never raw driver errors) for the cases callers handle:
 * a missing row, a uniqueness/reference conflict, an expired token.
 */

/** A row the operation needs does not exist (e.g. `updatePanel` on an unknown panel id). */
export class NotFoundError extends Error {
  override readonly name = "NotFoundError";
  constructor(
    /** What was looked up, e.g. `"panel"`. */
    readonly entity: string,
    readonly id?: string,
  ) {
    super(id === undefined ? `${entity} not found` : `${entity} ${id} not found`);
  }
}

/**
 * The write conflicts with stored state: a unique key is taken (`kind: "unique"`), a row is still
 * referenced or references a missing row (`kind: "reference"`, a foreign key), or the row is in the
 * wrong state for it, e.g. an invitation already used (`kind: "state"`).
 */
export class ConflictError extends Error {
  override readonly name = "ConflictError";
  constructor(
    message: string,
    readonly kind: "unique" | "reference" | "state" = "unique",
    /** The underlying driver error, when there is one. */
    override readonly cause?: unknown,
  ) {
    super(message);
  }
}

/**
 * Something usable once (an invitation) can no longer be used: `reason` says why, `at` since when
 * (epoch ms). Thrown as {@link ExpiredError} or {@link RevokedError}, whose `name` callers test.
 */
export class NoLongerValidError extends Error {
  constructor(
    /** What it is, e.g. `"invitation"`. */
    readonly entity: string,
    readonly reason: "expired" | "revoked",
    readonly at: number,
  ) {
    super(`${entity} ${reason}`);
  }
}

/** A time-limited thing (an invitation) is past its expiry (`at`). */
export class ExpiredError extends NoLongerValidError {
  override readonly name = "ExpiredError";
  constructor(entity: string, expiredAt: number) {
    super(entity, "expired", expiredAt);
  }
}

/** An invitation an organiser revoked (`at`) before it was used (S4). */
export class RevokedError extends NoLongerValidError {
  override readonly name = "RevokedError";
  constructor(entity: string, revokedAt: number) {
    super(entity, "revoked", revokedAt);
  }
}

const codeOf = (err: unknown): string | undefined =>
  typeof err === "object" && err !== null && "code" in err && typeof err.code === "string" ? err.code : undefined;

/**
 * True for a unique/primary-key violation: better-sqlite3 `SQLITE_CONSTRAINT_UNIQUE` /
 * `SQLITE_CONSTRAINT_PRIMARYKEY`, Postgres SQLSTATE 23505 (unique_violation).
 */
export function isUniqueViolation(err: unknown): boolean {
  const code = codeOf(err);
  return code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY" || code === "23505";
}

/** True for a foreign-key violation: `SQLITE_CONSTRAINT_FOREIGNKEY`, Postgres SQLSTATE 23503. */
export function isForeignKeyViolation(err: unknown): boolean {
  const code = codeOf(err);
  return code === "SQLITE_CONSTRAINT_FOREIGNKEY" || code === "23503";
}

/**
 * Maps driver constraint violations to {@link ConflictError}; returns any other error unchanged.
 * @param what short description used in the message, e.g. `"email already registered"`.
 */
export function mapDbError(err: unknown, what = "conflicts with stored data"): unknown {
  if (err instanceof ConflictError || err instanceof NotFoundError || err instanceof ExpiredError) return err;
  if (isUniqueViolation(err)) return new ConflictError(what, "unique", err);
  if (isForeignKeyViolation(err)) return new ConflictError(what, "reference", err);
  return err;
}

/**
 * Awaits a query (or a thunk returning one), rethrowing constraint violations as {@link ConflictError}
 * via {@link mapDbError}; other errors pass through.
 * @example await guard(db.insertInto("users").values(row).execute(), "email already registered")
 */
export async function guard<T>(query: Promise<T> | (() => Promise<T>), what?: string): Promise<T> {
  try {
    return await (typeof query === "function" ? query() : query);
  } catch (err) {
    throw mapDbError(err, what);
  }
}
