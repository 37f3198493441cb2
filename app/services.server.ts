/**
 * The typed load context Express hands to Remix (`getLoadContext`). Routes reach storage, auth and
 * realtime only through it; app/ never imports server/ at runtime (type-only imports here).
 */
import type { Logger } from "pino";
import type { Stores } from "../server/storage";
import type { AuthService } from "../server/auth/service";
import type { SessionRealtime } from "../server/realtime/session";
import type { NoteStore } from "../server/notes/store";
import type { OutcomeService } from "../server/outcome/service";
import type { ReplayService } from "../server/replay/service";

export interface Services {
  stores: Stores;
  auth: AuthService;
  realtime: Pick<SessionRealtime, "broadcastState" | "sessionState">;
  logger: Logger;
  /** Notes history (updates + checkpoints) for summaries and replay; read-only use from routes. */
  noteStore: NoteStore;
  /** Summary drafts, the non-attribution publish gate and exports. */
  outcome: OutcomeService;
  /** Past sessions' timelines and notes at a moment (cached per process) for the replay routes. */
  replay: ReplayService;
  /** Base URL for links shown to people (join link, QR code, invitations), without trailing slash. */
  publicUrl: string | null;
}

declare module "@remix-run/node" {
  interface AppLoadContext {
    services: Services;
    /** Per-request CSP nonce for inline scripts Remix emits. */
    cspNonce: string;
    /** The client's socket address, for in-memory throttling only (never stored or logged). */
    clientAddress: string;
    /** Counts one join-code lookup that found no session against this client (server/http/rate-limit.ts). */
    joinMiss(): Promise<void>;
  }
}

declare module "@remix-run/server-runtime" {
  interface Future {
    v3_singleFetch: true;
  }
}
