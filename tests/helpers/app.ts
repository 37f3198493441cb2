/**
 * Starts a real Roundtable in-process on 127.0.0.1:0 with a fresh SQLite file (or a Postgres URL),
 * plus helpers to sign a cookie and to make the usual fixtures through the real stores.
 * Needs the Remix build (`npm run build`), which `npm test` makes first.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { io as ioClient, type Socket } from "socket.io-client";
import { afterAll, beforeAll } from "vitest";
import { parseEnv } from "../../server/config/env";
import { createLogger } from "../../server/config/logger";
import { createRoundtable, type Roundtable } from "../../server/app";
import type { ClientToServerEvents, ServerToClientEvents } from "../../app/domain/events";

export interface TestApp {
  app: Roundtable;
  baseUrl: string;
  close(): Promise<void>;
  /** The app's data directory (SQLite file, secret); removed by `close()`. */
  dataDir: string;
  /** A `Cookie` header value signed like the app's own, holding `data`. */
  cookieFor(data: { userId?: string; participants?: Record<string, string> }): Promise<string>;
  /** Creates an organiser account and a workshop from the seeded template; returns ids. */
  makeWorkshop(opts?: { email?: string }): Promise<{ userId: string; workshopId: string; panelIds: string[]; cookie: string }>;
  /** Connects a Socket.io client (websocket transport) and waits for the first state (or a connect error). */
  connect(opts: { sessionId: string; cookie?: string; projectorKey?: string }): Promise<TestSocket>;
  /** Joins a session like a phone does (POST /j/<code> with consent); returns the participant's cookie. */
  join(code: string, fields?: { displayName?: string; sector?: string }): Promise<string>;
  /**
   * Creates a session of `workshop` (all its panels), connects its facilitator and starts it.
   * `pollId(key)` finds an agenda poll's id by key.
   */
  liveSession(workshop: { workshopId: string; panelIds: string[]; userId: string; cookie: string }): Promise<LiveSession>;
}

export interface LiveSession {
  session: Awaited<ReturnType<Roundtable["stores"]["sessions"]["create"]>>;
  facilitator: TestSocket;
  pollId(key: string): string;
}

export type TestSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * A real Roundtable on a random port (fresh SQLite file in a temp dir unless `databaseUrl`), with
 * the real Remix build; `env` overrides environment settings. `close()` disconnects the clients it
 * made, stops the app and deletes the data dir.
 */
export async function startTestApp(opts: { databaseUrl?: string; env?: Record<string, string> } = {}): Promise<TestApp> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "rt-it-"));
  const env = parseEnv({ PORT: "0", HOST: "127.0.0.1", DATA_DIR: dataDir, LOG_LEVEL: "silent", NODE_ENV: "production", DATABASE_URL: opts.databaseUrl, ...opts.env });
  const app = await createRoundtable(env, createLogger("silent"));
  const port = await app.listen();
  const baseUrl = `http://127.0.0.1:${port}`;
  const sockets: TestSocket[] = [];

  const cookieFor: TestApp["cookieFor"] = async (data) => {
    const s = await app.auth.cookies.getSession();
    if (data.userId) s.set("userId", data.userId);
    if (data.participants) s.set("participants", data.participants);
    const header = await app.auth.cookies.commitSession(s);
    return header.split(";")[0];
  };

  const connect: TestApp["connect"] = ({ sessionId, cookie, projectorKey }) => {
    const socket: TestSocket = ioClient(baseUrl, {
      transports: ["websocket"],
      auth: { sessionId, ...(projectorKey !== undefined ? { projectorKey } : {}) },
      extraHeaders: cookie ? { cookie } : {},
      reconnection: false,
      forceNew: true,
    });
    sockets.push(socket);
    return new Promise((resolve, reject) => {
      socket.once("session:state", () => resolve(socket));
      socket.once("connect_error", (err) => reject(err));
    });
  };

  return {
    app,
    baseUrl,
    dataDir,
    cookieFor,
    async makeWorkshop({ email = `org-${Math.random().toString(36).slice(2)}@example.org` } = {}) {
      const user = await app.stores.users.create({ email, name: "Org Aniser", passwordHash: await app.auth.hashPassword("correct horse battery") });
      const template = await app.stores.templates.getByKey("space-security-norms");
      if (!template) throw new Error("seed template missing");
      const workshop = await app.stores.workshops.createFromTemplate(
        { title: "Nairobi follow-up", region: "East Africa", timeZone: "Africa/Nairobi", startsOn: "2026-12-01", endsOn: "2026-12-02", rule: "chatham-house", minCellSize: 5 },
        { id: template.id, body: template.body },
        user.id,
      );
      const agenda = await app.stores.workshops.getAgenda(workshop.id);
      return { userId: user.id, workshopId: workshop.id, panelIds: agenda.map((p) => p.id), cookie: await cookieFor({ userId: user.id }) };
    },
    connect,
    async join(code, fields = {}) {
      const body = new URLSearchParams({ displayName: fields.displayName ?? "", sector: fields.sector ?? "", consent: "on" });
      const res = await fetch(`${baseUrl}/j/${code}`, { method: "POST", body, redirect: "manual" });
      const cookie = res.headers.get("set-cookie");
      if (res.status !== 302 || !cookie) throw new Error(`join ${code} failed: HTTP ${res.status}`);
      return cookie.split(";")[0];
    },
    async liveSession(workshop) {
      const session = await app.stores.sessions.create({ workshopId: workshop.workshopId, title: "Day 1", panelIds: workshop.panelIds, createdBy: workshop.userId });
      const facilitator = await connect({ sessionId: session.id, cookie: workshop.cookie });
      const started = await ask(facilitator, "session:start");
      if (!started.ok) throw new Error(`session:start failed: ${started.error}`);
      const polls = (await app.stores.workshops.getAgenda(workshop.workshopId)).flatMap((p) => p.polls);
      const pollId = (key: string) => {
        const poll = polls.find((p) => p.key === key);
        if (!poll) throw new Error(`no poll ${key} on the agenda`);
        return poll.id;
      };
      return { session, facilitator, pollId };
    },
    async close() {
      for (const s of sockets) s.disconnect();
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Resolves when `predicate` holds, polling every 10 ms; rejects after `timeoutMs` (default 5 s). */
export async function waitFor(predicate: () => boolean | Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error("waitFor: condition not met in time");
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Emits a command with an ack and resolves with the ack (5 s timeout). */
export function ask(socket: TestSocket, event: keyof ClientToServerEvents, payload: unknown = {}): Promise<{ ok: boolean; error?: string; data?: unknown; issues?: unknown }> {
  return (socket.timeout(5_000) as unknown as { emitWithAck: (e: string, p: unknown) => Promise<{ ok: boolean; error?: string }> }).emitWithAck(event, payload);
}

/**
 * Registers beforeAll/afterAll hooks that start a test app and make one workshop from the seeded
 * template; read `ctx.t` and `ctx.fx` inside tests (they are set once beforeAll has run).
 */
export function useTestAppWithWorkshop(opts: Parameters<typeof startTestApp>[0] = {}) {
  const ctx = {} as { t: TestApp; fx: Awaited<ReturnType<TestApp["makeWorkshop"]>> };
  beforeAll(async () => {
    ctx.t = await startTestApp(opts);
    ctx.fx = await ctx.t.makeWorkshop();
  });
  afterAll(async () => ctx.t?.close());
  return ctx;
}
