/**
 * Zod issues as translatable codes (`organiser.errors.<code>`), shared by form field errors (app/utils/forms.ts)
 * and command acks (events.ts): pure, with no i18n config or translations, so the domain core stays light.
 */
import type { z } from "zod";

type Issue = z.core.$ZodIssue;

/**
 * A short, translatable description of one zod issue: `{code, values}` where `code` is a key under
 * `organiser.errors`. Unknown or custom issues fall back to `custom` with zod's own message.
 */
export function describeIssue(issue: Issue): { code: string; values: Record<string, unknown> } {
  const last = issue.path[issue.path.length - 1];
  switch (issue.code) {
    case "invalid_type":
      // Missing fields arrive as undefined (or null from `FormData.get`); numbers that did not parse arrive as NaN.
      if (issue.expected === "number") return { code: "number", values: {} };
      // zod 4 keeps the input out of issues; its message ends "received undefined" / "received null".
      if (/received (undefined|null)$/.test(issue.message)) return { code: "required", values: {} };
      // Only template files can hold a value of the wrong type (a list where text belongs…).
      return { code: "wrongType", values: { expected: issue.expected } };
    case "too_small": {
      const min = Number(issue.minimum);
      if (issue.origin === "string") return min <= 1 ? { code: "required", values: {} } : { code: "tooShort", values: { count: min } };
      if (issue.origin === "array") return { code: "tooFew", values: { count: min } };
      return { code: "tooSmall", values: { min } };
    }
    case "too_big": {
      const max = Number(issue.maximum);
      if (issue.origin === "string") return { code: "tooLong", values: { count: max } };
      if (issue.origin === "array") return { code: "tooMany", values: { count: max } };
      return { code: "tooBig", values: { max } };
    }
    case "invalid_format":
      // Keys (template, panel, poll, option) are slugs: `Slug` in app/domain/template.ts.
      if (issue.format === "regex" && last === "key") return { code: "slug", values: {} };
      return { code: issue.format === "email" ? "email" : last === "startsOn" || last === "endsOn" ? "date" : "format", values: {} };
    case "invalid_value":
      // `consent: z.literal(true)` (join form): the box was not ticked.
      if (last === "consent") return { code: "consent", values: {} };
      return { code: "choice", values: {} };
    case "invalid_union":
      // A poll `kind` that is none of the kinds (discriminated union).
      return { code: "choice", values: {} };
    case "unrecognized_keys":
      return { code: "unknownKeys", values: { keys: issue.keys.join(", "), count: issue.keys.length } };
    case "custom":
      if (last === "endsOn") return { code: "endsBeforeStarts", values: {} };
      if (last === "confirm") return { code: "passwordMismatch", values: {} };
      if (last === "timeZone") return { code: "timeZone", values: {} };
      if (last === "startsOn") return { code: "date", values: {} };
      if (last === "maxChoices") return { code: "maxChoices", values: {} };
      if (last === "key") return { code: "duplicate", values: {} };
      // Option labels and statement texts have one custom rule: no two may read the same (template.ts).
      if (last === "label" || last === "text") return { code: "duplicate", values: {} };
      if (last === "max") return { code: "scaleWidth", values: {} };
      // The notes link dialog (NoteLinkForm): a scheme other than http, https or mailto.
      if (last === "href") return { code: "linkScheme", values: {} };
      return { code: "custom", values: { message: issue.message } };
    default:
      return { code: "custom", values: { message: issue.message } };
  }
}
