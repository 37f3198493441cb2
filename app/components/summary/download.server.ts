/** The export download response shared by the staff and public download routes. */
import type { AppLoadContext } from "@remix-run/node";
import { pickLanguage } from "~/i18n/config";
import type { SummaryRecord } from "../../../server/storage";
import type { ExportFormat } from "../../../server/outcome/render";

/**
 * Renders `record` as `format`, labelled in the reader's language (the `rt_lang` cookie, then
 * Accept-Language, as the pages), and answers it as an attachment. `private` versions are only ever
 * passed here after a staff check; public/unlisted ones are cacheable by browsers for a short time
 * but not by shared caches (a visibility change must take effect).
 */
export async function downloadResponse(request: Request, context: AppLoadContext, record: SummaryRecord, format: ExportFormat): Promise<Response> {
  const language = pickLanguage(request.headers.get("cookie"), request.headers.get("accept-language"));
  const file = await context.services.outcome.render(record, format, language);
  const bytes = typeof file.data === "string" ? new TextEncoder().encode(file.data) : new Uint8Array(file.data);
  return new Response(bytes, {
    status: 200,
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": `attachment; filename="${file.filename}"`,
      "Content-Length": String(bytes.byteLength),
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
