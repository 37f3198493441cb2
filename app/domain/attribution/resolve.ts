/**
 * What the rapporteur does with findings: apply a suggestion, or record an edit / a dismissal.
 * Publishing a summary is blocked while `resolveFindings(...).unresolved` is not empty.
 */
import { MIN_DISMISS_REASON, type Finding, type Resolution } from "./types";

/**
 * Returns `text` with `finding.match` (at `finding.start`..`finding.end`) replaced by `finding.suggestion`.
 * @throws Error when the text at that span is no longer `finding.match` (the block was edited since the check);
 *   re-run the check rather than patch the wrong words.
 */
export function applySuggestion(text: string, finding: Pick<Finding, "start" | "end" | "match" | "suggestion">): string {
  if (text.slice(finding.start, finding.end) !== finding.match) {
    throw new Error(`text changed since the check: expected "${finding.match}" at ${finding.start}`);
  }
  return text.slice(0, finding.start) + finding.suggestion + text.slice(finding.end);
}

/**
 * Splits findings into resolved and unresolved. A finding is resolved by an `edited` resolution,
 * or by a `dismissed` one whose trimmed reason has at least MIN_DISMISS_REASON (3) characters;
 * resolutions for unknown ids are ignored. The last resolution for an id wins.
 */
export function resolveFindings(
  findings: Finding[],
  resolutions: Resolution[],
): { unresolved: Finding[]; resolved: Finding[] } {
  const byId = new Map<string, Resolution>();
  for (const r of resolutions) byId.set(r.findingId, r);
  const unresolved: Finding[] = [];
  const resolved: Finding[] = [];
  for (const f of findings) {
    const r = byId.get(f.id);
    const ok = r && (r.action === "edited" || (r.reason ?? "").trim().length >= MIN_DISMISS_REASON);
    (ok ? resolved : unresolved).push(f);
  }
  return { unresolved, resolved };
}
