/**
 * What every export states besides the panels: the version line, the rule footer, and the
 * workshop/session facts as label–value pairs. Texts are plain (unescaped); each renderer escapes.
 * English only for now: the first users publish in English (the seed report's language).
 */
import { localTime, sectorMixWithheld, type SummaryBody } from "../../app/domain/summary";
import type { SectorRow } from "../../app/domain/polls/types";

/** Which published version an export renders. `publishedAt` is epoch ms (UTC). */
export interface ExportMeta {
  version: number;
  publishedAt: number;
}

/**
 * Footer naming the rule. The Chatham House wording is the Rule itself as published by Chatham
 * House (https://www.chathamhouse.org/about-us/chatham-house-rule), so readers see its exact terms.
 */
export function ruleFooter(rule: SummaryBody["workshop"]["rule"]): string {
  return rule === "chatham-house"
    ? "Held under the Chatham House Rule: participants are free to use the information received, but neither the identity nor the affiliation of the speaker(s), nor that of any other participant, may be revealed."
    : "Held on the record: views expressed may be attributed.";
}

/** English name of each sector row (including the "not stated" row) in exported tables. */
export const SECTOR_LABELS: Record<SectorRow, string> = {
  government: "Government",
  industry: "Industry",
  "civil-society": "Civil society",
  academia: "Academia",
  "international-organisation": "International organisation",
  other: "Other",
  unspecified: "Not stated",
};

/** Legend for suppressed cells, shown under any table that has one. */
export const SUPPRESSED_MARK = "—";
/** The legend sentence for `SUPPRESSED_MARK`, `k` being the workshop's minimum cell size. */
export const suppressedLegend = (k: number) =>
  `${SUPPRESSED_MARK} hidden to protect small groups: fewer than ${k} people, or a figure from which a hidden one could be worked out.`;

const when = (t: { date: string; time: string; offset: string } | null) => (t ? `${t.date} ${t.time} (UTC${t.offset})` : "not recorded");

/** "Version 3, published 2024-05-20 14:00 (UTC+07:00)" in the workshop's time zone. */
export function versionLine(body: SummaryBody, meta: ExportMeta): string {
  return `Version ${meta.version}, published ${when(localTime(meta.publishedAt, body.workshop.timeZone))}`;
}

/** Workshop and session facts, in display order. Sector counts appear only where not suppressed. */
export function factsOf(body: SummaryBody): [label: string, value: string][] {
  const { workshop, session, participants } = body;
  const dates = workshop.startsOn === workshop.endsOn ? workshop.startsOn : `${workshop.startsOn} to ${workshop.endsOn}`;
  const mix = participants.sectors
    .filter((s) => s.suppressed || (s.count ?? 0) > 0)
    .map((s) => `${SECTOR_LABELS[s.sector]} ${s.suppressed ? SUPPRESSED_MARK : s.count}`)
    .join(", ");
  const facts: [string, string][] = [
    ["Region", workshop.region],
    ["Workshop dates", `${dates} (${workshop.timeZone})`],
    ["Session", session.title],
    ["Started", when(session.startedAt)],
    ["Ended", when(session.endedAt)],
    ["Participants", String(participants.count)],
    sectorMixWithheld(participants.sectors)
      ? ["Sectors", `Sector mix withheld: fewer than k=${workshop.minCellSize} participants in most sectors`]
      : ["Sectors", mix || "none stated"],
    ["Rule", workshop.rule === "chatham-house" ? `Chatham House Rule (groups smaller than ${workshop.minCellSize} hidden)` : "Attributed"],
  ];
  if (participants.attendees && participants.attendees.length > 0) facts.push(["Attendees", participants.attendees.join(", ")]);
  return facts;
}
