/**
 * The notes link box (LinkDialog) validates with `NoteLinkForm`: only http, https and mailto links, an
 * empty field removes the link, and a refused scheme reads as a translated field error (en + fr) through
 * the forms' `describeIssue`, never zod's English text.
 */
import { describe, expect, it } from "vitest";
import { NoteLinkForm, NOTE_LINK_MAX } from "../../app/components/notes/links";
import { createI18n } from "../../app/i18n/config";
import { fieldErrors } from "../../app/utils/forms";

const tr = (lang: "en" | "fr") => {
  const i18n = createI18n(lang);
  return (key: string, values?: Record<string, unknown>) => String(i18n.t(key, values ?? {}));
};

describe("NoteLinkForm", () => {
  it.each([
    ["https://example.org/a?b=1", "https://example.org/a?b=1"],
    ["  example.org ", "https://example.org"],
    ["http://example.org", "http://example.org"],
    ["name@example.org", "mailto:name@example.org"],
    ["mailto:name@example.org", "mailto:name@example.org"],
  ])("accepts %j as %j", (input, href) => {
    expect(NoteLinkForm.parse({ href: input })).toEqual({ href });
  });

  it("reads an empty field as 'remove the link'", () => {
    expect(NoteLinkForm.parse({ href: "   " })).toEqual({ href: null });
  });

  it.each(["javascript:alert(1)", "data:text/html,<b>x</b>", "file:///etc/passwd", "ftp://example.org", "mailto:nobody", "https://"])(
    "refuses %j with a translated error on the field",
    (input) => {
      const r = NoteLinkForm.safeParse({ href: input });
      expect(r.success).toBe(false);
      const en = fieldErrors(r.error!.issues, tr("en"));
      const fr = fieldErrors(r.error!.issues, tr("fr"));
      expect(Object.keys(en)).toEqual(["href"]);
      expect(en.href).toBe(tr("en")("organiser.errors.linkScheme"));
      expect(fr.href).toBe(tr("fr")("organiser.errors.linkScheme"));
      expect(fr.href).not.toBe(en.href);
      expect(en.href).not.toMatch(/organiser\.errors/);
    },
  );

  it("caps the address length", () => {
    const r = NoteLinkForm.safeParse({ href: `https://example.org/${"a".repeat(NOTE_LINK_MAX)}` });
    expect(r.success).toBe(false);
    expect(fieldErrors(r.error!.issues, tr("en")).href).toBe(tr("en")("organiser.errors.tooLong", { count: NOTE_LINK_MAX }));
  });
});
