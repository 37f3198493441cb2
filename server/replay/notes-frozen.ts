/**
 * Frozen notes timelines: a panel's whole notes history (every element, text piece and map write ever
 * made, each with the times it was inserted and deleted) as plain JSON, so that a replay seek needs no
 * Y doc at all: the notes at t are the pieces with `ins ≤ t < del`.
 *
 * Why: reading notes at t from the Y doc needs the fully loaded doc (its latest checkpoint decoded,
 * 100–400 ms for a 3-hour doc, plus every update indexed, ~1 s; bench/outcome.ts). A frozen panel of a
 * 3-hour session is a few hundred kB of JSON that parses in milliseconds, so a cold seek in a fresh
 * process is cheap. It is made once from a loaded doc and its update index (./notes.ts, at session end)
 * and stored; it is only used while no update was appended after the one it was made up to.
 *
 * Same reading rules as the Y doc walk (app/domain/replay/notes.ts `treePanelView`), so both forms give
 * identical views (tests/unit/replay-notes.test.ts compares them). Only text: no client ids, no authors.
 */
import * as Y from "yjs";
import { z } from "zod";
import { FRAGMENT, TEXT, treePanelView, type NotesTreeReader, type PanelNotesView } from "../../app/domain/replay/notes";
import { panelNotesFragment, takeawaysMap } from "../../app/domain/notes/model";
import type { UpdateIndex } from "./notes-index";

/** `[ins, del]` in epoch ms; del = -1 when never deleted. */
type Life = [number, number];
/** A value's writes, newest first: `[ins, del, value]`. */
type History<V> = Array<[number, number, V]>;

export interface FrozenText {
  l: Life;
  /** Text pieces in document order: `[ins, del, text]`. */
  r: Array<[number, number, string]>;
}
export interface FrozenElement {
  l: Life;
  /** Node name. */
  n: string;
  /** Attribute histories (only `level` is read today). */
  a: Record<string, History<unknown>>;
  c: FrozenNode[];
}
export type FrozenNode = FrozenText | FrozenElement;
export interface FrozenTakeaway {
  rank: History<unknown>;
  /** Fragment children per write of `text` (null: the value was not a fragment). */
  text: History<FrozenNode[] | null>;
}
/** One panel's notes history. Version 1; bump on any change of shape. */
export interface FrozenPanel {
  v: 1;
  panelId: string;
  notes: FrozenNode[];
  /** Takeaway id → history of its entry (null: the value was not a map). */
  takeaways: Array<[string, History<FrozenTakeaway | null>]>;
}

/** A time in a frozen panel: epoch ms, or -1 (NEVER) for "not deleted". */
const Time = z.number().int().min(-1);
const LifeSchema = z.tuple([Time, Time]);
const historyOf = <V extends z.ZodTypeAny>(value: V) => z.array(z.tuple([Time, Time, value]));
const FrozenTextSchema = z.strictObject({ l: LifeSchema, r: z.array(z.tuple([Time, Time, z.string()])) });
const FrozenNodeSchema: z.ZodType<FrozenNode> = z.lazy(() =>
  z.union([FrozenTextSchema, z.strictObject({ l: LifeSchema, n: z.string(), a: z.record(z.string(), historyOf(z.unknown())), c: z.array(FrozenNodeSchema) })]),
);
const FrozenTakeawaySchema = z.strictObject({ rank: historyOf(z.unknown()), text: historyOf(z.array(FrozenNodeSchema).nullable()) });

/**
 * What the frame store holds per panel (JSON): the panel frozen up to update `uptoId`. Every stored
 * frame is parsed with this before use (storage is a boundary: a truncated or hand-edited row must not
 * crash a seek or read as an empty panel).
 */
export const FrozenFrameSchema = z.strictObject({
  uptoId: z.number().int().nonnegative(),
  panel: z.strictObject({
    v: z.literal(1),
    panelId: z.string().min(1),
    notes: z.array(FrozenNodeSchema),
    takeaways: z.array(z.tuple([z.string(), historyOf(FrozenTakeawaySchema.nullable())])),
  }),
});
export type FrozenFrame = z.infer<typeof FrozenFrameSchema>;

/**
 * Parses a stored frame (`raw` JSON) of `panelId`.
 * @returns the frame, or an Error whose message says which row is broken and how (not JSON; first
 *   schema issue with its path; a frame of another panel) — for the log, never shown to readers.
 */
export function parseFrozenFrame(raw: string, key: string, panelId: string): FrozenFrame | Error {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (err) {
    return new Error(`frozen notes ${key}: not JSON (${(err as Error).message})`);
  }
  const parsed = FrozenFrameSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return new Error(`frozen notes ${key}: invalid at ${issue.path.join(".") || "(root)"}: ${issue.message}`);
  }
  if (parsed.data.panel.panelId !== panelId) return new Error(`frozen notes ${key}: holds panel ${parsed.data.panel.panelId}, not ${panelId}`);
  return parsed.data;
}

const NEVER = -1;
const alive = (ins: number, del: number, t: number) => ins <= t && (del === NEVER || del > t);

/**
 * Freezes `panelId` of a fully loaded `gc: false` doc.
 * @param index the update index of the doc's log (update k ↔ `at[k]`).
 * @param at createdAt (epoch ms) of update k, non-decreasing.
 */
export function freezePanel(doc: Y.Doc, panelId: string, index: UpdateIndex, at: readonly number[]): FrozenPanel {
  const time = (k: number) => (k >= at.length ? Infinity : at[k]);
  const life = (id: Y.ID): Life => {
    const [, , ins, del] = index.lives(id.client, id.clock, 1)[0];
    return [time(ins), del === NEVER ? NEVER : time(del)];
  };
  const history = <V>(type: Y.AbstractType<any>, key: string, value: (content: unknown) => V): History<V> => {
    const out: History<V> = [];
    for (let item = type._map.get(key) ?? null; item !== null; item = item.left) {
      const [ins, del] = life(item.id);
      // Never inserted by a stored update (cannot happen for a doc built from the log): never visible.
      if (ins !== Infinity) out.push([ins, del, value(item.content.getContent()[item.length - 1])]);
    }
    return out;
  };
  const nodes = (parent: Y.XmlFragment | Y.XmlElement): FrozenNode[] => {
    const out: FrozenNode[] = [];
    for (let item = parent._start; item !== null; item = item.right) {
      if (!item.countable || !(item.content instanceof Y.ContentType)) continue;
      const type = item.content.type;
      const [ins, del] = life(item.id);
      if (ins === Infinity) continue;
      if (type instanceof Y.XmlText) out.push({ l: [ins, del], r: pieces(type) });
      else if (type instanceof Y.XmlElement) {
        const a: Record<string, History<unknown>> = {};
        for (const key of type._map.keys()) a[key] = history(type, key, (v) => v);
        out.push({ l: [ins, del], n: type.nodeName, a, c: nodes(type) });
      }
    }
    return out;
  };
  const pieces = (text: Y.XmlText): FrozenText["r"] => {
    const out: FrozenText["r"] = [];
    for (let item = text._start; item !== null; item = item.right) {
      if (!(item.content instanceof Y.ContentString)) continue;
      const str = item.content.str;
      for (const [from, to, ins, del] of index.lives(item.id.client, item.id.clock, item.length)) {
        const i = time(ins);
        if (i === Infinity) continue;
        const d = del === NEVER ? NEVER : time(del);
        const last = out[out.length - 1];
        // Neighbours with the same life read the same at every t: one piece.
        if (last && last[0] === i && last[1] === d) last[2] += str.slice(from, to);
        else out.push([i, d, str.slice(from, to)]);
      }
    }
    return out;
  };
  const map = takeawaysMap(doc, panelId);
  return {
    v: 1,
    panelId,
    notes: nodes(panelNotesFragment(doc, panelId)),
    takeaways: [...map._map.keys()].map((id) => [
      id,
      history(map, id, (entry) =>
        entry instanceof Y.Map ? { rank: history(entry, "rank", (v) => v), text: history(entry, "text", (v) => (v instanceof Y.XmlFragment ? nodes(v) : null)) } : null,
      ),
    ]),
  };
}

/** The value of a history at t, as Yjs reads a map at a snapshot: the newest write made by t, unless deleted by t. */
function valueAt<V>(h: History<V>, t: number): V | undefined {
  for (const [ins, del, v] of h) {
    if (ins > t) continue;
    return del !== NEVER && del <= t ? undefined : v;
  }
  return undefined;
}

type Root = { root: FrozenNode[] };
type N = FrozenNode | Root;

/** The panel as it read at `t` (epoch ms): exactly what the Y doc walk shows at that moment. */
export function frozenPanelAt(panel: FrozenPanel, t: number): PanelNotesView {
  const reader: NotesTreeReader<N> = {
    children: (node) => ("root" in node ? node.root : "c" in node ? node.c : []).filter((c) => alive(c.l[0], c.l[1], t)),
    kind: (node) => ("root" in node ? FRAGMENT : "r" in node ? TEXT : node.n),
    attr: (node, key) => ("a" in node && node.a[key] ? valueAt(node.a[key], t) : undefined),
    text: (node) => ("r" in node ? node.r.filter(([ins, del]) => alive(ins, del, t)).map((p) => p[2]).join("") : ""),
    takeaways() {
      const out: Array<{ id: string; rank: unknown; text: N | null }> = [];
      for (const [id, h] of panel.takeaways) {
        const entry = valueAt(h, t);
        if (!entry) continue;
        const text = valueAt(entry.text, t);
        out.push({ id, rank: valueAt(entry.rank, t), text: text ? { root: text } : null });
      }
      return out;
    },
  };
  return treePanelView(reader, panel.panelId, { root: panel.notes });
}
