/**
 * Which link targets notes may hold. Notes are shown to every participant and exported in summaries, so
 * only web and mail links are allowed: `javascript:`, `data:` and friends could run script in a reader's
 * page, and `file:`/custom schemes point at nothing a reader can open.
 */
import { z } from "zod";

/** Schemes a note link may use (checked by `isAllowedNoteUrl`, the Link extension's `isAllowedUri`). */
export const NOTE_LINK_PROTOCOLS = ["http", "https", "mailto"] as const;

/**
 * True when `url` is an absolute http(s) or mailto URL. A bare "example.org" is not accepted here: the
 * toolbar adds "https://" before asking (see {@link normaliseNoteUrl}).
 */
export function isAllowedNoteUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return false;
  }
  const scheme = parsed.protocol.replace(/:$/, "");
  if (!(NOTE_LINK_PROTOCOLS as readonly string[]).includes(scheme)) return false;
  return scheme === "mailto" ? parsed.pathname.includes("@") : parsed.hostname.length > 0;
}

/** What a person typed into the link box, made absolute ("example.org" → "https://example.org"); null if not allowed. */
export function normaliseNoteUrl(input: string): string | null {
  const s = input.trim();
  if (!s) return null;
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(s) ? s : s.includes("@") && !s.includes("/") ? `mailto:${s}` : `https://${s}`;
  return isAllowedNoteUrl(withScheme) ? withScheme : null;
}

/** Longest link address the dialog accepts (characters): far above real links, well below a frame cap. */
export const NOTE_LINK_MAX = 2048;

/**
 * The link dialog's form (`{href}`), parsed to what the toolbar does: `{href: null}` removes the link
 * (empty field), otherwise `href` is the absolute address {@link normaliseNoteUrl} made of the input.
 * A scheme other than http/https/mailto is a `custom` issue on `href`, which `describeIssue`
 * (app/utils/forms.ts) words as `organiser.errors.linkScheme`.
 */
export const NoteLinkForm = z.object({
  href: z
    .string()
    .max(NOTE_LINK_MAX)
    .transform((s, ctx) => {
      if (s.trim() === "") return null;
      const href = normaliseNoteUrl(s);
      if (href === null) {
        ctx.addIssue({ code: "custom", message: "Only http, https and mailto links are allowed" });
        return z.NEVER;
      }
      return href;
    }),
});
