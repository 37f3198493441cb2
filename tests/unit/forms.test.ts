import { describe, expect, it } from "vitest";
import { z } from "zod";
import { fieldErrors, linesOf, numberOrUndefined, readForm, slugify, uniqueSlug } from "../../app/utils/forms";
import { WorkshopFields } from "../../app/domain/workshop";
import { PollDefinition } from "../../app/domain/template";
import { createI18n } from "../../app/i18n/config";

const t = (key: string, values?: Record<string, unknown>) => `${key}${values && Object.keys(values).length ? JSON.stringify(values) : ""}`;

describe("fieldErrors", () => {
  const Schema = z.object({ name: z.string().trim().min(1), tags: z.array(z.string()).min(2), age: z.number().int().max(120) });

  it("keys errors by dotted path, first issue per field, with zod's message without t", () => {
    const r = Schema.safeParse({ name: " ", tags: ["a"], age: 200 });
    const errors = fieldErrors(r.error!.issues);
    expect(Object.keys(errors).sort()).toEqual(["age", "name", "tags"]);
    expect(errors.age).toMatch(/120/);
  });

  it("translates issue codes with their limits", () => {
    const r = Schema.safeParse({ name: "", tags: [], age: Number("x") });
    expect(fieldErrors(r.error!.issues, t)).toEqual({
      name: "organiser.errors.required",
      tags: 'organiser.errors.tooFew{"count":2}',
      age: "organiser.errors.number",
    });
  });

  it("maps the workshop's refinements to specific messages", () => {
    const r = WorkshopFields.safeParse({ title: "T", region: "R", timeZone: "Mars/Base", startsOn: "2025-05-02", endsOn: "2025-05-01" });
    const errors = fieldErrors(r.error!.issues, t);
    expect(errors.timeZone).toBe("organiser.errors.timeZone");
    // The endsOn refinement only runs once the object shape passes; check it separately.
    const r2 = WorkshopFields.safeParse({ title: "T", region: "R", timeZone: "UTC", startsOn: "2025-05-02", endsOn: "2025-05-01" });
    expect(fieldErrors(r2.error!.issues, t)).toEqual({ endsOn: "organiser.errors.endsBeforeStarts" });
  });

  it("renames paths to the field that shows them", () => {
    const r = z.object({ polls: z.array(z.object({ options: z.array(z.string().min(1)) })) }).safeParse({ polls: [{ options: [""] }] });
    expect(Object.keys(fieldErrors(r.error!.issues, t, (n) => n.split(".").slice(0, 3).join(".")))).toEqual(["polls.0.options"]);
  });
});

describe("form reading", () => {
  it("reads strings and arrays, files and missing fields as empty", () => {
    const form = new FormData();
    form.set("a", "x");
    form.set("f", new Blob(["data"]), "f.txt");
    form.append("ids", "1");
    form.append("ids", "2");
    expect(readForm(form, ["a", "f", "missing"] as const, ["ids"] as const)).toEqual({ a: "x", f: "", missing: "", ids: ["1", "2"] });
  });

  it("splits lines and parses numbers", () => {
    expect(linesOf(" one \r\n\n two\n  ")).toEqual(["one", "two"]);
    expect(numberOrUndefined(" ")).toBeUndefined();
    expect(numberOrUndefined("12")).toBe(12);
    expect(numberOrUndefined("x")).toBeNaN();
  });
});

describe("slugs", () => {
  it("folds accents and punctuation into a valid key", () => {
    expect(slugify("  Égalité & Sécurité — 2030! ")).toBe("egalite-securite-2030");
    expect(slugify("ثقة")).toBe("");
    expect(slugify("a".repeat(30) + " " + "b".repeat(30), 40)).toBe("a".repeat(30) + "-" + "b".repeat(9));
  });

  it("never returns a taken slug and records what it returns", () => {
    const taken = new Set(["trust", "trust-2"]);
    expect(uniqueSlug("trust", taken)).toBe("trust-3");
    expect(uniqueSlug("", taken, "poll")).toBe("poll");
    expect(taken.has("trust-3") && taken.has("poll")).toBe(true);
  });

  it("a duplicate option label shows the editor's 'used twice' error on the options field (B10)", () => {
    const r = PollDefinition.safeParse({ key: "p", kind: "single", question: "Q?", options: [{ key: "yes", label: "Yes" }, { key: "no", label: "No" }, { key: "yes-2", label: " yes" }] });
    expect(r.success).toBe(false);
    const errors = fieldErrors(r.error!.issues, createI18n("en").t, (n) => n.replace(/^(options|statements)\..*/, "$1"));
    expect(errors).toEqual({ options: "This is used twice; make each one different." });
  });
});
