/**
 * Template, panel and poll definitions: the agenda data a workshop is made from.
 *
 * Pure zod schemas shared by the seed loader, the Remix routes, the realtime
 * servers and the browser. Limits are in one place with the reason for each.
 */
import { z } from "zod";

/** A stable, human-readable key: lower-case letters, digits and dashes (1..64 chars). */
export const Slug = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "use lower-case letters, digits and single dashes");

/** Limits. Each number says why. */
export const LIMITS = {
  /** A poll question must fit on a phone screen and a projector line or two. */
  questionChars: 300,
  /** An option label longer than this wraps to 3+ lines on a 390 px phone. */
  optionChars: 120,
  /** More than 12 options cannot be read on a projector bar chart. */
  maxOptions: 12,
  /** Statements polls: Polis sessions rarely show more than ~20 seeded statements per round. */
  maxStatements: 20,
  statementChars: 280,
  /** Open answers are word-cloud/short-text: 280 chars (a tweet) is enough, and caps storage per vote. */
  openTextChars: 280,
  /** A scale of up to 11 points (0–10 NPS-style) is the widest in common use. */
  maxScalePoints: 11,
  framingChars: 4000,
  promptChars: 500,
  maxPrompts: 10,
  titleChars: 200,
  /** A single panel over 8 h is not a panel; the guard catches minutes-vs-hours mistakes. */
  maxPanelMinutes: 480,
  maxPanels: 30,
  maxPollsPerPanel: 5,
} as const;

export const PollKind = z.enum(["single", "multiple", "scale", "ranking", "open", "statements"]);
export type PollKind = z.infer<typeof PollKind>;

/** When results are shown to the room: `live` while open, `on-close` after closing, `hidden` never (facilitator only). */
export const ResultsVisibility = z.enum(["live", "on-close", "hidden"]);
export type ResultsVisibility = z.infer<typeof ResultsVisibility>;

// Strict objects: a misspelt optional field (`visibilty`, `midlabel`) is an error with its path, not silently dropped.
export const PollOption = z.strictObject({
  key: Slug,
  label: z.string().trim().min(1).max(LIMITS.optionChars),
});
export type PollOption = z.infer<typeof PollOption>;

const uniqueKeys = <T extends { key: string }>(items: T[], ctx: z.RefinementCtx, field: string) => {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (seen.has(item.key)) {
      ctx.addIssue({ code: "custom", path: [field, i, "key"], message: `duplicate key "${item.key}"` });
    }
    seen.add(item.key);
  });
};

/** How two option labels compare for duplicates: case-, width- and whitespace-insensitive ("Yes", " yes ", "YES"). */
export const labelIdentity = (label: string) => label.normalize("NFKC").trim().replace(/\s+/g, " ").toLocaleLowerCase("und");

/**
 * Refuses two options (or statements) that read the same (QA B10: "Yes / No / Yes" was stored as
 * keys yes, no, yes-2 and split the votes). The issue is on the later item's `text` field.
 */
const uniqueLabels = <T,>(items: T[], text: (item: T) => string, ctx: z.RefinementCtx, field: string, name: "label" | "text") => {
  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    const id = labelIdentity(text(item));
    const first = seen.get(id);
    if (first !== undefined) {
      ctx.addIssue({ code: "custom", path: [field, i, name], message: `same as ${field === "options" ? "option" : "statement"} ${first + 1}: each must be different` });
    } else seen.set(id, i);
  });
};

const PollBase = z.strictObject({
  /** Stable poll key: the same template poll across workshops compares on this key. */
  key: Slug,
  question: z.string().trim().min(1).max(LIMITS.questionChars),
  visibility: ResultsVisibility.default("live"),
});

const Options = z.array(PollOption).min(2).max(LIMITS.maxOptions);

export const SinglePoll = PollBase.extend({ kind: z.literal("single"), options: Options });
export const MultiplePoll = PollBase.extend({
  kind: z.literal("multiple"),
  options: Options,
  maxChoices: z.number().int().min(1).max(LIMITS.maxOptions),
});
export const ScalePoll = PollBase.extend({
  kind: z.literal("scale"),
  min: z.number().int().min(0).max(1),
  max: z.number().int().min(2).max(LIMITS.maxScalePoints),
  minLabel: z.string().trim().min(1).max(LIMITS.optionChars),
  maxLabel: z.string().trim().min(1).max(LIMITS.optionChars),
  midLabel: z.string().trim().min(1).max(LIMITS.optionChars).optional(),
});
export const RankingPoll = PollBase.extend({ kind: z.literal("ranking"), options: Options });
export const OpenPoll = PollBase.extend({
  kind: z.literal("open"),
  maxLength: z.number().int().min(1).max(LIMITS.openTextChars).default(LIMITS.openTextChars),
});
export const Statement = z.strictObject({
  key: Slug,
  text: z.string().trim().min(1).max(LIMITS.statementChars),
});
export const StatementsPoll = PollBase.extend({
  kind: z.literal("statements"),
  statements: z.array(Statement).min(1).max(LIMITS.maxStatements),
});

/** A poll definition as written in a template or edited in an agenda. */
export const PollDefinition = z
  .discriminatedUnion("kind", [SinglePoll, MultiplePoll, ScalePoll, RankingPoll, OpenPoll, StatementsPoll])
  .superRefine((poll, ctx) => {
    if ("options" in poll) {
      uniqueKeys(poll.options, ctx, "options");
      uniqueLabels(poll.options, (o) => o.label, ctx, "options", "label");
    }
    if (poll.kind === "statements") {
      uniqueKeys(poll.statements, ctx, "statements");
      uniqueLabels(poll.statements, (o) => o.text, ctx, "statements", "text");
    }
    if (poll.kind === "multiple" && poll.maxChoices > poll.options.length) {
      ctx.addIssue({ code: "custom", path: ["maxChoices"], message: "maxChoices cannot exceed the number of options" });
    }
    if (poll.kind === "scale" && poll.max - poll.min + 1 > LIMITS.maxScalePoints) {
      ctx.addIssue({ code: "custom", path: ["max"], message: `a scale has at most ${LIMITS.maxScalePoints} points` });
    }
  });
export type PollDefinition = z.infer<typeof PollDefinition>;
export type PollDefinitionInput = z.input<typeof PollDefinition>;

/** One agenda item. `durationMinutes` is the planned duration in minutes. */
export const PanelDefinition = z
  .strictObject({
    key: Slug,
    title: z.string().trim().min(1).max(LIMITS.titleChars),
    framing: z.string().trim().min(1).max(LIMITS.framingChars),
    prompts: z.array(z.string().trim().min(1).max(LIMITS.promptChars)).min(1).max(LIMITS.maxPrompts),
    durationMinutes: z.number().int().min(1).max(LIMITS.maxPanelMinutes),
    polls: z.array(PollDefinition).max(LIMITS.maxPollsPerPanel).default([]),
  })
  .superRefine((panel, ctx) => uniqueKeys(panel.polls, ctx, "polls"));
export type PanelDefinition = z.infer<typeof PanelDefinition>;

/** A reusable agenda. Poll keys are unique across the whole template (they are the comparison key). */
export const Template = z
  .strictObject({
    key: Slug,
    title: z.string().trim().min(1).max(LIMITS.titleChars),
    description: z.string().trim().max(LIMITS.framingChars).default(""),
    /** BCP 47 language tag of the template text. */
    language: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/).default("en"),
    /** Where the facts come from (citation of the source report). */
    source: z.string().trim().max(1000).optional(),
    panels: z.array(PanelDefinition).min(1).max(LIMITS.maxPanels),
  })
  .superRefine((t, ctx) => {
    uniqueKeys(t.panels, ctx, "panels");
    const seen = new Map<string, number>();
    t.panels.forEach((panel, p) =>
      panel.polls.forEach((poll, q) => {
        if (seen.has(poll.key)) {
          ctx.addIssue({
            code: "custom",
            path: ["panels", p, "polls", q, "key"],
            message: `poll key "${poll.key}" is already used in panel ${seen.get(poll.key)! + 1}`,
          });
        } else seen.set(poll.key, p);
      }),
    );
  });
export type Template = z.infer<typeof Template>;
export type TemplateInput = z.input<typeof Template>;
