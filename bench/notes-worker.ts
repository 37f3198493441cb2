/**
 * A bench worker process hosting a share of the editors (real WebsocketProvider clients), so the load
 * generator does not share one event loop with 100 docs. Driven by JSON lines on stdin, answers JSON
 * lines on stdout (see `Command`). Timestamps are `performance.timeOrigin + performance.now()` (ms,
 * comparable across processes on one machine).
 */
import os from "node:os";
import { performance } from "node:perf_hooks";
import { createInterface } from "node:readline";
import { createHash } from "node:crypto";
import * as Y from "yjs";
import { WebsocketProvider } from "y-websocket";
import { panelNotesFragment, panelNotesText } from "../app/domain/notes/model";
import { cookieWebSocket } from "../scripts/lib/cookie-websocket";

type Command =
  | { type: "init"; wsUrl: string; docName: string; panelId: string; cookies: Array<string | null>; firstIndex: number; typist?: boolean; nice?: number }
  | { type: "start"; ratePerSecond: number; seconds: number }
  | { type: "state" }
  | { type: "report" }
  | { type: "exit" };

// Each provider adds a process "exit" listener (lib0); 25+ per worker is expected, not a leak.
process.setMaxListeners(0);
const now = () => performance.timeOrigin + performance.now();
const send = (msg: object) => process.stdout.write(`${JSON.stringify(msg)}\n`);

interface Editor {
  doc: Y.Doc;
  provider: WebsocketProvider;
  text: Y.XmlText | null;
}

const editors: Editor[] = [];
/** `client:clock` of each keystroke → when it was typed. */
const sent = new Map<string, number>();
/** `client:clock` → when the observer (this worker's first editor) received it. */
const received = new Map<string, number>();
let panelId = "";
let typed = 0;
/**
 * false: a dedicated observer process (one editor that only reads, as on a rapporteur's own device):
 * its arrival times are not delayed behind the ~25 other docs a typing worker keeps applying updates to.
 */
let typist = true;

/** The observer records arrival times of every remote struct (keystroke) it receives through the server. */
function observe(editor: Editor): void {
  editor.doc.on("update", (update: Uint8Array, origin: unknown) => {
    if (origin !== editor.provider) return;
    const at = now();
    for (const s of Y.decodeUpdate(update).structs) {
      for (let i = 0; i < s.length; i++) {
        const key = `${s.id.client}:${s.id.clock + i}`;
        if (!received.has(key)) received.set(key, at);
      }
    }
  });
}

/** Each editor types in its own paragraph, as rapporteurs splitting a panel's notes would. */
function paragraphOf(e: Editor, index: number): Y.XmlText {
  if (e.text) return e.text;
  const p = new Y.XmlElement("paragraph");
  e.text = new Y.XmlText(`[${index}] `);
  p.insert(0, [e.text]);
  const fragment = panelNotesFragment(e.doc, panelId);
  fragment.insert(fragment.length, [p]);
  return e.text;
}

const WORDS = "the panel agreed that transparency and confidence building measures should come before any binding treaty ".split("");

/**
 * Open-loop typing: each editor's keystroke times are fixed in advance (period ±50 % jitter), and a
 * 5 ms pump types every keystroke that is due. A worker whose event loop lags (e.g. busy applying
 * incoming updates) catches up instead of silently typing less, so every server under test receives the
 * same number of keystrokes: exactly `floor(seconds × rate)` per editor.
 */
function startTyping(ratePerSecond: number, seconds: number, firstIndex: number): void {
  const start = now();
  const until = start + seconds * 1000;
  const period = 1000 / ratePerSecond;
  const perEditor = Math.floor(seconds * ratePerSecond);
  const plans = editors.map((e, i) => {
    const at: number[] = [];
    let t = start + Math.random() * period;
    for (let k = 0; k < perEditor; k++, t += period * (0.5 + Math.random())) at.push(Math.min(t, until - 1));
    return { text: paragraphOf(e, firstIndex + i), doc: e.doc, at, next: 0, n: 0 };
  });
  const cpuStart = process.cpuUsage();
  let maxLagMs = 0;
  const pump = () => {
    const t = now();
    let pending = false;
    for (const p of plans) {
      while (p.next < p.at.length && p.at[p.next] <= t) {
        maxLagMs = Math.max(maxLagMs, t - p.at[p.next]);
        sent.set(`${p.doc.clientID}:${Y.getState(p.doc.store, p.doc.clientID)}`, now());
        p.text.insert(p.text.length, WORDS[p.n++ % WORDS.length]);
        p.next++;
        typed++;
      }
      if (p.next < p.at.length) pending = true;
    }
    if (pending) setTimeout(pump, 5);
    else {
      const cpu = process.cpuUsage(cpuStart);
      // cpuPercent: this worker's CPU time over the typing window (100 = one core busy all the time).
      send({ type: "typed", typed, maxLagMs, cpuPercent: ((cpu.user + cpu.system) / 1000 / (now() - start)) * 100 });
    }
  };
  setTimeout(pump, 0);
}

const hash = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

createInterface({ input: process.stdin }).on("line", (line) => {
  const cmd = JSON.parse(line) as Command;
  if (cmd.type === "init") {
    panelId = cmd.panelId;
    typist = cmd.typist ?? true;
    // Typing workers stand in for other people's devices: at a lower priority they do not take the CPU
    // from the server under test or the observers, as load generators on other machines would not.
    if (typist && cmd.nice) os.setPriority(cmd.nice);
    for (const cookie of cmd.cookies) {
      const doc = new Y.Doc();
      const provider = new WebsocketProvider(cmd.wsUrl, cmd.docName, doc, { WebSocketPolyfill: cookieWebSocket(cookie), disableBc: true, maxBackoffTime: 500 });
      editors.push({ doc, provider, text: null });
    }
    observe(editors[0]);
    const wait = () => (editors.every((e) => e.provider.synced) ? send({ type: "ready" }) : setTimeout(wait, 20));
    wait();
    (globalThis as { __firstIndex?: number }).__firstIndex = cmd.firstIndex;
  } else if (cmd.type === "start") {
    if (typist) startTyping(cmd.ratePerSecond, cmd.seconds, (globalThis as { __firstIndex?: number }).__firstIndex ?? 0);
    else {
      const cpuStart = process.cpuUsage();
      const start = now();
      setTimeout(() => {
        const cpu = process.cpuUsage(cpuStart);
        send({ type: "typed", typed: 0, maxLagMs: 0, cpuPercent: ((cpu.user + cpu.system) / 1000 / (now() - start)) * 100 });
      }, cmd.seconds * 1000);
    }
  } else if (cmd.type === "state") {
    // Snapshot = state vector + delete set: equal snapshots mean equal CRDT state.
    send({ type: "state", snapshots: editors.map((e) => hash(Y.encodeSnapshot(Y.snapshot(e.doc)))), connected: editors.filter((e) => e.provider.wsconnected).length });
  } else if (cmd.type === "report") {
    const d = editors[0].doc;
    send({
      type: "report",
      typist,
      sent: [...sent],
      received: [...received],
      snapshot: hash(Y.encodeSnapshot(Y.snapshot(d))),
      textHash: createHash("sha256").update(panelNotesText(d, panelId)).digest("hex"),
    });
  } else if (cmd.type === "exit") {
    editors.forEach((e) => e.provider.destroy());
    process.exit(0);
  }
});
