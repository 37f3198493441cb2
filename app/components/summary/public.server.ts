/** Reading a summary without an account: only published versions that are unlisted or public. */
import type { AppLoadContext } from "@remix-run/node";
import { z } from "zod";
import { httpError } from "~/utils/errors.server";

/** Summary ids are UUIDs (or test ids): anything else is answered 404 without touching storage. */
const SummaryId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

/**
 * The record behind `/outcomes/<id>`. Private versions and drafts answer 404 (not 403): a private
 * link must not even confirm that a summary exists.
 * @throws Response 404 (translated body)
 */
export async function readableOutcome(request: Request, context: AppLoadContext, id: string | undefined) {
  const parsed = SummaryId.safeParse(id);
  const record = parsed.success ? await context.services.stores.summaries.getById(parsed.data) : null;
  if (!record || record.status !== "published" || record.visibility === "private") throw httpError(request, 404);
  return record;
}
