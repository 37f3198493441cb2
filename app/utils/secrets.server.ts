import { timingSafeEqual } from "node:crypto";

/** Constant-time comparison of two secrets (projector keys): no timing hint on how much matched. */
export function sameSecret(a: string, b: string) {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
