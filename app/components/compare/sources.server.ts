/**
 * Which published outcomes a reader may compare: public versions for everyone; for signed-in
 * staff also the private and unlisted versions of their own workshops (unlisted ones are not
 * listed to the public by definition). Per session the newest version visible to the reader wins.
 */
import type { AppLoadContext } from "@remix-run/node";
import type { CompareSource } from "./model";

/**
 * @param userId the signed-in staff user, or null for an anonymous reader.
 * @returns one source per session (its newest visible published version).
 */
export async function visibleSources(context: AppLoadContext, userId: string | null): Promise<CompareSource[]> {
  const { summaries, workshops } = context.services.stores;
  const publicEntries = await summaries.listPublished({ visibility: ["public"] });
  const bySession = new Map<string, { version: number; source: CompareSource }>();
  const add = (sessionId: string, version: number, source: CompareSource) => {
    const seen = bySession.get(sessionId);
    if (!seen || seen.version < version) bySession.set(sessionId, { version, source });
  };
  for (const e of publicEntries) add(e.session.id, e.record.version, { summaryId: e.record.id, staffOnly: false, body: e.record.body });
  if (userId) {
    const mine = new Set((await workshops.listForUser(userId)).map((w) => w.id));
    if (mine.size > 0) {
      const staffEntries = await summaries.listPublished({ visibility: ["private", "unlisted"] });
      for (const e of staffEntries) {
        if (mine.has(e.workshop.id)) add(e.session.id, e.record.version, { summaryId: e.record.id, staffOnly: true, body: e.record.body });
      }
    }
  }
  return [...bySession.values()].map((v) => v.source);
}
