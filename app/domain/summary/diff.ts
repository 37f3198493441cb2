/**
 * Differences between two summary versions, for the "diff between versions" view: which
 * metadata fields changed, and per panel which fields changed, with text diffs of the prose.
 * Panels and polls are matched by their stable keys, not by position, so reordering the agenda
 * shows as a move-free list of changes rather than every panel "changed".
 */
import { toPlainText } from "./richtext";
import type { SummaryBody, SummaryPanel, SummaryPoll } from "./schema";
import { diffBlocks, diffLines, diffWords, hasChanges, type BlockOp, type DiffOp } from "./text-diff";

/** A changed scalar-ish metadata field, e.g. `workshop.title` or `participants.count`. */
export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

/**
 * One changed field of a panel. Text fields carry a diff (words for title/framing, lines otherwise);
 * block fields (prompts, notes paragraphs, takeaways) also carry `blocks`: block by block, with a word
 * diff inside each changed block — the view renders those.
 */
export type PanelChange =
  | { field: "title" | "framing"; diff: DiffOp[] }
  | { field: "prompts" | "notes" | "takeaways"; diff: DiffOp[]; blocks: BlockOp[] }
  | { field: "poll"; pollKey: string; change: "added" | "removed" | "question" | "results" };

export interface PanelDiff {
  key: string;
  /** The panel's title in B (or in A when removed). */
  title: string;
  status: "added" | "removed" | "changed" | "unchanged";
  changes: PanelChange[];
}

export interface SummaryDiff {
  metadata: FieldChange[];
  /** B's panels in B's order, then panels only in A (removed) in A's order. */
  panels: PanelDiff[];
}

const same = (x: unknown, y: unknown) => JSON.stringify(x) === JSON.stringify(y);

/**
 * Compares version A (older) with version B (newer).
 * @example diffSummaries(v1, v2).panels.filter((p) => p.status !== "unchanged")
 */
export function diffSummaries(a: SummaryBody, b: SummaryBody): SummaryDiff {
  const metadata: FieldChange[] = [];
  for (const section of ["workshop", "session", "participants"] as const) {
    const keys = [...new Set([...Object.keys(a[section]), ...Object.keys(b[section])])].sort();
    for (const key of keys) {
      const before = (a[section] as Record<string, unknown>)[key];
      const after = (b[section] as Record<string, unknown>)[key];
      if (!same(before, after)) metadata.push({ field: `${section}.${key}`, before, after });
    }
  }
  const inA = new Map(a.panels.map((p) => [p.key, p]));
  const inB = new Set(b.panels.map((p) => p.key));
  const panels: PanelDiff[] = b.panels.map((pb) => {
    const pa = inA.get(pb.key);
    if (!pa) return { key: pb.key, title: pb.title, status: "added", changes: [] };
    const changes = panelChanges(pa, pb);
    return { key: pb.key, title: pb.title, status: changes.length > 0 ? "changed" : "unchanged", changes };
  });
  for (const pa of a.panels) {
    if (!inB.has(pa.key)) panels.push({ key: pa.key, title: pa.title, status: "removed", changes: [] });
  }
  return { metadata, panels };
}

function panelChanges(a: SummaryPanel, b: SummaryPanel): PanelChange[] {
  const changes: PanelChange[] = [];
  const text = (field: "title" | "framing", diff: DiffOp[]) => {
    if (hasChanges(diff)) changes.push({ field, diff });
  };
  const blocks = (field: "prompts" | "notes" | "takeaways", before: string, after: string) => {
    const diff = diffLines(before, after);
    if (hasChanges(diff)) changes.push({ field, diff, blocks: diffBlocks(lines(before), lines(after)) });
  };
  text("title", diffWords(a.title, b.title));
  text("framing", diffWords(a.framing, b.framing));
  blocks("prompts", a.prompts.join("\n"), b.prompts.join("\n"));
  blocks("notes", toPlainText(a.notes), toPlainText(b.notes));
  // One takeaway per line; a multi-line takeaway is flattened so it stays one diff unit.
  const takeawayLines = (p: SummaryPanel) => p.takeaways.map((t) => t.replace(/\s*\n\s*/g, " ")).join("\n");
  blocks("takeaways", takeawayLines(a), takeawayLines(b));

  const pollsA = new Map(a.polls.map((p) => [p.key, p]));
  const keysB = new Set(b.polls.map((p) => p.key));
  for (const pb of b.polls) {
    const pa = pollsA.get(pb.key);
    const change = pa ? pollChange(pa, pb) : "added";
    if (change) changes.push({ field: "poll", pollKey: pb.key, change });
  }
  for (const pa of a.polls) if (!keysB.has(pa.key)) changes.push({ field: "poll", pollKey: pa.key, change: "removed" });
  return changes;
}

const lines = (text: string): string[] => (text === "" ? [] : text.split("\n"));

function pollChange(a: SummaryPoll, b: SummaryPoll): "question" | "results" | null {
  if (a.question !== b.question || !same(a.definition, b.definition)) return "question";
  return same(a.runs, b.runs) && same(a.shift, b.shift) ? null : "results";
}
