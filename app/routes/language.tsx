/** Language switch (POST from the header form): remembers the choice in a cookie for a year. */
import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { isLanguage, LANGUAGE_COOKIE } from "~/i18n/config";
import { safeRedirect } from "~/utils/auth.server";
import { httpError } from "~/utils/errors.server";

/** One year, in seconds: a language preference rarely changes. */
const ONE_YEAR_S = 31_536_000;

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const lang = form.get("lang");
  // A language we do not ship (a crafted form): the translated 400, and the cookie stays as it was.
  if (!isLanguage(lang)) throw httpError(request, 400);
  // Not HttpOnly-sensitive (only a language tag), but SameSite=Lax keeps it off cross-site POSTs.
  throw redirect(safeRedirect(form.get("returnTo")), {
    headers: { "Set-Cookie": `${LANGUAGE_COOKIE}=${lang}; Path=/; Max-Age=${ONE_YEAR_S}; SameSite=Lax` },
  });
}

/** A stray GET (bookmark, reload after a redirect) goes to the start page instead of an error. */
export function loader() {
  throw redirect("/");
}
