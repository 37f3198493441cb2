/** Display helpers for organiser pages: calendar dates, instants in a time zone, durations. */

/**
 * Format dates in loaders, not components: Node's and the browser's ICU data differ in small ways
 * (thin spaces around range dashes, narrow no-break spaces), which breaks React hydration.
 *
 * A calendar-date range (`YYYY-MM-DD`, already in the workshop's time zone) in `lang`, e.g.
 * "12–14 May 2025". Formatted as UTC midnight so no time-zone shift can move the day.
 */
export function formatDateRange(startsOn: string, endsOn: string, lang: string): string {
  const toDate = (d: string) => new Date(`${d}T00:00:00Z`);
  const fmt = new Intl.DateTimeFormat(lang, { dateStyle: "medium", timeZone: "UTC" });
  if (startsOn === endsOn) return fmt.format(toDate(startsOn));
  return fmt.formatRange(toDate(startsOn), toDate(endsOn));
}

/** An instant (epoch ms) as date and time in `timeZone`, with the zone's short name. */
export function formatInstant(ms: number, timeZone: string, lang: string): string {
  // Explicit fields: browsers reject `dateStyle`/`timeStyle` combined with `timeZoneName`.
  return new Intl.DateTimeFormat(lang, {
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZone,
    timeZoneName: "short",
  }).format(ms);
}

/** Minutes split into hours and minutes for "total time" displays. */
export function splitMinutes(total: number): { h: number; m: number } {
  return { h: Math.floor(total / 60), m: total % 60 };
}

/**
 * IANA time zones for the workshop `<select>`: the runtime's list (Node 20 and current browsers
 * support `Intl.supportedValuesOf`), plus UTC, which some engines omit.
 */
export function timeZoneList(): string[] {
  const zones = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  return zones.includes("UTC") ? zones : ["UTC", ...zones];
}
