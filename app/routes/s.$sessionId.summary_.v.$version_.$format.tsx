/**
 * Download of a published version (resource route): /s/<id>/summary/v/<n>/<docx|pdf|md|html|json|csv>.
 * Staff of the workshop always; anyone when the version is unlisted or public.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireSummaryStaff } from "~/components/summary/access.server";
import { downloadResponse } from "~/components/summary/download.server";
import { FormatParam, VersionParam } from "~/components/summary/forms";
import { httpError } from "~/utils/errors.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const version = VersionParam.safeParse(params.version);
  const format = FormatParam.safeParse(params.format);
  if (!version.success || !format.success) throw httpError(request, 404);
  const record = await context.services.stores.summaries.getVersion(params.sessionId!, version.data);
  if (!record) throw httpError(request, 404);
  if (record.visibility === "private") await requireSummaryStaff(request, context, params.sessionId!);
  return downloadResponse(request, context, record, format.data);
}
