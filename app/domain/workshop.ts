/**
 * Workshops, their agenda (panels and polls), members and invitations.
 *
 * A workshop owns its own copy of a template's agenda: editing it never changes the template.
 * Times are epoch milliseconds (UTC); calendar dates are ISO `YYYY-MM-DD` in the workshop's time zone.
 */
import { z } from "zod";
import { LIMITS, PanelDefinition, PollDefinition } from "./template";

/** Attribution rule of a workshop. `chatham-house` (default) forbids attributing anything that leaves the room. */
export const Rule = z.enum(["chatham-house", "attributed"]);
export type Rule = z.infer<typeof Rule>;

/** Self-declared sector of a participant; used only for aggregate breakdowns. */
export const Sector = z.enum([
  "government",
  "industry",
  "civil-society",
  "academia",
  "international-organisation",
  "other",
]);
export type Sector = z.infer<typeof Sector>;

/** Staff roles on a workshop (accounts with credentials). */
export const MemberRole = z.enum(["organiser", "facilitator", "rapporteur"]);
export type MemberRole = z.infer<typeof MemberRole>;

/** Smallest sector cell shown under the Chatham House rule (DESIGN.md: k, default 5). */
export const DEFAULT_MIN_CELL = 5;

/** IANA time-zone name accepted by `Intl.DateTimeFormat` (e.g. `Africa/Nairobi`). */
export const TimeZone = z
  .string()
  .min(1)
  .max(64)
  .refine((tz) => {
    try {
      new Intl.DateTimeFormat("en", { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, "unknown time zone");

export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "use YYYY-MM-DD").refine(
  (d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)),
  "not a real date",
);

/** Fields an organiser sets when creating or editing a workshop. */
export const WorkshopFields = z
  .object({
    title: z.string().trim().min(1).max(LIMITS.titleChars),
    region: z.string().trim().min(1).max(100),
    timeZone: TimeZone,
    startsOn: IsoDate,
    endsOn: IsoDate,
    rule: Rule.default("chatham-house"),
    /** k: sector cells with fewer people than this are suppressed (2..50). */
    minCellSize: z.number().int().min(2).max(50).default(DEFAULT_MIN_CELL),
  })
  .refine((w) => w.endsOn >= w.startsOn, { path: ["endsOn"], message: "ends before it starts" });
export type WorkshopFields = z.infer<typeof WorkshopFields>;

export interface Workshop extends WorkshopFields {
  id: string;
  templateId: string | null;
  createdBy: string;
  createdAt: number;
}

/** A poll as stored on a workshop's agenda: its definition plus ids. */
export type Poll = PollDefinition & { id: string; panelId: string; position: number };

/** A panel on a workshop's agenda. */
export interface Panel extends Omit<PanelDefinition, "polls"> {
  id: string;
  workshopId: string;
  position: number;
  polls: Poll[];
}

export interface Member {
  workshopId: string;
  userId: string;
  role: MemberRole;
  name: string;
  email: string;
}

export interface Invitation {
  token: string;
  workshopId: string;
  role: MemberRole;
  createdBy: string;
  createdAt: number;
  expiresAt: number;
  acceptedBy: string | null;
  acceptedAt: number | null;
  /** When an organiser revoked it (epoch ms), or null. */
  revokedAt: number | null;
}

/**
 * An invitation as listed to organisers: never the secret token (it is shown once, at creation).
 * `id` is a non-secret handle derived from the token (see the member store), used to revoke it.
 */
export interface InvitationListing {
  id: string;
  role: MemberRole;
  createdAt: number;
  expiresAt: number;
  /** Who used it (their name), when used. */
  acceptedByName: string | null;
  acceptedAt: number | null;
  revokedAt: number | null;
  /** `pending` = usable now; the others say why it no longer is. */
  state: InvitationState;
}

export type InvitationState = "pending" | "used" | "expired" | "revoked";

/** State of an invitation at `now` (ms): used wins over revoked wins over expired. */
export function invitationState(inv: Pick<Invitation, "acceptedBy" | "revokedAt" | "expiresAt">, now: number): InvitationState {
  if (inv.acceptedBy) return "used";
  if (inv.revokedAt !== null) return "revoked";
  return now >= inv.expiresAt ? "expired" : "pending";
}

/** How long an invitation link stays valid: 14 days covers the usual workshop lead time. */
export const INVITATION_TTL_MS = 14 * 24 * 60 * 60 * 1000;

export interface User {
  id: string;
  email: string;
  name: string;
  createdAt: number;
}
