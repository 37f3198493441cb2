/** Staff accounts (organisers, facilitators, rapporteurs). Participants never have one. */
import type { User } from "../../../app/domain/workshop";
import { ConflictError, guard, isUniqueViolation } from "../errors";
import type { UsersTable } from "../schema";
import type { StoreContext } from "./context";

export interface UserStore {
  /**
   * Creates an account; the e-mail is trimmed and lower-cased.
   * @throws ConflictError (`unique`) when the e-mail is taken (case-insensitively).
   */
  create(input: { email: string; name: string; passwordHash: string }): Promise<User>;
  /** Case-insensitive lookup, with the password hash for verification. */
  findByEmail(email: string): Promise<(User & { passwordHash: string }) | null>;
  get(id: string): Promise<User | null>;
  /** Number of accounts (0 → first-run setup). */
  count(): Promise<number>;
}

const normaliseEmail = (email: string) => email.trim().toLowerCase();
const toUser = (r: Pick<UsersTable, "id" | "email" | "name" | "created_at">): User => ({
  id: r.id,
  email: r.email,
  name: r.name,
  createdAt: r.created_at,
});

export function createUserStore({ db, now, newId }: StoreContext): UserStore {
  return {
    async create({ email, name, passwordHash }) {
      const row = { id: newId(), email: normaliseEmail(email), name, password_hash: passwordHash, created_at: now() };
      try {
        await db.insertInto("users").values(row).execute();
      } catch (err) {
        if (isUniqueViolation(err)) throw new ConflictError(`e-mail ${row.email} is already registered`, "unique", err);
        throw err;
      }
      return toUser(row);
    },
    async findByEmail(email) {
      const r = await db.selectFrom("users").selectAll().where("email", "=", normaliseEmail(email)).executeTakeFirst();
      return r ? { ...toUser(r), passwordHash: r.password_hash } : null;
    },
    async get(id) {
      const r = await db.selectFrom("users").select(["id", "email", "name", "created_at"]).where("id", "=", id).executeTakeFirst();
      return r ? toUser(r) : null;
    },
    async count() {
      const r = await guard(db.selectFrom("users").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow());
      return Number(r.n);
    },
  };
}
