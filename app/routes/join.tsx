/**
 * `GET /join?code=…`: normalises a typed code and sends the person to that session's join page.
 * Without a `code` (the address opened directly) it is the start page, with no error: nothing was
 * typed yet. An empty submitted code is an error like any wrong one.
 */
import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { sessionByTypedCode } from "~/utils/session-access.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const raw = new URL(request.url).searchParams.get("code");
  if (raw === null) throw redirect("/");
  const session = await sessionByTypedCode(context, raw);
  throw redirect(`/j/${session.joinCode}`);
}
