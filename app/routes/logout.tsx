/** Sign out: POST destroys the cookie session (a GET cannot sign anyone out: no CSRF by link). */
import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { getCookieSession } from "~/utils/auth.server";

export async function action({ request, context }: ActionFunctionArgs) {
  const session = await getCookieSession({ request, context });
  throw redirect("/", { headers: { "Set-Cookie": await context.services.auth.cookies.destroySession(session) } });
}

export function loader() {
  throw redirect("/");
}
