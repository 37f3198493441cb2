/**
 * A refused console command is shown in the reader's language: the ack's issues (built on the server by
 * `toIssues` from a real zod failure of the `poll:create` schema) become `organiser.errors.*` messages,
 * never zod's English text.
 */
import { describe, expect, it } from "vitest";
import { commandErrorText } from "../../app/components/polls/useCommand";
import { toIssues } from "../../app/domain/events";
import { PollCreate } from "../../app/domain/polls/events";
import { createI18n } from "../../app/i18n/config";

const translator = (lang: "en" | "fr") => {
  const i18n = createI18n(lang);
  return (key: string, values?: Record<string, unknown>) => String(i18n.t(key, values ?? {}));
};

// A poll with an empty question and a single option: two zod issues, one of them a count.
const bad = { panelId: "p1", definition: { key: "q", kind: "single", question: "", visibility: "live", options: [{ key: "a", label: "A" }] } };

describe("commandErrorText", () => {
  const parsed = PollCreate.safeParse(bad);
  const issues = toIssues(parsed.error!);

  it("acks carry a translatable code next to zod's message", () => {
    expect(parsed.success).toBe(false);
    expect(issues.length).toBeGreaterThan(0);
    for (const i of issues) expect(typeof i.code).toBe("string");
  });

  it.each(["en", "fr"] as const)("shows translated problems and no zod wording (%s)", (lang) => {
    const t = translator(lang);
    const text = commandErrorText({ ok: false, error: "invalid-payload", issues }, t);
    expect(text.startsWith(t("polls.console.error.invalid-payload"))).toBe(true);
    for (const i of issues) expect(text).not.toContain(i.message);
    expect(text).not.toMatch(/expected|received|Too small|definition\./i);
    expect(text).toContain(t("organiser.errors.required"));
  });

  it("drops issues without a code or with only zod's own wording", () => {
    const t = translator("fr");
    const text = commandErrorText({ ok: false, error: "invalid-payload", issues: [{ path: "x", message: "Invalid input" }, { path: "y", message: "Boom", code: "custom", values: { message: "Boom" } }] }, t);
    expect(text).toBe(t("polls.console.error.invalid-payload"));
  });

  it("falls back to the generic message for an unknown error code", () => {
    const t = translator("en");
    expect(commandErrorText({ ok: false, error: "weird" as never }, t)).toBe(t("polls.console.error.generic"));
  });
});
