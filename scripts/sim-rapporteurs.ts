/**
 * Simulated rapporteurs for `npm run demo`: real y-websocket clients, one per rapporteur account, that
 * type plausible notes at a human pace into the panel the facilitator is on (followed live over
 * Socket.io), move their caret as they type (presence), and now and then add a takeaway.
 *
 * @example
 * const sim = await startSimulatedRapporteurs({ baseUrl: "http://127.0.0.1:3000", sessionId, cookies: [amaCookie, bolaCookie] });
 * // … later
 * await sim.stop();
 */
import { io } from "socket.io-client";
import * as Y from "yjs";
import { WebsocketProvider } from "y-websocket";
import { addTakeaway, listTakeaways, notesDocName, panelNotesFragment } from "../app/domain/notes/model";
import type { SessionStateView } from "../app/domain/events";
import { cookieWebSocket } from "./lib/cookie-websocket";

export interface SimulatedRapporteursOptions {
  /** App origin, e.g. "http://127.0.0.1:3000". */
  baseUrl: string;
  sessionId: string;
  /**
   * `Cookie` headers of staff accounts (rapporteur, facilitator or organiser) of the session's workshop:
   * one simulated rapporteur per cookie, so each shows under its own name and caret colour.
   */
  cookies: string[];
  /** Typing speed per rapporteur in characters per second (default 6: a quick note-taker). */
  charsPerSecond?: number;
  /** Seeded choices for reproducible demos (default Math.random). */
  random?: () => number;
}

export interface SimulatedRapporteurs {
  /** Panel id currently being written, or null before the session goes live. */
  currentPanelId(): string | null;
  /** Stops typing and disconnects everything. */
  stop(): Promise<void>;
}

/** Note lines in the register of the seed report (space security norms); no names, no attributions. */
const LINES = [
  "Several participants stressed that norms of responsible behaviour can be agreed faster than a new treaty.",
  "Debris-generating ASAT tests were widely seen as the clearest case for a political commitment.",
  "Verification remains the hard part: who observes, with which sensors, and who shares the data?",
  "A regional perspective: capacity building matters as much as rules for emerging space nations.",
  "Industry voices asked for predictability: clear notification practices before close approaches.",
  "Transparency and confidence-building measures were proposed as a first step, not an end point.",
  "Some doubted that non-binding principles would change behaviour without a review mechanism.",
  "The distinction between threats from capabilities and threats from behaviour came up repeatedly.",
  "Civil society suggested publishing national space security doctrines to reduce misperception.",
  "Open question: how do norms apply to dual-use satellites that serve civil and military users?",
];
const TAKEAWAYS = [
  "Behaviour-based norms first, legally binding measures later",
  "Moratorium on destructive ASAT tests has broad support",
  "Verification and data sharing need concrete proposals",
  "Capacity building is a precondition for regional buy-in",
];

/** Starts `count` simulated rapporteurs; resolves once their notes connections are synced. */
export async function startSimulatedRapporteurs(opts: SimulatedRapporteursOptions): Promise<SimulatedRapporteurs> {
  const { baseUrl, sessionId, cookies, charsPerSecond = 6, random = Math.random } = opts;
  if (cookies.length === 0) throw new Error("startSimulatedRapporteurs: at least one cookie is needed");
  let state: SessionStateView | null = null;
  const socket = io(baseUrl, { transports: ["websocket"], auth: { sessionId }, extraHeaders: { cookie: cookies[0] }, forceNew: true });
  socket.on("session:state", (next: SessionStateView) => {
    if (!state || next.seq >= state.seq) state = next;
  });
  const currentPanelId = () => (state && state.status === "live" ? (state.panels[state.currentPanelIndex]?.id ?? null) : null);

  const wsUrl = `${baseUrl.replace(/^http/, "ws")}/yjs`;
  const writers = cookies.map((cookie) => {
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(wsUrl, notesDocName(sessionId), doc, { WebSocketPolyfill: cookieWebSocket(cookie), disableBc: true });
    return { doc, provider, line: "", text: null as Y.XmlText | null, panelId: null as string | null };
  });
  await Promise.all(
    writers.map(
      (w) =>
        new Promise<void>((resolve) => {
          if (w.provider.synced) return resolve();
          w.provider.once("sync", () => resolve());
        }),
    ),
  );

  let stopped = false;
  const timers = new Set<NodeJS.Timeout>();
  const later = (fn: () => void, ms: number) => {
    const t = setTimeout(() => {
      timers.delete(t);
      if (!stopped) fn();
    }, ms);
    timers.add(t);
  };

  const step = (w: (typeof writers)[number]) => {
    const panelId = currentPanelId();
    if (!panelId) return later(() => step(w), 500);
    if (panelId !== w.panelId) {
      // New panel: start a fresh paragraph there and say where we are (presence list).
      w.panelId = panelId;
      w.text = null;
      w.line = "";
      w.provider.awareness.setLocalStateField("panelId", panelId);
    }
    if (!w.text) {
      const p = new Y.XmlElement("paragraph");
      w.text = new Y.XmlText();
      p.insert(0, [w.text]);
      const fragment = panelNotesFragment(w.doc, panelId);
      fragment.insert(fragment.length, [p]);
      w.line = LINES[Math.floor(random() * LINES.length)];
    }
    const typed = w.text.length;
    if (typed < w.line.length) {
      w.text.insert(typed, w.line[typed]);
      // Caret after the new character, in the shape TipTap's CollaborationCaret (y-prosemirror) reads.
      const at = Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(w.text, typed + 1));
      w.provider.awareness.setLocalStateField("cursor", { anchor: at, head: at });
      // Human rhythm: mostly steady, a longer pause after punctuation.
      const pause = /[.,:?]/.test(w.line[typed]) ? 400 + random() * 800 : (1000 / charsPerSecond) * (0.5 + random());
      return later(() => step(w), pause);
    }
    // Line finished: sometimes record a takeaway, then think for a few seconds before the next line.
    if (random() < 0.3 && listTakeaways(w.doc, panelId).length < 4) {
      const existing = new Set(listTakeaways(w.doc, panelId).map((t) => t.text));
      const candidate = TAKEAWAYS.find((t) => !existing.has(t));
      if (candidate) addTakeaway(w.doc, panelId, candidate);
    }
    w.text = null;
    later(() => step(w), 2_000 + random() * 4_000);
  };
  writers.forEach((w, i) => later(() => step(w), 300 * i));

  return {
    currentPanelId,
    async stop() {
      stopped = true;
      timers.forEach((t) => clearTimeout(t));
      timers.clear();
      for (const w of writers) {
        w.provider.destroy();
        w.doc.destroy();
      }
      socket.disconnect();
    },
  };
}
