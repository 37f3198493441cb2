/**
 * The draft editor's live non-attribution check (B5): with many attributions in one paragraph, applying
 * the suggestions one after another — each on the findings of the text as it is after the previous one —
 * resolves them all in one pass, and "nothing open" on the client is exactly the server's publish gate.
 */
import { describe, expect, it } from "vitest";
import { applyReplacement, blockText } from "../../app/components/summary/blocks";
import { draftFindings, openFindings } from "../../app/components/summary/draft-check";
import { buildSummary, richDocFromText } from "../../app/domain/summary";
import { summaryInput } from "../fixtures/summary/workshop";

const NAMES = ["Amara Okafor", "Jun Nakamura", "Lena Hollis"].map((displayName) => ({ displayName }));

/** A summary whose first panel's notes are one paragraph with twelve attributions. */
function bodyWithTwelve() {
  const body = buildSummary(summaryInput());
  const text = [
    "Amara Okafor said that norms come first.",
    "France argued for a moratorium.",
    "The delegate of Brazil disagreed.",
    "Jun Nakamura noted the verification gap.",
    "According to Dr Hollis, the term remains undefined.",
    "Lena Hollis asked about debris.",
    "Germany proposed a register.",
    "The representative of Kestrel Analytics noted the trend.",
    "Okafor said it again.",
    "Japan argued for restraint.",
    "The delegate of India objected.",
    "Nakamura closed the debate.",
  ].join(" ");
  body.panels[0] = { ...body.panels[0], notes: richDocFromText(text), takeaways: [] };
  for (const p of body.panels.slice(1)) Object.assign(p, { notes: richDocFromText(""), takeaways: [] });
  return body;
}

describe("draft check re-run after each applied suggestion", () => {
  it("finds all twelve, and every remaining finding still points at its words after one is applied", () => {
    let body = bodyWithTwelve();
    const first = draftFindings(body, NAMES);
    expect(first).toHaveLength(12);
    body = applyReplacement(body, first[0]);
    // The old editor kept the first check's offsets: every later finding of the paragraph was then "stale".
    const stale = first.slice(1).filter((f) => blockText(body, f.blockId)?.slice(f.start, f.end) !== f.match);
    expect(stale.length).toBeGreaterThan(0);
    // Re-running the check re-anchors them: 11 left, each at its own words.
    const again = draftFindings(body, NAMES);
    expect(again).toHaveLength(11);
    for (const f of again) expect(blockText(body, f.blockId)?.slice(f.start, f.end)).toBe(f.match);
  });

  it("resolves all twelve in one pass of apply-and-recheck, after which client and server agree on zero", () => {
    let body = bodyWithTwelve();
    let rounds = 0;
    for (let f = draftFindings(body, NAMES); f.length > 0 && rounds < 50; f = draftFindings(body, NAMES), rounds++) body = applyReplacement(body, f[0]);
    expect(rounds).toBe(12);
    expect(openFindings(draftFindings(body, NAMES), {})).toEqual([]);
  });

  it("counts a finding as open until it is dismissed with a reason", () => {
    const findings = draftFindings(bodyWithTwelve(), NAMES);
    expect(openFindings(findings, {})).toHaveLength(12);
    expect(openFindings(findings, { [findings[0].id]: "public statement" })).toHaveLength(11);
    expect(openFindings(findings, { [findings[0].id]: "  " })).toHaveLength(12);
  });
});
