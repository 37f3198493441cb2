/**
 * `GET /s/:sessionId/replay.json?t=<epoch ms>` — the replay state at one moment, as JSON: the event state
 * at t and the notes of the panel current then. Only that moment reaches the browser, never the log.
 * Staff of the workshop only (organiser, facilitator, rapporteur): 404 when not signed in or not a member.
 * 400 for a missing or malformed `t`; 503 when the server has no replay service wired.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { replayMoment, type ReplayPort } from "~/domain/replay";
import { getOptionalUser } from "~/utils/auth.server";
import { requireSessionStaff } from "~/utils/session-access.server";

/** Any epoch ms a Date can hold (±8.64e15); outside the session it just gives the state before/after it. */
const Query = z.object({ t: z.coerce.number().int().min(0).max(8.64e15) });

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    // private, no-store: the moment's notes are workshop material, not for shared caches.
    headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "private, no-store" },
  });

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  // A data endpoint answers 404 rather than redirecting to the login page (no hint the session exists).
  if (!(await getOptionalUser(request, context))) return json({ error: "not-found" }, 404);
  const { session, workshop } = await requireSessionStaff(request, context, params.sessionId!, ["organiser", "facilitator", "rapporteur"]);
  const parsed = Query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) return json({ error: "bad-request", issues: z.flattenError(parsed.error).fieldErrors }, 400);
  const replay: ReplayPort | undefined = context.services.replay;
  if (!replay) return json({ error: "unavailable" }, 503);
  const agenda = await context.services.stores.workshops.getAgenda(workshop.id);
  const titles = new Map(agenda.map((p) => [p.id, p.title]));
  return json(await replayMoment(replay, session.id, parsed.data.t, titles));
}
