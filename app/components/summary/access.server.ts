/** Who may do what on a session's summary pages. */
import type { AppLoadContext } from "@remix-run/node";
import { requireSessionStaff } from "~/utils/session-access.server";

/** Staff roles that edit, publish and read summaries (all workshop staff). */
export const SUMMARY_ROLES = ["organiser", "facilitator", "rapporteur"] as const;

/** The session and the staff user; 404 for unknown session/non-members, redirect to login when signed out. */
export const requireSummaryStaff = (request: Request, context: AppLoadContext, sessionId: string) =>
  requireSessionStaff(request, context, sessionId, SUMMARY_ROLES);

/** Dismissals as a map findingId → reason, for the editor. */
export function dismissalMap(list: { findingId: string; reason?: string }[]): Record<string, string> {
  return Object.fromEntries(list.filter((d) => d.reason).map((d) => [d.findingId, d.reason!]));
}
