/**
 * Data for {@link SessionOutcomes}: each session of a workshop with its latest published outcome,
 * whether a draft exists and whether it differs from that version. For the workshop page's loader
 * (staff only: it shows private versions).
 */
import type { AppLoadContext } from "@remix-run/node";
import { formatInstant } from "~/components/organiser/format";
import type { SessionOutcomeRow } from "./SessionOutcomes";

/**
 * @param lang language for the formatted publication time; times are shown in `timeZone` (the workshop's).
 * @returns rows in the store's session order (newest first).
 * @example const outcomes = await loadSessionOutcomes(context, workshop.id, workshop.timeZone, lang);
 */
export async function loadSessionOutcomes(context: AppLoadContext, workshopId: string, timeZone: string, lang: string): Promise<SessionOutcomeRow[]> {
  const { sessions, summaries } = context.services.stores;
  const list = await sessions.listForWorkshop(workshopId);
  return Promise.all(
    list.map(async (s): Promise<SessionOutcomeRow> => {
      const [latest, draft] = await Promise.all([summaries.latestPublished(s.id), summaries.getDraft(s.id)]);
      return {
        sessionId: s.id,
        title: s.title,
        status: s.status,
        hasDraft: draft !== null,
        // Publishing saves the draft and publishes that same body: a draft equal to the latest version is not newer.
        newerDraft: draft !== null && latest !== null && JSON.stringify(draft.body) !== JSON.stringify(latest.body),
        latest: latest
          ? {
              summaryId: latest.id,
              version: latest.version,
              visibility: latest.visibility,
              published: latest.publishedAt === null ? null : formatInstant(latest.publishedAt, timeZone, lang),
            }
          : null,
      };
    }),
  );
}
