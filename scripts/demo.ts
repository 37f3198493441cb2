/**
 * Live demo: `npm run demo [-- --participants N] [-- --data ./data-demo] [-- --port 3000]`.
 *
 * Starts Roundtable in-process (server/app.ts), creates an organiser with a printed e-mail and
 * password, a workshop from the seeded template, a session (started), and N simulated participants
 * (default 30) who join through POST /j/<code> like phones, then hold real Socket.io connections.
 * Whenever the facilitator opens a poll, each answers it with a plausible random answer after
 * 1–8 s. A few ask questions for the Q&A. `--rapporteurs N` (default 2) rapporteur accounts type notes
 * into the facilitator's current panel (scripts/sim-rapporteurs.ts). Runs until Ctrl-C.
 */
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes, randomInt, randomUUID } from "node:crypto";
import { io as ioClient, type Socket } from "socket.io-client";
import type { PollView, PollsStateView } from "../app/domain/polls/events";
import { z } from "zod";
import { formatJoinCode } from "../app/domain/session";
import { Sector } from "../app/domain/workshop";
import { parseEnv } from "../server/config/env";
import { createLogger } from "../server/config/logger";
import { createRoundtable } from "../server/app";
import { startSimulatedRapporteurs } from "./sim-rapporteurs";

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
};
/** Command-line counts, checked before anything starts (a typo must not start a demo with NaN people). */
const Counts = z.object({
  participants: z.coerce.number().int().min(0).max(5_000),
  rapporteurs: z.coerce.number().int().min(0).max(20),
});
const counts = Counts.safeParse({ participants: arg("participants", "30"), rapporteurs: arg("rapporteurs", "2") });
if (!counts.success) {
  console.error(`demo: ${z.prettifyError(counts.error)}`);
  process.exit(2);
}
const PARTICIPANTS = counts.data.participants;
const RAPPORTEURS = counts.data.rapporteurs;
const DATA_DIR = path.resolve(arg("data", "") || mkdtempSync(path.join(os.tmpdir(), "rt-demo-")));
const PORT = arg("port", process.env.PORT ?? "3000");

const pick = <T>(xs: readonly T[]): T => xs[randomInt(xs.length)];
const shuffle = <T>(xs: readonly T[]): T[] => xs.map((x) => [Math.random(), x] as const).sort((a, b) => a[0] - b[0]).map(([, x]) => x);
const RAPPORTEUR_NAMES = ["Ama", "Bola", "Chidi", "Dalia", "Emeka", "Farah"];
const NAMES = ["Amina", "Bruno", "Chen", "Dana", "Elif", "Femi", "Greta", "Hiro", "Ines", "Jonas", "Kavya", "Luis", "Mei", "Nadia", "Omar", ""];
const WORDS = ["debris", "verification", "transparency", "due regard", "ASAT tests", "definitions", "trust", "notification", "capacity building", "space traffic"];
const QUESTIONS = ["How would verification work without on-site inspection?", "Who decides what counts as a debris-generating test?", "Can industry join the OEWG process?"];

/** A plausible random answer for each poll kind. */
function answer(p: PollView): unknown {
  const d = p.definition;
  switch (d.kind) {
    case "single":
      return { choice: pick(d.options).key };
    case "multiple":
      return { choices: shuffle(d.options).slice(0, 1 + randomInt(d.maxChoices)).map((o) => o.key) };
    case "scale":
      // Two draws averaged: answers cluster mid-scale, like real rooms.
      return { score: Math.round((randomInt(d.min, d.max + 1) + randomInt(d.min, d.max + 1)) / 2) };
    case "ranking":
      return { order: shuffle(d.options).map((o) => o.key) };
    case "open":
      // Two different terms ("debris and debris" reads as a bug on the projector).
      return { text: shuffle(WORDS).slice(0, 2).join(" and ").slice(0, d.maxLength) };
    case "statements":
      return { votes: Object.fromEntries(d.statements.map((s) => [s.key, pick(["agree", "agree", "disagree", "pass"] as const)])) };
  }
}

async function main() {
  const env = parseEnv({ ...process.env, PORT, DATA_DIR, LOG_LEVEL: process.env.LOG_LEVEL ?? "warn" });
  const app = await createRoundtable(env, createLogger(env.LOG_LEVEL));
  await app.listen();
  const base = app.baseUrl();
  const email = `facilitator-${randomBytes(3).toString("hex")}@example.org`;
  const password = randomBytes(9).toString("base64url");
  const user = await app.stores.users.create({ email, name: "Demo Facilitator", passwordHash: await app.auth.hashPassword(password) });
  const template = await app.stores.templates.getByKey("space-security-norms");
  if (!template) throw new Error("the seeded template is missing (SEED_TEMPLATES=false?)");
  const workshop = await app.stores.workshops.createFromTemplate(
    { title: "Space security — regional follow-up (demo)", region: "Demo", timeZone: "UTC", startsOn: "2026-06-01", endsOn: "2026-06-01", rule: "chatham-house", minCellSize: 5 },
    template,
    user.id,
  );
  const agenda = await app.stores.workshops.getAgenda(workshop.id);
  const session = await app.stores.sessions.create({ workshopId: workshop.id, title: "Demo session", panelIds: agenda.map((p) => p.id), createdBy: user.id });

  // Start the session as the facilitator would, through the real command.
  const cookie = await app.auth.cookies.getSession();
  cookie.set("userId", user.id);
  const staffCookie = (await app.auth.cookies.commitSession(cookie)).split(";")[0];
  const staff = ioClient(base, { transports: ["websocket"], auth: { sessionId: session.id }, extraHeaders: { cookie: staffCookie } });
  await staff.timeout(10_000).emitWithAck("session:start", {});
  staff.disconnect();

  const sockets: Socket[] = [];
  for (let i = 0; i < PARTICIPANTS; i++) sockets.push(await joinAndVote(base, session.joinCode, session.id, i));

  // Rapporteur accounts (workshop members), each typing notes under its own name and caret colour.
  const rapporteurCookies: string[] = [];
  for (let i = 0; i < RAPPORTEURS; i++) {
    const r = await app.stores.users.create({
      email: `rapporteur-${i + 1}-${randomBytes(3).toString("hex")}@example.org`,
      name: `${RAPPORTEUR_NAMES[i % RAPPORTEUR_NAMES.length]} (simulated rapporteur)`,
      passwordHash: await app.auth.hashPassword(randomBytes(12).toString("base64url")),
    });
    await app.stores.workshops.addMember(workshop.id, r.id, "rapporteur");
    const c = await app.auth.cookies.getSession();
    c.set("userId", r.id);
    rapporteurCookies.push((await app.auth.cookies.commitSession(c)).split(";")[0]);
  }
  const rapporteurs = RAPPORTEURS > 0 ? await startSimulatedRapporteurs({ baseUrl: base, sessionId: session.id, cookies: rapporteurCookies }) : null;

  console.log(`
Roundtable demo is running at ${base}  (data: ${DATA_DIR})

  Facilitator: ${base}/login   e-mail ${email}   password ${password}
               then ${base}/s/${session.id}/console   (notes: ${base}/s/${session.id}/notes)
  Projector:   ${base}/s/${session.id}/projector?key=${session.projectorKey}
  Participant: ${base}/j/${session.joinCode}   (join code ${formatJoinCode(session.joinCode)})

${PARTICIPANTS} simulated participants are connected; open a poll from the console and they answer within 1–8 s.
${RAPPORTEURS} simulated rapporteurs are typing notes into the facilitator's current panel.
Press Ctrl-C to stop.`);

  const stop = async () => {
    sockets.forEach((s) => s.disconnect());
    await rapporteurs?.stop();
    await app.close();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
}

/** One simulated phone: joins by HTTP, connects, answers each newly opened poll run once. */
async function joinAndVote(base: string, code: string, sessionId: string, i: number): Promise<Socket> {
  const body = new URLSearchParams({ displayName: pick(NAMES), sector: randomInt(4) ? pick(Sector.options) : "", consent: "on" });
  const res = await fetch(`${base}/j/${code}`, { method: "POST", body, redirect: "manual" });
  const cookie = res.headers.get("set-cookie")?.split(";")[0];
  if (res.status !== 302 || !cookie) throw new Error(`join failed: HTTP ${res.status}`);
  const socket = ioClient(base, { transports: ["websocket"], auth: { sessionId }, extraHeaders: { cookie } });
  const answered = new Set<string>();
  socket.on("polls:state", (state: PollsStateView) => {
    for (const p of state.polls) {
      const runKey = `${p.id}#${p.run}`;
      if (p.status !== "open" || p.myResponse || answered.has(runKey)) continue;
      answered.add(runKey);
      setTimeout(() => socket.emit("poll:respond", { pollId: p.id, value: answer(p), responseId: randomUUID() }, () => undefined), 1_000 + randomInt(7_000));
    }
  });
  if (i < QUESTIONS.length) {
    socket.once("connect", () => socket.emit("question:ask", { text: QUESTIONS[i], anonymous: i % 2 === 0 }, () => undefined));
  }
  return socket;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
