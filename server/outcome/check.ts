/**
 * The server side of the non-attribution check: who could be named (participants' display names
 * and the staff accounts' names, read here and never stored in the body), the dismissals the
 * rapporteurs recorded, and the publish gate.
 */
import { resolveFindings, Resolution, type Finding } from "../../app/domain/attribution";
import type { SummaryBody } from "../../app/domain/summary";
import { draftFindings } from "../../app/components/summary/draft-check";
import type { Stores } from "../storage";
import { z } from "zod";

/** Settings key holding a session's dismissals (JSON `Resolution[]`), kept as an audit record. */
export const dismissalsKey = (sessionId: string) => `summary-dismissals:${sessionId}`;

const Dismissals = z.array(Resolution);

/** Names that must not appear: display names of everyone who joined, and names of staff accounts in the session. */
export async function namesOf(stores: Stores, sessionId: string): Promise<{ displayName: string | null }[]> {
  const people = await stores.sessions.listParticipants(sessionId);
  const staff = await Promise.all(people.filter((p) => p.userId).map((p) => stores.users.get(p.userId!)));
  const names = new Set<string>();
  for (const p of people) if (p.displayName?.trim()) names.add(p.displayName.trim());
  for (const u of staff) if (u?.name.trim()) names.add(u.name.trim());
  return [...names].map((displayName) => ({ displayName }));
}

/** Findings in `body` (none under the `attributed` rule: attribution is allowed there). */
export async function checkBody(stores: Stores, sessionId: string, body: SummaryBody, language: "en" | "fr" = "en"): Promise<Finding[]> {
  if (body.workshop.rule !== "chatham-house") return [];
  return draftFindings(body, await namesOf(stores, sessionId), language);
}

/** Stored dismissals (only `dismissed` entries are kept; an "edited" claim is proven by re-checking instead). */
export async function loadDismissals(stores: Stores, sessionId: string): Promise<Resolution[]> {
  const raw = await stores.settings.get(dismissalsKey(sessionId));
  if (!raw) return [];
  const parsed = Dismissals.safeParse(JSON.parse(raw));
  return parsed.success ? parsed.data : [];
}

/** Replaces the stored dismissals, dropping any without a reason or not of kind `dismissed`. */
export async function saveDismissals(stores: Stores, sessionId: string, dismissals: readonly Resolution[]): Promise<void> {
  const kept = dismissals.filter((d) => d.action === "dismissed" && (d.reason ?? "").trim() !== "");
  await stores.settings.set(dismissalsKey(sessionId), JSON.stringify(kept));
}

/**
 * The publish gate: findings of `body` not resolved by a dismissal with a reason. The client's
 * claims are never trusted: findings are recomputed here, and "edited" resolutions are ignored
 * (an edited finding simply no longer appears).
 */
export async function unresolvedFindings(stores: Stores, sessionId: string, body: SummaryBody, dismissals: readonly Resolution[]): Promise<Finding[]> {
  const findings = await checkBody(stores, sessionId, body);
  return resolveFindings(findings, dismissals.filter((d) => d.action === "dismissed")).unresolved;
}
