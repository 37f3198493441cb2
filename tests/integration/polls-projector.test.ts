/**
 * One poll on the projector at a time (QA finding B6): showing another poll's results takes the
 * first off, on the console's state, the projector's state and the stored runs. Real server on
 * port 0, real socket.io clients, real SQLite.
 */
import { describe, expect, it } from "vitest";
import type { PollsStateView } from "../../app/domain/polls/events";
import { ask, useTestAppWithWorkshop, waitFor, type TestSocket } from "../helpers/app";

const ctx = useTestAppWithWorkshop();

describe("poll:project", () => {
  it("showing a second poll replaces the first on the projector, for every screen and in storage", async () => {
    const { t, fx } = ctx;
    const session = await t.app.stores.sessions.create({ workshopId: fx.workshopId, title: "Day 1", panelIds: fx.panelIds, createdBy: fx.userId });
    const facilitator = await t.connect({ sessionId: session.id, cookie: fx.cookie });
    expect(await ask(facilitator, "session:start")).toEqual({ ok: true });
    const agenda = await t.app.stores.workshops.getAgenda(fx.workshopId);
    const idOf = (key: string) => agenda.flatMap((p) => p.polls).find((p) => p.key === key)!.id;
    const [first, second] = [idOf("oewg-ideal-outcome"), idOf("binding-vs-nonbinding")];
    const projector = await t.connect({ sessionId: session.id, projectorKey: session.projectorKey });
    const projectorStates: PollsStateView[] = [];
    projector.on("polls:state", (s: unknown) => void projectorStates.push(s as PollsStateView));

    for (const id of [first, second]) {
      expect(await ask(facilitator, "poll:open", { pollId: id })).toEqual({ ok: true });
      expect(await ask(facilitator, "poll:project", { pollId: id, projected: true })).toEqual({ ok: true });
    }
    const projected = async (s: TestSocket) =>
      ((await ask(s, "polls:sync")).data as PollsStateView).polls.filter((p) => p.projected).map((p) => p.id);
    expect(await projected(facilitator)).toEqual([second]);
    expect(await projected(projector)).toEqual([second]);
    await waitFor(() => projectorStates.at(-1)?.polls.filter((p) => p.projected).length === 1);
    expect(projectorStates.at(-1)!.polls.find((p) => p.projected)?.id).toBe(second);
    expect((await t.app.stores.polls.latestRun(session.id, first))?.projected).toBe(false);
    expect((await t.app.stores.polls.latestRun(session.id, second))?.projected).toBe(true);

    // Showing the first again takes the second off; hiding leaves nothing projected.
    expect(await ask(facilitator, "poll:project", { pollId: first, projected: true })).toEqual({ ok: true });
    expect(await projected(facilitator)).toEqual([first]);
    expect(await ask(facilitator, "poll:project", { pollId: first, projected: false })).toEqual({ ok: true });
    expect(await projected(facilitator)).toEqual([]);
    facilitator.disconnect();
    projector.disconnect();
  });
});
