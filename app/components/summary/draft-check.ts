/**
 * The non-attribution check of a whole summary draft, shared by the draft editor (which re-runs it on
 * every change, so applying one suggestion re-anchors all the others) and the server's publish gate
 * (server/outcome/check.ts), so the editor's "Publish" agrees with what the server will accept.
 * Pure and browser-safe.
 */
import { nonAttributionFindings, resolveFindings } from "../../domain/attribution";
import type { Finding, Language } from "../../domain/attribution/types";
import type { SummaryBody } from "../../domain/summary/schema";
import { checkBlocks } from "./blocks";

/** Names that must not appear in the text (participants' display names, staff names). */
export type CheckNames = readonly { displayName: string | null }[];

/**
 * Findings of `body` against `names`, in block then text order; none under the `attributed` rule.
 * `language` only picks the suggestion language when a sentence's language cannot be told.
 */
export function draftFindings(body: SummaryBody, names: CheckNames, language: Language = "en"): Finding[] {
  if (body.workshop.rule !== "chatham-house") return [];
  return nonAttributionFindings({ blocks: checkBlocks(body), participants: [...names], language });
}

/**
 * Findings not resolved by a dismissal with a reason (`dismissals`: findingId → reason). Zero here is
 * exactly the server's publish condition for the same text and dismissals.
 */
export function openFindings(findings: readonly Finding[], dismissals: Readonly<Record<string, string>>): Finding[] {
  const list = Object.entries(dismissals).map(([findingId, reason]) => ({ findingId, action: "dismissed" as const, reason }));
  return resolveFindings([...findings], list).unresolved;
}
