/**
 * `poll:create`: a facilitator adds a poll to a panel of the running session. The poll goes on the
 * workshop's agenda (like any agenda poll: its key is the cross-workshop comparison key), validated
 * against the same panel schema the organiser's editor uses (e.g. at most 5 polls per panel).
 */
import type { z } from "zod";
import { toIssues } from "../../app/domain/events";
import type { PollCreate } from "../../app/domain/polls/events";
import { PanelDefinition } from "../../app/domain/template";
import { ConflictError, type Stores } from "../storage";
import type { PollsCache } from "./polls-cache";
import { fail, type CommandResult } from "./polls-command";

/** @returns `{ok:true, data:{pollId}}`; `not-found` (panel not in the session), `invalid-payload`, `conflict` (key taken). */
export async function createPoll(
  stores: Stores,
  cache: PollsCache,
  sessionId: string,
  input: z.infer<typeof PollCreate>,
): Promise<CommandResult<{ pollId: string }>> {
  const session = await stores.sessions.get(sessionId);
  if (!session || !session.panelIds.includes(input.panelId)) return fail("not-found");
  const panel = await stores.workshops.getPanel(input.panelId);
  if (!panel) return fail("not-found");
  const polls = panel.polls.map(({ id: _id, panelId: _p, position: _pos, ...def }) => def);
  // Strip storage ids: PanelDefinition is strict and refuses unknown keys.
  const { id: _pid, workshopId: _w, position: _ppos, ...panelDef } = panel;
  const parsed = PanelDefinition.safeParse({ ...panelDef, polls: [...polls, input.definition] });
  if (!parsed.success) return fail("invalid-payload", toIssues(parsed.error));
  try {
    const updated = await stores.workshops.updatePanel(panel.id, parsed.data);
    await cache.reload(sessionId);
    return { ok: true, data: { pollId: updated.polls.find((p) => p.key === input.definition.key)!.id } };
  } catch (err) {
    if (err instanceof ConflictError) return fail("conflict");
    throw err;
  }
}
