/**
 * Formatting helpers for summaries: instants in a workshop's time zone, labels of poll items.
 * Pure: the time zone is always explicit, never the server's.
 */
import type { PollDefinition } from "../template";

/** An instant shown in the workshop's time zone. */
export interface LocalTime {
  /** ISO calendar date in the workshop's zone, `YYYY-MM-DD`. */
  date: string;
  /** 24-hour wall-clock time in the workshop's zone, `HH:mm`. */
  time: string;
  /** Offset from UTC at that instant, `+HH:mm` / `-HH:mm` (`+00:00` for UTC). */
  offset: string;
}

/**
 * Formats epoch milliseconds in an IANA time zone.
 * @throws RangeError for an unknown time zone or a non-finite instant.
 * @example localTime(Date.UTC(2024, 4, 3, 6, 30), "Africa/Nairobi") // {date:"2024-05-03", time:"09:30", offset:"+03:00"}
 */
export function localTime(epochMs: number, timeZone: string): LocalTime {
  if (!Number.isFinite(epochMs)) throw new RangeError(`not an instant: ${epochMs}`);
  // formatToParts with hourCycle h23 gives stable numeric parts regardless of the runtime locale.
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZoneName: "longOffset",
  }).formatToParts(new Date(epochMs));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  const zone = get("timeZoneName"); // "GMT+03:00", or "GMT" for a zero offset
  const offset = zone === "GMT" ? "+00:00" : zone.replace("GMT", "");
  return { date: `${get("year")}-${get("month")}-${get("day")}`, time: `${get("hour")}:${get("minute")}`, offset };
}

/** Display label of one item of a poll: the option label, the statement text, or the scale score with its anchor label. */
export function itemLabel(poll: PollDefinition, key: string): string {
  switch (poll.kind) {
    case "single":
    case "multiple":
    case "ranking":
      return poll.options.find((o) => o.key === key)?.label ?? key;
    case "statements":
      return poll.statements.find((s) => s.key === key)?.text ?? key;
    case "scale": {
      const score = Number(key);
      const mid = (poll.min + poll.max) / 2;
      if (score === poll.min) return `${key} (${poll.minLabel})`;
      if (score === poll.max) return `${key} (${poll.maxLabel})`;
      if (poll.midLabel && score === mid) return `${key} (${poll.midLabel})`;
      return key;
    }
    case "open":
      return key;
  }
}

/**
 * True when a sector mix tells the reader nothing: at least one sector is listed and most listed
 * sectors (more than half) are suppressed (fewer than k participants). Suppression itself is decided
 * elsewhere; this only picks "Sector mix withheld" over a row of "—".
 */
export function sectorMixWithheld(sectors: readonly { suppressed: boolean; count: number | null }[]): boolean {
  const listed = sectors.filter((s) => s.suppressed || (s.count ?? 0) > 0);
  return listed.length > 0 && listed.filter((s) => s.suppressed).length * 2 > listed.length;
}
