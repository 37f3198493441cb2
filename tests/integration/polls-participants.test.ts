/**
 * The "n participants" figure next to poll results (QA finding B7): people who joined as
 * participants, not staff, not extra tabs; and it follows joins through tally broadcasts.
 * Real server on port 0, real socket.io clients, real SQLite.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { PollsStateView, PollTalliedView } from "../../app/domain/polls/events";
import { ask, useTestAppWithWorkshop, waitFor } from "../helpers/app";

const ctx = useTestAppWithWorkshop();

async function join(code: string) {
  const res = await fetch(`${ctx.t.baseUrl}/j/${code}`, { method: "POST", body: new URLSearchParams({ displayName: "", sector: "", consent: "on" }), redirect: "manual" });
  expect(res.status).toBe(302);
  return res.headers.get("set-cookie")!.split(";")[0];
}

describe("participant count in poll states and tallies", () => {
  it("counts distinct participants only, and a join shows with the next tally", async () => {
    const { t, fx } = ctx;
    const session = await t.app.stores.sessions.create({ workshopId: fx.workshopId, title: "Day 1", panelIds: fx.panelIds, createdBy: fx.userId });
    const facilitator = await t.connect({ sessionId: session.id, cookie: fx.cookie });
    const facilitatorTab2 = await t.connect({ sessionId: session.id, cookie: fx.cookie });
    expect(await ask(facilitator, "session:start")).toEqual({ ok: true });
    const agenda = await t.app.stores.workshops.getAgenda(fx.workshopId);
    const id = agenda.flatMap((p) => p.polls).find((p) => p.key === "oewg-ideal-outcome")!.id;
    await ask(facilitator, "poll:open", { pollId: id });

    const awa = await join(session.joinCode);
    const phones = [
      await t.connect({ sessionId: session.id, cookie: awa }),
      await t.connect({ sessionId: session.id, cookie: awa }), // a second tab of the same person
      await t.connect({ sessionId: session.id, cookie: await join(session.joinCode) }),
    ];
    await new Promise((r) => setTimeout(r, 1_100)); // past the count's 1 s reuse window
    const count = async () => ((await ask(facilitator, "polls:sync")).data as PollsStateView).participantCount;
    expect(await count()).toBe(2);

    const tallies: PollTalliedView[] = [];
    facilitator.on("poll:tallied", (x: unknown) => void tallies.push(x as PollTalliedView));
    const late = await t.connect({ sessionId: session.id, cookie: await join(session.joinCode) });
    await new Promise((r) => setTimeout(r, 1_100));
    expect((await ask(late, "poll:respond", { pollId: id, value: { choice: "tcbm-only" }, responseId: randomUUID() })).ok).toBe(true);
    await waitFor(() => tallies.some((x) => x.responseCount === 1));
    expect(tallies.at(-1)!.participantCount).toBe(3);
    for (const s of [facilitator, facilitatorTab2, late, ...phones]) s.disconnect();
  });
});
