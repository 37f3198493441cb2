/**
 * What every export states besides the panels: the version line, the rule footer, and the
 * workshop/session facts as label–value pairs. Texts are plain (unescaped); each renderer escapes.
 * Labels follow `meta.language` (./strings.ts); English when it is not given.
 */
import { localTime, sectorMixWithheld, type SummaryBody } from "../../app/domain/summary";
import type { SectorRow } from "../../app/domain/polls/types";
import type { Language } from "../../app/i18n/config";
import { exportT, type ExportT } from "./strings";

/** Which published version an export renders, and in which language. `publishedAt` is epoch ms (UTC). */
export interface ExportMeta {
  version: number;
  publishedAt: number;
  /** Language of the labels (headings, table columns, facts, footer); default English. User text is never translated. */
  language?: Language;
}

/** The label function of an export's language. */
export const metaT = (meta: Pick<ExportMeta, "language"> | undefined): ExportT => exportT(meta?.language);

/**
 * Footer naming the rule. The Chatham House wording is the Rule itself as published by Chatham
 * House (https://www.chathamhouse.org/about-us/chatham-house-rule), so readers see its exact terms.
 */
export function ruleFooter(rule: SummaryBody["workshop"]["rule"], t: ExportT = exportT()): string {
  return t(`view.ruleFooter.${rule}`);
}

/** A sector row's name ("Not stated" for answers without a sector). */
export const sectorLabel = (sector: SectorRow, t: ExportT = exportT()): string => t(`sectors.${sector}`);

/** Legend for suppressed cells, shown under any table that has one. */
export const SUPPRESSED_MARK = "—";
/** The legend sentence for `SUPPRESSED_MARK`, `k` being the workshop's minimum cell size. */
export const suppressedLegend = (k: number, t: ExportT = exportT()) => t("export.suppressedLegend", { mark: SUPPRESSED_MARK, k });

/** An instant already in the workshop's zone, with its date in words of the export's language: "May 20, 2024 14:00 (UTC+07:00)". */
const when = (at: { date: string; time: string; offset: string } | null, t: ExportT) =>
  at ? t("export.when", { ...at, date: t.fmt.date(at.date) }) : t("view.notRecorded");

/** "Version 3, published May 20, 2024 14:00 (UTC+07:00)" in the workshop's time zone and `meta.language` ("20 mai 2024 à 14:00" in French). */
export function versionLine(body: SummaryBody, meta: ExportMeta): string {
  const t = metaT(meta);
  return t("view.versionLine", { version: meta.version, when: when(localTime(meta.publishedAt, body.workshop.timeZone), t) });
}

/** Workshop and session facts, in display order. Sector counts appear only where not suppressed. */
export function factsOf(body: SummaryBody, t: ExportT = exportT()): [label: string, value: string][] {
  const { workshop, session, participants } = body;
  const day = t.fmt.date;
  const dates = workshop.startsOn === workshop.endsOn ? day(workshop.startsOn) : t("export.dateRange", { from: day(workshop.startsOn), to: day(workshop.endsOn) });
  const mix = participants.sectors
    .filter((s) => s.suppressed || (s.count ?? 0) > 0)
    .map((s) => `${sectorLabel(s.sector, t)} ${s.suppressed ? SUPPRESSED_MARK : t.fmt.count(s.count ?? 0)}`)
    .join(", ");
  const facts: [string, string][] = [
    [t("view.region"), workshop.region],
    [t("view.dates"), t("export.dateTz", { dates, timeZone: workshop.timeZone })],
    [t("export.session"), session.title],
    [t("view.started"), when(session.startedAt, t)],
    [t("view.ended"), when(session.endedAt, t)],
    [t("view.participants"), t.fmt.count(participants.count)],
    [t("view.sectors"), sectorMixWithheld(participants.sectors) ? t("view.sectorsWithheld", { k: workshop.minCellSize }) : mix || t("view.noSectors")],
    [t("export.rule"), t(`export.ruleValue.${workshop.rule}`, { k: workshop.minCellSize })],
  ];
  if (participants.attendees && participants.attendees.length > 0) facts.push([t("view.attendees"), participants.attendees.join(", ")]);
  return facts;
}
