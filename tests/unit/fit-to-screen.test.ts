/**
 * The projector's fit-to-screen zoom (app/components/session/useFitToScreen.ts): content that
 * fits keeps its size, taller content is shrunk to the room left, never below half size.
 */
import { describe, expect, it } from "vitest";
import { fitZoom } from "../../app/components/session/useFitToScreen";

describe("fitZoom", () => {
  it("keeps content that fits, within a pixel of rounding", () => {
    expect(fitZoom(900, 1032)).toBe(1);
    expect(fitZoom(1032.6, 1032)).toBe(1);
  });
  it("shrinks taller content to the room left, rounded down to two decimals", () => {
    expect(fitZoom(1334, 1032)).toBe(0.77);
    expect(fitZoom(2064, 1032)).toBe(0.5);
  });
  it("never goes below half size, and leaves unmeasured (0 px) content alone", () => {
    expect(fitZoom(5000, 1032)).toBe(0.5);
    expect(fitZoom(0, 1032)).toBe(1);
    expect(fitZoom(1200, 0)).toBe(1);
  });
});
