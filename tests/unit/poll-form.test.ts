import { describe, expect, it } from "vitest";
import { PanelDefinition, PollDefinition } from "../../app/domain/template";
import {
  blankPoll,
  formToPanel,
  formToPoll,
  keyedLines,
  panelFieldFor,
  panelToForm,
  pollToForm,
  readPanelForm,
} from "../../app/components/organiser/poll-form";

const scale = PollDefinition.parse({
  key: "binding",
  question: "How binding should norms be?",
  kind: "scale",
  min: 1,
  max: 7,
  minLabel: "Legally binding",
  maxLabel: "Non-binding",
});
const single = PollDefinition.parse({
  key: "priority",
  question: "Top priority?",
  kind: "single",
  options: [
    { key: "debris", label: "Debris" },
    { key: "asat", label: "ASAT tests" },
  ],
});
const panel = PanelDefinition.parse({
  key: "norms",
  title: "Norms",
  framing: "Why norms matter.",
  prompts: ["What works?", "What fails?"],
  durationMinutes: 45,
  polls: [scale, single],
});

describe("panel form round trip", () => {
  it("turns a panel into form values and back to the same definition", () => {
    const values = panelToForm(panel);
    expect(values.prompts).toBe("What works?\nWhat fails?");
    expect(values.polls[1].options).toBe("Debris\nASAT tests");
    const back = PanelDefinition.parse(formToPanel(values, "norms", [], panel.polls));
    expect(back).toEqual(panel);
  });

  it("reads the editor's FormData with indexed poll fields", () => {
    const form = new FormData();
    const values = panelToForm(panel);
    for (const f of ["title", "framing", "prompts", "durationMinutes"] as const) form.set(f, values[f]);
    form.set("pollCount", "2");
    values.polls.forEach((p, i) => Object.entries(p).forEach(([k, v]) => form.set(`polls.${i}.${k}`, v)));
    form.set("polls.1.kind", "bogus");
    const read = readPanelForm(form);
    expect(read.polls).toHaveLength(2);
    expect(read.polls[0]).toEqual(values.polls[0]);
    expect(read.polls[1].kind).toBe("single");
  });
});

describe("poll keys", () => {
  it("keeps option keys for unchanged labels and slugs new ones uniquely", () => {
    const v = { ...pollToForm(single), options: "ASAT tests\nDebris\nDebris!\nNew idea" };
    const poll = PollDefinition.parse(formToPoll(v, new Set(), single));
    expect(poll.kind === "single" && poll.options.map((o) => o.key)).toEqual(["asat", "debris", "debris-2", "new-idea"]);
  });

  it("derives a unique key for a new poll from its question, avoiding the agenda's keys", () => {
    const taken = new Set(["top-priority"]);
    const v = { ...blankPoll(), question: "Top priority?", options: "A\nB" };
    expect(formToPoll(v, taken).key).toBe("top-priority-2");
    expect(formToPoll({ ...v }, taken).key).toBe("top-priority-3");
  });

  it("keeps an edited poll's key even when the question changes", () => {
    const v = { ...pollToForm(scale), question: "Completely new wording" };
    expect(formToPoll(v, new Set()).key).toBe("binding");
  });

  it("gives non-Latin labels fallback keys", () => {
    expect(keyedLines("نعم\nلا", "label").map((o) => o.key)).toEqual(["option-1", "option-2"]);
  });

  it("a new poll does not take an existing poll's key in the same panel", () => {
    const values = panelToForm(panel);
    values.polls.push({ ...blankPoll(), question: "Binding", options: "a\nb" });
    const def = PanelDefinition.parse(formToPanel(values, "norms", []));
    expect(def.polls.map((p) => p.key)).toEqual(["binding", "priority", "binding-2"]);
  });
});

describe("kind-specific fields", () => {
  it("builds each kind and lets the schema report what is missing", () => {
    const kinds = ["multiple", "scale", "open", "statements", "ranking"] as const;
    const base = { ...blankPoll(), question: "Q", options: "One\nTwo\nThree", maxChoices: "2", minLabel: "Low", maxLabel: "High", statements: "S1\nS2" };
    for (const kind of kinds) expect(PollDefinition.safeParse(formToPoll({ ...base, kind }, new Set())).success, kind).toBe(true);
    const bad = PollDefinition.safeParse(formToPoll({ ...base, kind: "multiple", maxChoices: "9" }, new Set()));
    expect(bad.error!.issues.map((i) => i.path.join("."))).toEqual(["maxChoices"]);
    const noLabel = PollDefinition.safeParse(formToPoll({ ...base, kind: "scale", minLabel: "" }, new Set()));
    expect(noLabel.error!.issues.map((i) => i.path.join("."))).toEqual(["minLabel"]);
  });
});

describe("panelFieldFor", () => {
  it("routes nested issue paths to the editor's fields", () => {
    expect(panelFieldFor("polls.1.options.3.label")).toBe("polls.1.options");
    expect(panelFieldFor("polls.0.statements")).toBe("polls.0.statements");
    expect(panelFieldFor("polls.2.key")).toBe("polls.2.question");
    expect(panelFieldFor("prompts.4")).toBe("prompts");
    expect(panelFieldFor("polls.0.maxChoices")).toBe("polls.0.maxChoices");
    expect(panelFieldFor("durationMinutes")).toBe("durationMinutes");
  });
});
