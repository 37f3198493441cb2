/** Workshop and session facts of a summary: region, dates, times (workshop zone), participants, sector mix. */
import { useTranslation } from "react-i18next";
import { sectorMixWithheld } from "~/domain/summary/format";
import type { LocalTimeValue, SummaryBody } from "~/domain/summary/schema";

const when = (t: LocalTimeValue | null, none: string) => (t ? `${t.date} ${t.time} (UTC${t.offset})` : none);

export function SummaryFacts({ body }: { body: SummaryBody }) {
  const { t } = useTranslation();
  const { workshop, session, participants } = body;
  const none = t("summary.view.notRecorded");
  const mix = participants.sectors
    .filter((s) => s.suppressed || (s.count ?? 0) > 0)
    .map((s) => `${t(`summary.sectors.${s.sector}`)} ${s.suppressed ? "—" : s.count}`)
    .join(", ");
  const facts: [string, string][] = [
    [t("summary.view.region"), workshop.region],
    [t("summary.view.dates"), `${workshop.startsOn === workshop.endsOn ? workshop.startsOn : `${workshop.startsOn} – ${workshop.endsOn}`} (${workshop.timeZone})`],
    [t("summary.view.started"), when(session.startedAt, none)],
    [t("summary.view.ended"), when(session.endedAt, none)],
    [t("summary.view.participants"), String(participants.count)],
    [t("summary.view.sectors"), sectorMixWithheld(participants.sectors) ? t("summary.view.sectorsWithheld", { k: workshop.minCellSize }) : mix || t("summary.view.noSectors")],
  ];
  if (participants.attendees?.length) facts.push([t("summary.view.attendees"), participants.attendees.join(", ")]);
  return (
    <dl className="summary-facts card">
      {facts.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
