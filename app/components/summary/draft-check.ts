/**
 * The non-attribution check of a whole summary draft, shared by the draft editor (which re-runs it on
 * every change, so applying one suggestion re-anchors all the others) and the server's publish gate
 * (server/outcome/check.ts), so the editor's "Publish" agrees with what the server will accept.
 * Pure and browser-safe.
 */
import { nonAttributionFindings, resolveFindings } from "../../domain/attribution";
import { findingId } from "../../domain/attribution/check";
import { answerBlocks } from "../../domain/summary/edits";
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
  return [...textFindings(body, names, language), ...answerFindings(body, names, language)];
}

/** Findings in the notes and takeaways only (what changes as the rapporteur types). */
export function textFindings(body: SummaryBody, names: CheckNames, language: Language = "en"): Finding[] {
  if (body.workshop.rule !== "chatham-house") return [];
  return nonAttributionFindings({ blocks: checkBlocks(body), participants: [...names], language });
}

/**
 * Findings in the open answers that go into the summary (withheld answers and withheld polls are
 * skipped: they are not published). Each answer is its own block (`…/answer/<poll>/<run>/<i>`);
 * a text given many times is checked once and its findings copied to each answer, with ids of
 * that answer (a large room repeats the same few answers hundreds of times).
 */
export function answerFindings(body: SummaryBody, names: CheckNames, language: Language = "en"): Finding[] {
  if (body.workshop.rule !== "chatham-house") return [];
  const participants = [...names];
  const answers = answerBlocks(body).filter((a) => !a.withheld);
  const distinct = [...new Set(answers.map((a) => a.text))];
  // One run over the distinct texts (block id = index), so the lexicon is built once.
  const byText = new Map<string, Finding[]>(distinct.map((text) => [text, []]));
  for (const f of nonAttributionFindings({ blocks: distinct.map((text, i) => ({ id: String(i), text })), participants, language })) {
    byText.get(distinct[Number(f.blockId)])!.push(f);
  }
  const out: Finding[] = [];
  for (const answer of answers) {
    for (const f of byText.get(answer.text)!) out.push({ ...f, blockId: answer.id, id: findingId(answer.id, f.start, f.kind) });
  }
  return out;
}

/**
 * Findings not resolved by a dismissal with a reason (`dismissals`: findingId → reason). Zero here is
 * exactly the server's publish condition for the same text and dismissals.
 */
export function openFindings(findings: readonly Finding[], dismissals: Readonly<Record<string, string>>): Finding[] {
  const list = Object.entries(dismissals).map(([findingId, reason]) => ({ findingId, action: "dismissed" as const, reason }));
  return resolveFindings([...findings], list).unresolved;
}
