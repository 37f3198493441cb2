/** Download a template as JSON (the same shape the import accepts), as a file attachment. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/utils/auth.server";
import { httpError } from "~/utils/errors.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requireUser(request, context);
  const template = await context.services.stores.templates.get(params.templateId!);
  if (!template) throw httpError(request, 404);
  // The key is a slug (ASCII letters, digits, dashes), so it is safe inside the quoted filename.
  return new Response(`${JSON.stringify(template.body, null, 2)}\n`, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="${template.key}.json"`,
      "Cache-Control": "private, no-store",
    },
  });
}
