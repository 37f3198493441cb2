/**
 * One name for each poll kind and results visibility on every screen (QA finding U6): the
 * organiser's read-only summary, the participant's badge and the console all say the same.
 * Rendered with React's server renderer and the app's i18next set-up, in English and French.
 */
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { describe, expect, it } from "vitest";
import { PollSummary } from "../../app/components/organiser/PollSummary";
import { createI18n } from "../../app/i18n/config";
import type { PollDefinition } from "../../app/domain/template";

const poll = { key: "words", kind: "open", question: "One word?", visibility: "on-close", maxLength: 80 } as PollDefinition;

describe("poll kind and visibility names", () => {
  for (const lang of ["en", "fr"] as const) {
    it(`are the console's in the organiser's summary (${lang})`, () => {
      const i18n = createI18n(lang);
      const html = renderToStaticMarkup(createElement(I18nextProvider, { i18n }, createElement(PollSummary, { poll })));
      const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/'/g, "&#x27;");
      expect(html).toContain(esc(i18n.t("polls.kind.open")));
      expect(html).toContain(esc(i18n.t("polls.visibility.on-close")));
    });
  }
  it("name the word cloud and the staff-only visibility plainly", () => {
    const en = createI18n("en");
    expect(en.t("polls.kind.open")).toBe("Open text (word cloud)");
    expect(["live", "on-close", "hidden"].map((v) => en.t(`polls.visibility.${v}`))).toEqual(["Live, while the poll is open", "When the poll closes", "Never (staff only)"]);
  });
});
