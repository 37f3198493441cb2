/** Public download of an unlisted/public summary version: /outcomes/<summaryId>/<format>. Private or draft → 404. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { downloadResponse } from "~/components/summary/download.server";
import { FormatParam } from "~/components/summary/forms";
import { readableOutcome } from "~/components/summary/public.server";
import { httpError } from "~/utils/errors.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const format = FormatParam.safeParse(params.format);
  if (!format.success) throw httpError(request, 404);
  return downloadResponse(request, context, await readableOutcome(request, context, params.summaryId), format.data);
}
