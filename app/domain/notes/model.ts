/**
 * The notes document model: one Y.Doc per session (browser-safe, imports only yjs).
 *
 * Layout of a session's doc (names are part of the wire/storage format, change them only with a migration):
 * - `notes:<panelId>`     Y.XmlFragment, the panel's rich text (what TipTap's Collaboration extension binds to).
 * - `takeaways:<panelId>` Y.Map<id, Y.Map{ rank: string, text: Y.XmlFragment, createdAt: number (epoch ms) }>.
 *
 * Takeaways are ordered by a fractional `rank` (see ./rank) rather than kept in a Y.Array: a move is then one
 * last-writer-wins write of one key, so two rapporteurs reordering at once converge without duplicating the item,
 * which a delete + re-insert in a Y.Array would do.
 */
import * as Y from "yjs";
import { rankBetween, spreadRanks } from "./rank";

/** Name of the Yjs document (and y-websocket room) holding a session's notes. */
export const notesDocName = (sessionId: string): string => `session-${sessionId}`;

/** The panel's rich-text fragment, bound by TipTap Collaboration (`field`). */
export const panelNotesFragment = (doc: Y.Doc, panelId: string): Y.XmlFragment => doc.getXmlFragment(`notes:${panelId}`);

/** The panel's takeaways map: id → Y.Map{ rank, text, createdAt }. */
export const takeawaysMap = (doc: Y.Doc, panelId: string): Y.Map<Y.Map<unknown>> => doc.getMap(`takeaways:${panelId}`);

/** A takeaway as plain data, for lists, summaries and exports. */
export interface TakeawayView {
  id: string;
  rank: string;
  /** Plain text of the rich text; blocks separated by "\n". */
  text: string;
  /** Epoch ms when it was added (client clock; informational only). */
  createdAt: number;
}

/** 12 random base-36 characters from the platform CSPRNG (`crypto.getRandomValues`, browsers and Node ≥ 19). */
function randomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return Array.from(bytes, (b) => (b % 36).toString(36)).join("");
}

/** Replaces the content of a fragment with one paragraph per line of `text` (TipTap's default schema). */
export function setPlainText(fragment: Y.XmlFragment, text: string): void {
  const apply = () => {
    fragment.delete(0, fragment.length);
    const paragraphs = text.split("\n").map((line) => {
      const p = new Y.XmlElement("paragraph");
      if (line.length > 0) p.insert(0, [new Y.XmlText(line)]);
      return p;
    });
    fragment.insert(0, paragraphs);
  };
  if (fragment.doc) fragment.doc.transact(apply);
  else apply();
}

/** Plain text of XML content: text runs concatenated, block elements separated by "\n", hard breaks as "\n". */
export function xmlToPlainText(node: Y.XmlFragment | Y.XmlElement | Y.XmlText): string {
  if (node instanceof Y.XmlText) {
    return node
      .toDelta()
      .map((op: { insert?: unknown }) => (typeof op.insert === "string" ? op.insert : ""))
      .join("");
  }
  if (node instanceof Y.XmlElement && node.nodeName === "hardBreak") return "\n";
  const parts: string[] = [];
  let prevWasBlock = false;
  for (const child of node.toArray()) {
    if (child instanceof Y.XmlHook) continue;
    const isBlock = child instanceof Y.XmlElement && child.nodeName !== "hardBreak";
    const text = xmlToPlainText(child as Y.XmlElement | Y.XmlText);
    if (parts.length > 0 && (isBlock || prevWasBlock)) parts.push("\n");
    parts.push(text);
    prevWasBlock = isBlock;
  }
  return parts.join("");
}

/** Plain text of a panel's notes ("" when the panel has none). */
export const panelNotesText = (doc: Y.Doc, panelId: string): string => xmlToPlainText(panelNotesFragment(doc, panelId));

function rankOf(entry: Y.Map<unknown>): string {
  const rank = entry.get("rank");
  return typeof rank === "string" ? rank : "";
}

/** Entries sorted by rank, then id (the id tie-break makes every replica agree when ranks collide). */
function sortedEntries(doc: Y.Doc, panelId: string): Array<[string, Y.Map<unknown>]> {
  const entries = Array.from(takeawaysMap(doc, panelId).entries());
  return entries.sort(([idA, a], [idB, b]) => {
    const ra = rankOf(a);
    const rb = rankOf(b);
    if (ra !== rb) return ra < rb ? -1 : 1;
    return idA < idB ? -1 : idA > idB ? 1 : 0;
  });
}

/** Takeaways of a panel, sorted by rank then id. */
export function listTakeaways(doc: Y.Doc, panelId: string): TakeawayView[] {
  return sortedEntries(doc, panelId).map(([id, entry]) => {
    const text = entry.get("text");
    const createdAt = entry.get("createdAt");
    return {
      id,
      rank: rankOf(entry),
      text: text instanceof Y.XmlFragment ? xmlToPlainText(text) : "",
      createdAt: typeof createdAt === "number" ? createdAt : 0,
    };
  });
}

/**
 * A rank that places an item just before `beforeId` (or last when `beforeId` is null), ignoring `movingId`.
 * When neighbours share a rank (a rare concurrent collision) the list is first re-ranked evenly, inside the
 * caller's transaction, so there is room between them.
 */
function rankForPosition(doc: Y.Doc, panelId: string, beforeId: string | null, movingId: string | null): string | null {
  const entries = sortedEntries(doc, panelId).filter(([id]) => id !== movingId);
  const index = beforeId === null ? entries.length : entries.findIndex(([id]) => id === beforeId);
  if (index < 0) return null;
  const lower = index > 0 ? rankOf(entries[index - 1][1]) : null;
  const upper = index < entries.length ? rankOf(entries[index][1]) : null;
  if (lower !== null && upper !== null && lower >= upper) {
    const ranks = spreadRanks(entries.length);
    entries.forEach(([, entry], i) => entry.set("rank", ranks[i]));
    return rankBetween(index > 0 ? ranks[index - 1] : null, index < ranks.length ? ranks[index] : null);
  }
  try {
    return rankBetween(lower || null, upper || null);
  } catch {
    // A malformed rank written by a foreign client: re-rank and retry once.
    const ranks = spreadRanks(entries.length);
    entries.forEach(([, entry], i) => entry.set("rank", ranks[i]));
    return rankBetween(index > 0 ? ranks[index - 1] : null, index < ranks.length ? ranks[index] : null);
  }
}

/** Options for {@link addTakeaway}; all optional. */
export interface AddTakeawayOptions {
  /** Insert before this takeaway; default: append at the end. */
  beforeId?: string | null;
  /** Explicit id (tests, imports); default: 12 random base-36 chars. */
  id?: string;
  /** Epoch ms; default `Date.now()`. */
  now?: number;
}

/**
 * Adds a takeaway (in one transaction) and returns its id.
 * @throws Error when `options.beforeId` is given but not in the list, or `options.id` already exists.
 */
export function addTakeaway(doc: Y.Doc, panelId: string, text = "", options: AddTakeawayOptions = {}): string {
  const id = options.id ?? randomId();
  const map = takeawaysMap(doc, panelId);
  if (map.has(id)) throw new Error(`takeaway ${id} already exists`);
  doc.transact(() => {
    const rank = rankForPosition(doc, panelId, options.beforeId ?? null, null);
    if (rank === null) throw new Error(`takeaway ${options.beforeId} not found`);
    const entry = new Y.Map<unknown>();
    map.set(id, entry);
    entry.set("rank", rank);
    entry.set("createdAt", options.now ?? Date.now());
    const fragment = new Y.XmlFragment();
    entry.set("text", fragment);
    if (text) setPlainText(fragment, text);
  });
  return id;
}

/**
 * Moves takeaway `id` just before `beforeId` (null = to the end) by rewriting its rank only.
 * Returns false (and changes nothing) when `id` or `beforeId` is not in the list, e.g. deleted concurrently.
 */
export function moveTakeaway(doc: Y.Doc, panelId: string, id: string, beforeId: string | null): boolean {
  const entry = takeawaysMap(doc, panelId).get(id);
  if (!entry || beforeId === id) return false;
  let moved = false;
  doc.transact(() => {
    const rank = rankForPosition(doc, panelId, beforeId, id);
    if (rank === null) return;
    entry.set("rank", rank);
    moved = true;
  });
  return moved;
}

/** Removes a takeaway; returns false when it did not exist. */
export function removeTakeaway(doc: Y.Doc, panelId: string, id: string): boolean {
  const map = takeawaysMap(doc, panelId);
  if (!map.has(id)) return false;
  map.delete(id);
  return true;
}

/** The rich-text fragment of one takeaway (for binding an editor), or undefined. */
export function takeawayFragment(doc: Y.Doc, panelId: string, id: string): Y.XmlFragment | undefined {
  const text = takeawaysMap(doc, panelId).get(id)?.get("text");
  return text instanceof Y.XmlFragment ? text : undefined;
}
