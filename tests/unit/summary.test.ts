import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { SummaryBody, buildSummary, type SummaryInput } from "../../app/domain/summary";
import { PLANTED_NAME, XSS_LINK, summaryInput } from "../fixtures/summary/workshop";

const GOLDEN = path.resolve(__dirname, "../fixtures/summary/workshop.golden.json");

/** Deterministic shuffle (reverse + rotate) so the test needs no random seed. */
const shuffle = <T>(xs: readonly T[]): T[] => {
  const r = [...xs].reverse();
  return [...r.slice(3), ...r.slice(0, 3)];
};

describe("buildSummary", () => {
  it("matches the golden file (UPDATE_GOLDEN=1 to regenerate)", () => {
    const body = buildSummary(summaryInput());
    const json = `${JSON.stringify(body, null, 2)}\n`;
    if (process.env.UPDATE_GOLDEN === "1") writeFileSync(GOLDEN, json);
    expect(json).toBe(readFileSync(GOLDEN, "utf8"));
  });

  it("produces a body that parses with its own schema", () => {
    const body = buildSummary(summaryInput());
    expect(SummaryBody.parse(body)).toEqual(body);
  });

  it("is deterministic: same input twice, and shuffled responses/runs, give deep-equal bodies", () => {
    const a = buildSummary(summaryInput());
    const input = summaryInput();
    const shuffled: SummaryInput = {
      ...input,
      participants: shuffle(input.participants),
      panels: input.panels.map((p) => ({
        ...p,
        polls: p.polls.map((poll) => ({ ...poll, runs: shuffle(poll.runs).map((r) => ({ ...r, responses: shuffle(r.responses) })) })),
      })),
    };
    expect(buildSummary(summaryInput())).toEqual(a);
    expect(buildSummary(shuffled)).toEqual(a);
  });

  it("formats session times in the workshop's time zone", () => {
    const { session } = buildSummary(summaryInput());
    // 02:00 UTC is 09:00 in Bangkok (UTC+7, no DST).
    expect(session.startedAt).toEqual({ date: "2024-05-14", time: "09:00", offset: "+07:00" });
    expect(session.endedAt).toEqual({ date: "2024-05-14", time: "12:45", offset: "+07:00" });
    expect(session.durationMinutes).toBe(225);
  });

  it("counts participants only and suppresses small sector cells under chatham-house", () => {
    const { participants } = buildSummary(summaryInput());
    expect(participants.count).toBe(14);
    expect(participants.attendees).toBeNull();
    const bySector = Object.fromEntries(participants.sectors.map((s) => [s.sector, s.count]));
    // k = 3: government 6 and civil society 3 stay; industry 2, academia 2, unspecified 1 are hidden.
    expect(bySector).toMatchObject({ government: 6, "civil-society": 3, industry: null, academia: null, unspecified: null });
  });

  it("shows every sector and lists attendees under attributed, never per vote", () => {
    const input = summaryInput();
    const body = buildSummary({ ...input, workshop: { ...input.workshop, rule: "attributed" } });
    expect(body.participants.sectors.every((s) => !s.suppressed)).toBe(true);
    expect(body.participants.attendees).toContain(PLANTED_NAME);
    const polls = JSON.stringify(body.panels);
    expect(polls).not.toContain(PLANTED_NAME);
  });

  it("keeps no participant name and no unsafe link under chatham-house", () => {
    const json = JSON.stringify(buildSummary(summaryInput()));
    expect(json).not.toContain(PLANTED_NAME);
    expect(json).not.toContain("Person 1");
    expect(json).not.toContain(XSS_LINK);
    expect(json).toContain("this trap"); // the link text survives as plain text
  });

  it("tallies each run and the shift between the last two runs", () => {
    const poll = buildSummary(summaryInput()).panels[0].polls[0];
    expect(poll.runs.map((r) => [r.run, r.tally.n])).toEqual([
      [1, 12],
      [2, 14],
    ]);
    expect(poll.n).toBe(14);
    expect(poll.shift?.kind).toBe("single");
    expect(poll.shift && "options" in poll.shift ? poll.shift.options[0] : null).toMatchObject({
      key: "balanced-package",
      shareA: 3 / 12,
      shareB: 7 / 14,
    });
    const open = buildSummary(summaryInput()).panels[0].polls[1];
    expect(open.shift).toBeNull();
  });

  it("refuses a run number given twice and a k below 1", () => {
    const input = summaryInput();
    const poll = input.panels[0].polls[0];
    const twice = { ...input, panels: [{ ...input.panels[0], polls: [{ ...poll, runs: [poll.runs[0], poll.runs[0]] }] }] };
    expect(() => buildSummary(twice)).toThrow(/given twice/);
    expect(() => buildSummary({ ...input, workshop: { ...input.workshop, minCellSize: 0 } })).toThrow(RangeError);
  });
});
