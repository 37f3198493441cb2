/** `GET /join?code=…`: normalises a typed code and sends the person to that session's join page. */
import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { JoinCode, startPageError } from "~/domain/session";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const raw = new URL(request.url).searchParams.get("code") ?? "";
  const parsed = JoinCode.safeParse(raw);
  if (!parsed.success) {
    await context.joinMiss();
    throw redirect(startPageError("invalid", raw));
  }
  const session = await context.services.stores.sessions.getByJoinCode(parsed.data);
  if (!session) {
    await context.joinMiss();
    throw redirect(startPageError("unknown", raw));
  }
  throw redirect(`/j/${parsed.data}`);
}
