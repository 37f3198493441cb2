/** The new-account form schema shared by first-run setup and invitation sign-up. */
import { z } from "zod";

/**
 * Minimum password length. NIST SP 800-63B (§5.1.1.2) requires at least 8 characters for
 * user-chosen secrets; we ask for 10 because staff accounts can read un-published notes.
 */
export const MIN_PASSWORD = 10;

/** Name, e-mail, password and its confirmation; a mismatch is reported on `confirm`. */
export const NewAccount = z
  .object({
    name: z.string().trim().min(1).max(100),
    email: z.email().max(254),
    // The upper bound keeps argon2 work per request bounded.
    password: z.string().min(MIN_PASSWORD).max(1000),
    confirm: z.string(),
  })
  .refine((a) => a.password === a.confirm, { path: ["confirm"], message: "mismatch" });
export type NewAccount = z.infer<typeof NewAccount>;

export const ACCOUNT_FIELDS = ["name", "email", "password", "confirm"] as const;
