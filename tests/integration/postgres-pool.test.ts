/**
 * Postgres ending the pool's idle connections (restart, failover, an admin's pg_terminate_backend):
 * pg reports it as a pool 'error' event, which crashes the process unless something listens. The
 * storage layer listens (server/storage/db.ts); these tests kill every other backend of the test
 * database from a separate admin client and check the process lives on and the next query works.
 */
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { createDatabase } from "../../server/storage";
import { freshPostgres, type FreshDatabase } from "../helpers/db";
import { waitFor } from "../helpers/app";
import { startServerProcess, type ServerProcess } from "../helpers/server-process";

/** Terminates every backend of the database at `url` except the admin client's own; returns how many. */
async function terminateOthers(url: string): Promise<number> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ killed: boolean }>(
      "SELECT pg_terminate_backend(pid) AS killed FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()",
    );
    return rows.filter((r) => r.killed).length;
  } finally {
    await admin.end();
  }
}

const dbs: FreshDatabase[] = [];
const processes: ServerProcess[] = [];
afterAll(async () => {
  for (const p of processes) await p.stop("SIGKILL");
  for (const d of dbs) await d.cleanup();
});

describe("Postgres idle connections ended by the server", () => {
  it("in process: the pool logs the loss, nothing throws, and the next query succeeds", async () => {
    const fresh = await freshPostgres();
    dbs.push(fresh);
    const warnings: string[] = [];
    const logger = { info: () => undefined, error: () => undefined, warn: (_o: object, msg?: string) => void warnings.push(msg ?? "") };
    const storage = await createDatabase({ databaseUrl: fresh.databaseUrl, sqlitePath: "unused", logger, poolSize: 4 });
    try {
      // Three overlapping queries leave three idle connections in the pool.
      await Promise.all([1, 2, 3].map(() => storage.db.selectNoFrom((eb) => eb.fn<number>("pg_sleep", [eb.val(0.05)]).as("x")).execute()));
      // The fresh-database handle keeps its own pool too; both lose their connections.
      expect(await terminateOthers(fresh.databaseUrl!)).toBeGreaterThanOrEqual(3);
      await waitFor(() => warnings.filter((w) => w === "postgres idle connection lost").length >= 3);
      const users = await storage.db.selectFrom("users").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
      expect(users.n).toBe(0);
    } finally {
      await storage.close();
    }
  });

  it("in a real server process: it keeps serving requests that read the database", async () => {
    const fresh = await freshPostgres();
    dbs.push(fresh);
    const server = await startServerProcess({ env: { DATABASE_URL: fresh.databaseUrl! } });
    processes.push(server);
    // GET /join looks the code up in the database: 302 to "unknown" when it works, 500 when it does not.
    const lookUp = async () => {
      const res = await fetch(`${server.baseUrl}/join?code=AAAAAA`, { redirect: "manual" });
      return [res.status, res.headers.get("location")];
    };
    const results = await Promise.all([1, 2, 3].map(lookUp));
    expect(results).toEqual(Array(3).fill([302, "/?error=unknown&code=AAAAAA"]));
    expect(await terminateOthers(fresh.databaseUrl!)).toBeGreaterThanOrEqual(1);
    await waitFor(() => server.output().includes("postgres idle connection lost"), 10_000);
    expect(server.child.exitCode, server.output()).toBeNull();
    expect(await lookUp()).toEqual([302, "/?error=unknown&code=AAAAAA"]);
    expect((await fetch(`${server.baseUrl}/healthz`)).status).toBe(200);
    expect(server.child.exitCode).toBeNull();
  }, 90_000);
});
