/**
 * Pure conversion between the panel editor's form (all strings, textareas one item per line) and
 * `PanelDefinition` / `PollDefinition` input. Validation stays with the domain schemas; this only
 * reshapes and derives keys, so the same zod issues can be shown next to the right field.
 */
import type { PanelDefinition, PollDefinition, PollDefinitionInput, PollKind, ResultsVisibility } from "~/domain/template";
import { linesOf, numberOrUndefined, readForm, slugify, uniqueSlug } from "~/utils/forms";

/** One poll as the editor holds it. `key` is "" for a poll not saved yet. */
export interface PollFormValues {
  key: string;
  question: string;
  kind: PollKind;
  visibility: ResultsVisibility;
  /** One option label per line (single, multiple, ranking). */
  options: string;
  maxChoices: string;
  min: string;
  max: string;
  minLabel: string;
  maxLabel: string;
  midLabel: string;
  maxLength: string;
  /** One statement per line. */
  statements: string;
}

export interface PanelFormValues {
  title: string;
  framing: string;
  /** One prompt per line. */
  prompts: string;
  durationMinutes: string;
  polls: PollFormValues[];
}

const POLL_FIELDS = [
  "key", "question", "kind", "visibility", "options", "maxChoices", "min", "max",
  "minLabel", "maxLabel", "midLabel", "maxLength", "statements",
] as const;

const KINDS: readonly PollKind[] = ["single", "multiple", "scale", "ranking", "open", "statements"];
const VISIBILITIES: readonly ResultsVisibility[] = ["live", "on-close", "hidden"];

/** A blank poll for "Add poll": a single-choice question with sensible scale defaults pre-filled. */
export function blankPoll(): PollFormValues {
  return {
    key: "", question: "", kind: "single", visibility: "live", options: "", maxChoices: "2",
    min: "1", max: "7", minLabel: "", maxLabel: "", midLabel: "", maxLength: "280", statements: "",
  };
}

/** Editor values for a stored or template poll. */
export function pollToForm(poll: PollDefinition): PollFormValues {
  const v = { ...blankPoll(), key: poll.key, question: poll.question, kind: poll.kind, visibility: poll.visibility };
  if ("options" in poll) v.options = poll.options.map((o) => o.label).join("\n");
  if (poll.kind === "multiple") v.maxChoices = String(poll.maxChoices);
  if (poll.kind === "scale") {
    Object.assign(v, { min: String(poll.min), max: String(poll.max), minLabel: poll.minLabel, maxLabel: poll.maxLabel, midLabel: poll.midLabel ?? "" });
  }
  if (poll.kind === "open") v.maxLength = String(poll.maxLength);
  if (poll.kind === "statements") v.statements = poll.statements.map((s) => s.text).join("\n");
  return v;
}

/** Editor values for a panel. */
export function panelToForm(panel: Pick<PanelDefinition, "title" | "framing" | "prompts" | "durationMinutes" | "polls">): PanelFormValues {
  return {
    title: panel.title,
    framing: panel.framing,
    prompts: panel.prompts.join("\n"),
    durationMinutes: String(panel.durationMinutes),
    polls: panel.polls.map(pollToForm),
  };
}

/**
 * Reads the panel editor's FormData: fields `title`, `framing`, `prompts`, `durationMinutes` and,
 * per poll i, `polls.<i>.<field>` for i = 0..`pollCount`-1. Unknown kinds/visibilities fall back to
 * the first allowed value so a tampered form cannot crash the editor.
 */
export function readPanelForm(form: FormData): PanelFormValues {
  const base = readForm(form, ["title", "framing", "prompts", "durationMinutes", "pollCount"] as const);
  const count = Math.min(Math.max(Number(base.pollCount) || 0, 0), 20);
  const polls: PollFormValues[] = [];
  for (let i = 0; i < count; i++) {
    const raw = readForm(form, POLL_FIELDS.map((f) => `polls.${i}.${f}`));
    const get = (f: (typeof POLL_FIELDS)[number]) => raw[`polls.${i}.${f}`] ?? "";
    const v = Object.fromEntries(POLL_FIELDS.map((f) => [f, get(f)])) as unknown as PollFormValues;
    v.kind = KINDS.includes(v.kind) ? v.kind : "single";
    v.visibility = VISIBILITIES.includes(v.visibility) ? v.visibility : "live";
    polls.push(v);
  }
  return { title: base.title, framing: base.framing, prompts: base.prompts, durationMinutes: base.durationMinutes, polls };
}

/**
 * Keyed items from labels, one per line. A label equal to one in `previous` keeps that item's key
 * (keys are what tallies and cross-workshop comparisons use); others get a unique slug of the label.
 */
export function keyedLines<T extends string>(
  text: string,
  field: T,
  previous: readonly ({ key: string } & Record<T, string>)[] = [],
  fallback = "option",
): ({ key: string } & Record<T, string>)[] {
  const lines = linesOf(text);
  const byLabel = new Map(previous.map((p) => [p[field].trim(), p.key]));
  const taken = new Set<string>();
  // Reserve kept keys first so a new label cannot take an existing item's key.
  const kept = lines.map((l) => byLabel.get(l));
  kept.forEach((k) => k && taken.add(k));
  return lines.map((label, i) => {
    const key = kept[i] ?? uniqueSlug(slugify(label), taken, `${fallback}-${i + 1}`);
    return { key, [field]: label } as { key: string } & Record<T, string>;
  });
}

/**
 * A poll definition input from editor values (validate it with `PollDefinition`).
 * @param previous the stored poll with the same key, to keep option/statement keys stable.
 * @param takenPollKeys poll keys used elsewhere on the agenda; a new poll's key avoids them and is added.
 */
export function formToPoll(v: PollFormValues, takenPollKeys: Set<string>, previous?: PollDefinition): PollDefinitionInput {
  const key = v.key || uniqueSlug(slugify(v.question, 40), takenPollKeys, "poll");
  const base = { key, question: v.question, visibility: v.visibility };
  const prevOptions = previous && "options" in previous ? previous.options : [];
  const options = () => keyedLines(v.options, "label", prevOptions, "option");
  switch (v.kind) {
    case "single":
    case "ranking":
      return { ...base, kind: v.kind, options: options() } as PollDefinitionInput;
    case "multiple":
      return { ...base, kind: "multiple", options: options(), maxChoices: numberOrUndefined(v.maxChoices) as number };
    case "scale":
      return {
        ...base,
        kind: "scale",
        min: numberOrUndefined(v.min) as number,
        max: numberOrUndefined(v.max) as number,
        minLabel: v.minLabel,
        maxLabel: v.maxLabel,
        ...(v.midLabel.trim() ? { midLabel: v.midLabel } : {}),
      };
    case "open":
      return { ...base, kind: "open", maxLength: numberOrUndefined(v.maxLength) };
    case "statements": {
      const prev = previous?.kind === "statements" ? previous.statements : [];
      return { ...base, kind: "statements", statements: keyedLines(v.statements, "text", prev, "statement") };
    }
  }
}

/**
 * The panel definition input from editor values. `key` is the panel's stable key; `otherPollKeys`
 * are poll keys on the rest of the agenda; `previousPolls` the panel's stored polls (matched by key).
 */
export function formToPanel(
  v: PanelFormValues,
  key: string,
  otherPollKeys: Iterable<string>,
  previousPolls: readonly PollDefinition[] = [],
): Record<string, unknown> {
  // Existing keys in this panel are reserved first so a new poll never steals one.
  const taken = new Set([...otherPollKeys, ...v.polls.map((p) => p.key).filter(Boolean)]);
  const prev = new Map(previousPolls.map((p) => [p.key, p]));
  return {
    key,
    title: v.title,
    framing: v.framing,
    prompts: linesOf(v.prompts),
    durationMinutes: numberOrUndefined(v.durationMinutes),
    polls: v.polls.map((p) => formToPoll(p, taken, p.key ? prev.get(p.key) : undefined)),
  };
}

/**
 * The editor field that shows an issue at `name` (a dotted zod path on the panel definition):
 * option/statement problems (`polls.1.options.3.label`) show on the textarea (`polls.1.options`);
 * a duplicate poll key shows on its question; prompt problems show on the prompts textarea.
 */
export function panelFieldFor(name: string): string {
  const parts = name.split(".");
  if (parts[0] === "prompts") return "prompts";
  if (parts[0] === "polls" && parts.length >= 3) {
    const [, i, field] = parts;
    if (field === "options" || field === "statements") return `polls.${i}.${field}`;
    if (field === "key") return `polls.${i}.question`;
    return `polls.${i}.${field}`;
  }
  if (parts[0] === "polls" && parts.length === 1) return "polls";
  return parts[0] === "key" ? "title" : parts[0];
}
