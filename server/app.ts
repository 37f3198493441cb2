/**
 * Composes one Roundtable process: storage, auth, Express + Remix, Socket.io and the notes server
 * on a single HTTP server with a single upgrade router. Used by `server/index.ts` and by tests
 * (port 0). Nothing here reads `process.env`: configuration comes in as `Env`.
 */
import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import express from "express";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import { Server as SocketServer } from "socket.io";
import type { Logger } from "pino";
import type { Env } from "./config/env";
import { loadOrCreateSecret } from "./config/secret";
import { createDatabase, createStores, type Storage, type Stores } from "./storage";
import { createAuthService, type AuthService } from "./auth/service";
import { cspNonce, securityHeaders } from "./http/security";
import { routeUpgrades } from "./http/upgrade";
import { clientAddress, doorLimiter, joinGuessLimiter } from "./http/rate-limit";
import { sameOriginPosts } from "./http/refusal";
import { createSessionRealtime, type RoundtableServer } from "./realtime/session";
import { createPollsRealtime } from "./realtime/polls";
import { createQuestionsRealtime } from "./realtime/questions";
import { keepRoomBroadcastsOnly } from "./realtime/recovery";
import { watchAgendaEdits } from "./realtime/session-agenda";
import { createAppNotesServer, notesOpenToAllKey, sessionOfDoc } from "./notes/wire";
import { notesDocName } from "../app/domain/notes/model";
import type { NotesServer } from "./notes/server";
import { createKyselyNoteStore } from "./notes/store-kysely";
import { createOutcomeService } from "./outcome/service";
import { createReplayService } from "./replay/service";
import { seedTemplates } from "../seed/load";
import { startScaleOut, wireBus, type ScaleOut } from "./scale-out";
import { limitersFor } from "./http/limiters";
import { createEventLimiter } from "./realtime/limits";
import type { Services } from "../app/services.server";

export interface Roundtable {
  httpServer: HttpServer;
  io: RoundtableServer;
  stores: Stores;
  storage: Storage;
  auth: AuthService;
  /** The notes (Yjs) server, for tests and benchmarks (stats, live docs). */
  notes: NotesServer;
  /** Starts listening; resolves with the bound port. */
  listen(): Promise<number>;
  /** Base URL people use (PUBLIC_URL, or http://HOST:port once listening). */
  baseUrl(): string;
  /** Graceful stop: refuse new connections, close sockets, flush, close storage. Idempotent. */
  close(): Promise<void>;
}

/** Project root (where build/ and public/ live), whatever the working directory. */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** Socket.io payload cap: 64 KiB ≫ any command (the largest, an open-text answer, is < 2 KB). */
const MAX_SOCKET_PAYLOAD_BYTES = 64 * 1024;

export async function createRoundtable(env: Env, logger: Logger, opts: { build?: ServerBuild } = {}): Promise<Roundtable> {
  // Scale-out (REDIS_URL) is checked and connected first: it refuses SQLite before any file is created.
  const scaleOut = await startScaleOut(env, logger);
  try {
    return await compose(env, logger, opts, scaleOut);
  } catch (err) {
    // A failed start-up must not leave the two Redis clients (adapter and bus) connected.
    await scaleOut.close().catch((closeErr) => logger.error({ err: closeErr }, "start-up failed: closing Redis failed"));
    throw err;
  }
}

/** The rest of {@link createRoundtable}, once scale-out is connected (closed by the caller if this throws). */
async function compose(env: Env, logger: Logger, opts: { build?: ServerBuild }, scaleOut: ScaleOut): Promise<Roundtable> {
  const storage = await createDatabase({ databaseUrl: env.DATABASE_URL, sqlitePath: env.sqlitePath, logger });
  // Agenda and workshop edits (HTTP routes, poll:create) clear the realtime agenda cache once committed.
  let agendaEdited: () => void = () => undefined;
  const stores = watchAgendaEdits(createStores(storage), () => agendaEdited());
  if (env.SEED_TEMPLATES) {
    const seeded = await seedTemplates(stores.templates);
    logger.info(seeded, "templates seeded");
  }
  const secret = await loadOrCreateSecret(env.DATA_DIR, env.SESSION_SECRET);
  const secure = env.SECURE_COOKIES ?? env.PUBLIC_URL?.startsWith("https://") ?? false;
  // Rate-limit counters: memory in one process, Redis in scale-out (a budget spent on one instance holds on all).
  const limiters = limitersFor({ redis: scaleOut.redis, prefix: scaleOut.prefix, secret });
  const auth = createAuthService({ stores, secret, secureCookies: secure, limiters });
  const eventLimiter = (name: string) => (scaleOut.redis ? createEventLimiter({ limiters, name }) : undefined);

  const app = express();
  app.disable("x-powered-by");
  // Off by default: X-Forwarded-For is believed only from the proxies TRUST_PROXY names, so req.ip
  // (rate limits, sign-in throttle) is the real client behind nginx and cannot be forged without one.
  app.set("trust proxy", env.TRUST_PROXY);
  const httpServer = createServer(app);
  const io: RoundtableServer = new SocketServer(httpServer, {
    // Leave upgrades we do not own (e.g. /yjs/...) to our router instead of destroying them after 1 s.
    destroyUpgrade: false,
    serveClient: false,
    maxHttpBufferSize: MAX_SOCKET_PAYLOAD_BYTES,
    connectionStateRecovery: { maxDisconnectionDuration: 2 * 60_000, skipMiddlewares: false },
  });
  // Before anything uses the adapter: with REDIS_URL, room broadcasts reach every instance's connections.
  scaleOut.attach(io);
  // Recovery replays missed room broadcasts; full states sent to one connection are re-sent on every connect instead of kept.
  keepRoomBroadcastsOnly(io);
  const noteStore = createKyselyNoteStore(storage.db);
  const outcome = createOutcomeService({ stores, noteStore, logger });
  const replay = createReplayService({
    events: stores.sessions,
    notes: noteStore,
    frames: stores.settings,
    notesOptions: { onSkipped: (info) => logger.warn({ ...info }, "replay: skipped an unreadable notes update, checkpoint or frozen panel") },
  });
  /** Replay preparations still running (at most one per session that just ended). */
  const replayPreparations = new Set<Promise<void>>();
  const onEnded = async (sessionId: string, at: number) => {
    // Polls first: phones learn at once that open polls closed; the draft summary then reads the closed runs.
    await polls.sessionEnded(sessionId, at).catch((err) => logger.error({ err, sessionId }, "session ended: closing polls failed"));
    // Then the anonymous askers' tags go: nobody asks or votes any more, and a copy of the data folder
    // (database and DATA_DIR/secret side by side) could otherwise link those questions to participants.
    await questions.sessionEnded(sessionId);
    // Notes freeze: writers still connected lose the right to write, and edits accepted before the end
    // are stored before the draft reads them (otherwise the draft could miss the last sentences typed).
    await notes.freeze(notesDocName(sessionId));
    bus.sessionEnded(sessionId);
    await outcome.onSessionEnded(sessionId, at);
    // In the background: freezing a 3-hour notes history takes seconds and nobody waits for it, except
    // close(), which lets a running preparation finish before storage closes (else it fails half-way).
    const preparing = (async () => {
      const session = await stores.sessions.get(sessionId);
      if (session) await replay.prepare(sessionId, session.panelIds);
    })().catch((err) => logger.error({ err, sessionId }, "session ended: preparing the replay failed"));
    replayPreparations.add(preparing);
    void preparing.finally(() => replayPreparations.delete(preparing));
  };
  const realtime = createSessionRealtime(io, { stores, auth, logger, onEnded, bus: scaleOut.bus, limiter: eventLimiter("session") });
  const polls = createPollsRealtime(io, { stores, logger, bus: scaleOut.bus, limiter: eventLimiter("polls") });
  const bus = wireBus(scaleOut.bus, {
    sessionAgendaEdited: realtime.agendaEdited,
    pollsAgendaEdited: () => polls.agendaEdited(),
    freezeNotes: (sessionId) => notes.freeze(notesDocName(sessionId)),
    logger,
  });
  agendaEdited = bus.agendaEdited;
  // askerKey: anonymous askers are recognised from stored keyed tags, across restarts and instances.
  const questions = createQuestionsRealtime(io, { stores, logger, bus: scaleOut.bus, limiter: eventLimiter("questions"), askerKey: secret });
  const notes = createAppNotesServer(
    {
      storage,
      stores,
      auth,
      logger,
      publicUrl: env.PUBLIC_URL ?? null,
      isOpenToAll: async (sessionId) => (await stores.settings.get(notesOpenToAllKey(sessionId))) === "1",
    },
    { relay: scaleOut.notesRelay },
  );
  routeUpgrades(httpServer, { yjs: notes.handleUpgrade });
  // Bus messages published while Redis was unreachable are lost: re-read what they would have said.
  scaleOut.onResume(() => {
    realtime.agendaEdited();
    void polls.catchUp().catch((err) => logger.error({ err }, "polls catch-up failed"));
    questions.catchUp();
    // A session that ended meanwhile: its `session.ended` message may be lost, so its notes freeze here.
    void notes.catchUp(async (docName) => {
      const sessionId = sessionOfDoc(docName);
      return sessionId !== null && (await stores.sessions.get(sessionId))?.status === "ended";
    });
  });

  logger.info({ mode: scaleOut.mode, storage: storage.dialect, instance: scaleOut.bus.instanceId }, scaleOut.mode === "scale-out" ? "scale-out mode: Postgres + Redis" : "single-process mode");
  let port = env.PORT;
  const baseUrl = () => (env.PUBLIC_URL ?? `http://${env.HOST}:${port}`).replace(/\/$/, "");
  const services: Services = { stores, auth, realtime, logger, noteStore, outcome, replay, publicUrl: env.PUBLIC_URL ?? null };

  app.use(cspNonce, securityHeaders({ secure }));
  app.get("/healthz", (_req, res) => res.json({ ok: true }));
  app.use(doorLimiter({ points: env.DOOR_RATE_PER_MINUTE, limiters }));
  app.use(joinGuessLimiter({ secret, secureCookies: secure, limiters }));
  app.use(sameOriginPosts);
  const buildDir = path.join(ROOT, "build");
  app.use("/build", express.static(path.join(ROOT, "public/build"), { immutable: true, maxAge: "1y" }));
  app.use(express.static(path.join(ROOT, "public"), { maxAge: "1h" }));
  const build = opts.build ?? ((await import(pathToFileURL(path.join(buildDir, "index.js")).href)) as ServerBuild);
  app.all(
    "*",
    createRequestHandler({
      build,
      mode: env.NODE_ENV,
      getLoadContext: (req, res) => ({
        services: { ...services, publicUrl: services.publicUrl ?? baseUrl() },
        cspNonce: res.locals.cspNonce,
        clientAddress: clientAddress(req),
        joinMiss: (res.locals.joinMiss as (() => Promise<void>) | undefined) ?? (async () => undefined),
      }),
    }),
  );
  app.use(((err, _req, res, _next) => {
    logger.error({ err }, "unhandled request error");
    if (!res.headersSent) res.status(500).send("Internal Server Error");
  }) as express.ErrorRequestHandler);

  let closing: Promise<void> | null = null;
  return {
    httpServer,
    io,
    stores,
    storage,
    auth,
    notes,
    baseUrl,
    listen: () =>
      new Promise((resolve, reject) => {
        httpServer.once("error", reject);
        httpServer.listen(env.PORT, env.HOST, () => {
          port = (httpServer.address() as AddressInfo).port;
          resolve(port);
        });
      }),
    close: () =>
      (closing ??= (async () => {
        // Notes first: it flushes accepted updates and writes checkpoints while storage is still open, and
        // it ends its WebSockets, which io.close() would otherwise wait for (it calls httpServer.close()).
        await notes.close();
        await new Promise<void>((resolve) => io.close(() => resolve()));
        // After io.close (no new answers), before storage.close: answers already queued are stored or refused.
        await polls.close();
        questions.close();
        realtime.close();
        await Promise.all(replayPreparations);
        // Redis last among the realtime parts (the ones above may still publish), before storage.
        await scaleOut.close();
        httpServer.closeAllConnections?.();
        await new Promise<void>((resolve) => httpServer.close(() => resolve()));
        await storage.close();
      })()),
  };
}
