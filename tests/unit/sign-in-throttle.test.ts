/**
 * Sign-in throttling (server/auth/service.ts) under parallel attempts: the limit holds however many
 * attempts are in flight at once, because each is counted before its (slow) password check.
 */
import { describe, expect, it } from "vitest";
import { createAuthService, SIGN_IN_LIMITS } from "../../server/auth/service";
import type { Stores } from "../../server/storage";

const auth = () => createAuthService({ stores: {} as Stores, secret: "x".repeat(48), secureCookies: false });

/** The login route's order: wait check (counts the attempt), password check (slow), then succeeded or nothing more. */
async function attempt(a: ReturnType<typeof auth>, address: string, email: string, correct: boolean): Promise<"throttled" | "failed" | "signed-in"> {
  if ((await a.signInWait(address, email)) > 0) return "throttled";
  await new Promise((r) => setTimeout(r, 30));
  if (!correct) return "failed";
  await a.signInSucceeded(address, email);
  return "signed-in";
}

describe("sign-in throttling", () => {
  it("20 parallel wrong passwords for one account from one address: only the allowed number is checked", async () => {
    const a = auth();
    const results = await Promise.all(Array.from({ length: 20 }, () => attempt(a, "10.0.0.1", "ana@example.org", false)));
    expect(results.filter((r) => r === "failed")).toHaveLength(SIGN_IN_LIMITS.perAccount.points);
    expect(results.filter((r) => r === "throttled")).toHaveLength(20 - SIGN_IN_LIMITS.perAccount.points);
    // Another address is not affected.
    expect(await attempt(a, "10.0.0.2", "ana@example.org", true)).toBe("signed-in");
  });

  it("parallel spraying across accounts stops at the address limit", async () => {
    const a = auth();
    const n = SIGN_IN_LIMITS.perAddress.points + 10;
    const results = await Promise.all(Array.from({ length: n }, (_, i) => attempt(a, "10.0.0.3", `user${i}@example.org`, false)));
    expect(results.filter((r) => r === "failed")).toHaveLength(SIGN_IN_LIMITS.perAddress.points);
  });

  it("successful sign-ins do not use up the address's allowance", async () => {
    const a = auth();
    for (let i = 0; i < SIGN_IN_LIMITS.perAddress.points + 5; i++) expect(await attempt(a, "10.0.0.4", `staff${i}@example.org`, true)).toBe("signed-in");
    expect(await attempt(a, "10.0.0.4", "one-more@example.org", false)).toBe("failed");
  });
});
