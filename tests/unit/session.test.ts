import { describe, expect, it } from "vitest";
import { formatJoinCode, generateJoinCode, JOIN_CODE_ALPHABET, JoinCode, JoinFields } from "../../app/domain/session";

describe("join codes", () => {
  it("generates 6 characters from the unambiguous alphabet", () => {
    for (let i = 0; i < 500; i++) {
      const code = generateJoinCode();
      expect(code).toMatch(new RegExp(`^[${JOIN_CODE_ALPHABET}]{6}$`));
    }
    expect(JOIN_CODE_ALPHABET).not.toMatch(/[0O1IL5S2Z]/);
  });

  it("rejects biased bytes instead of wrapping (rejection sampling)", () => {
    // 255 is above the largest multiple of the alphabet size and must be skipped.
    const bytes = [255, 0, 255, 1, 2, 3, 4, 5, 6, 7, 8, 9];
    expect(generateJoinCode(() => Uint8Array.from(bytes))).toBe(
      [0, 1, 2, 3, 4, 5].map((i) => JOIN_CODE_ALPHABET[i]).join(""),
    );
  });

  it("accepts what people type and refuses what cannot be a code", () => {
    expect(JoinCode.parse(" kpx-47r ")).toBe("KPX47R");
    expect(JoinCode.parse("kpx 47r")).toBe("KPX47R");
    expect(JoinCode.safeParse("KPX47").success).toBe(false);
    expect(JoinCode.safeParse("KPX470").success).toBe(false); // 0 is not in the alphabet
    expect(JoinCode.safeParse("<script>").success).toBe(false);
    expect(formatJoinCode("KPX47R")).toBe("KPX-47R");
  });
});

describe("join fields", () => {
  it("needs consent and nothing else", () => {
    expect(JoinFields.parse({ consent: true })).toEqual({ consent: true });
    expect(JoinFields.safeParse({}).success).toBe(false);
    expect(JoinFields.safeParse({ consent: false }).success).toBe(false);
  });
  it("trims the name, drops an empty one, caps length, and knows the sectors", () => {
    expect(JoinFields.parse({ consent: true, displayName: "  Ada  " }).displayName).toBe("Ada");
    expect(JoinFields.parse({ consent: true, displayName: "   " }).displayName).toBeUndefined();
    expect(JoinFields.safeParse({ consent: true, displayName: "x".repeat(61) }).success).toBe(false);
    expect(JoinFields.safeParse({ consent: true, sector: "press" }).success).toBe(false);
    expect(JoinFields.parse({ consent: true, sector: "academia" }).sector).toBe("academia");
  });
});
