/**
 * The outcome service routes reach through the load context (app/ does not import server/ at
 * runtime): rebuild the draft, end-of-session hook, non-attribution gate, publish and exports.
 */
import type { Logger } from "pino";
import type { Finding, Resolution } from "../../app/domain/attribution";
import { applyEdits, buildSummary, type SummaryBody } from "../../app/domain/summary";
import type { Language } from "../../app/i18n/config";
import type { NoteStore } from "../notes/store";
import type { Stores, SummaryRecord, Visibility } from "../storage";
import { checkBody, loadDismissals, namesOf, saveDismissals, unresolvedFindings } from "./check";
import { closeOpenPolls } from "./close-polls";
import { gatherSummaryInput } from "./gather";
import { renderExport, type ExportFormat, type RenderedExport } from "./render";

export type PublishResult = { ok: true; record: SummaryRecord } | { ok: false; unresolved: Finding[] };

export interface OutcomeService {
  /** Rebuilds the draft from the session (notes, takeaways, closed polls) and saves it. @throws NotFoundError */
  rebuildDraft(sessionId: string): Promise<SummaryRecord>;
  /** Session-end hook: closes open poll runs at `at` (epoch ms), then rebuilds the draft. Never throws (logs). */
  onSessionEnded(sessionId: string, at?: number): Promise<void>;
  /** Non-attribution findings of `body` (none under `attributed`). */
  check(sessionId: string, body: SummaryBody, language?: "en" | "fr"): Promise<Finding[]>;
  loadDismissals(sessionId: string): Promise<Resolution[]>;
  /** Names the check looks for in this session (staff-only: the draft editor re-runs the check with them). */
  checkNames(sessionId: string): Promise<{ displayName: string | null }[]>;
  /** Saves the draft body and the dismissals together. */
  saveDraft(sessionId: string, body: SummaryBody, dismissals: readonly Resolution[]): Promise<SummaryRecord>;
  /**
   * Saves the draft and dismissals, re-runs the check on the server and publishes the next version
   * only when nothing is unresolved.
   */
  publish(sessionId: string, input: { body: SummaryBody; dismissals: readonly Resolution[]; visibility: Visibility; publishedBy: string }): Promise<PublishResult>;
  /** Renders a published version with labels in `language` (default English). @throws on renderer failure. */
  render(record: SummaryRecord, format: ExportFormat, language?: Language): Promise<RenderedExport>;
}

/** The outcome service over the app's stores and note store; `now` (epoch ms) is injectable for tests. */
export function createOutcomeService(deps: { stores: Stores; noteStore: NoteStore; logger: Logger; now?: () => number }): OutcomeService {
  const { stores, noteStore, logger } = deps;
  const now = deps.now ?? Date.now;
  const rebuildDraft = async (sessionId: string) => stores.summaries.saveDraft(sessionId, buildSummary(await gatherSummaryInput(stores, noteStore, sessionId)));
  const saveDraft = async (sessionId: string, body: SummaryBody, dismissals: readonly Resolution[]) => {
    await saveDismissals(stores, sessionId, dismissals);
    return stores.summaries.saveDraft(sessionId, body);
  };
  return {
    rebuildDraft,
    async onSessionEnded(sessionId, at = now()) {
      try {
        const closed = await closeOpenPolls(stores, sessionId, at);
        await rebuildDraft(sessionId);
        logger.info({ sessionId, closedPollRuns: closed }, "session ended: draft summary built");
      } catch (err) {
        logger.error({ err, sessionId }, "session ended: building the draft summary failed");
      }
    },
    check: (sessionId, body, language) => checkBody(stores, sessionId, body, language),
    loadDismissals: (sessionId) => loadDismissals(stores, sessionId),
    checkNames: (sessionId) => namesOf(stores, sessionId),
    saveDraft,
    async publish(sessionId, { body, dismissals, visibility, publishedBy }) {
      await saveDraft(sessionId, body, dismissals);
      const unresolved = await unresolvedFindings(stores, sessionId, body, dismissals);
      if (unresolved.length > 0) return { ok: false, unresolved };
      // The version holds the body as readers see it: withheld answers and polls left out (edits applied).
      return { ok: true, record: await stores.summaries.publish(sessionId, { body: applyEdits(body), publishedBy, visibility, at: now() }) };
    },
    render: (record, format, language) => renderExport(record.body, { version: record.version, publishedAt: record.publishedAt ?? record.createdAt, language }, format),
  };
}
