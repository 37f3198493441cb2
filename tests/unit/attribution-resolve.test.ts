import { describe, expect, it } from "vitest";
import { applySuggestion, Finding, nonAttributionFindings, resolveFindings } from "../../app/domain/attribution";

const text = "The delegate of France stressed the point. Okafor agreed, according to Dr Hollis.";
const findings = nonAttributionFindings({
  blocks: [{ id: "b1", text }],
  participants: [{ displayName: "Amara Okafor", affiliation: null }],
});

describe("applySuggestion", () => {
  it("produces findings that satisfy the Finding schema", () => {
    for (const f of findings) expect(Finding.parse(f)).toEqual(f);
  });

  it("replaces each match with its suggestion (applied from the end so offsets stay valid)", () => {
    const out = [...findings].reverse().reduce((t, f) => applySuggestion(t, f), text);
    expect(out).toBe("A delegate stressed the point. A participant agreed, according to a participant.");
  });

  it("refuses to patch text that changed since the check", () => {
    expect(() => applySuggestion("Something else entirely here.", findings[0])).toThrow(/text changed/);
  });
});

describe("resolveFindings", () => {
  const ids = findings.map((f: Finding) => f.id);

  it("leaves every finding unresolved without resolutions (publishing blocked)", () => {
    expect(findings).toHaveLength(3);
    expect(resolveFindings(findings, []).unresolved).toHaveLength(3);
  });

  it("resolves edited findings and dismissals with a reason of at least 3 characters", () => {
    const { unresolved, resolved } = resolveFindings(findings, [
      { findingId: ids[0], action: "edited" },
      { findingId: ids[1], action: "dismissed", reason: "public statement" },
      { findingId: ids[2], action: "dismissed", reason: " ok " },
    ]);
    expect(resolved.map((f) => f.id)).toEqual([ids[0], ids[1]]);
    expect(unresolved.map((f) => f.id)).toEqual([ids[2]]);
  });

  it("ignores unknown ids and lets the last resolution for an id win", () => {
    const { unresolved } = resolveFindings(findings, [
      { findingId: "naf_unknown", action: "edited" },
      { findingId: ids[0], action: "edited" },
      { findingId: ids[0], action: "dismissed" },
    ]);
    expect(unresolved).toHaveLength(3);
  });
});
