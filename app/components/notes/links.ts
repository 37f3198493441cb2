/**
 * Which link targets notes may hold. Notes are shown to every participant and exported in summaries, so
 * only web and mail links are allowed: `javascript:`, `data:` and friends could run script in a reader's
 * page, and `file:`/custom schemes point at nothing a reader can open.
 */

/** Schemes a note link may use (TipTap Link `protocols`, also used by `isAllowedUri`). */
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
