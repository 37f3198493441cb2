/**
 * Rapporteurs' notes page (staff only: organiser, facilitator, rapporteur of the workshop): co-write each
 * panel's notes and key takeaways live. Facilitators and organisers can also open the notes to participants.
 */
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { notesOpenToAllKey } from "~/components/notes/access";
import { NotesWorkspace } from "~/components/notes/NotesWorkspace";
import { ConnectionStatus } from "~/components/session/PanelView";
import { useSession } from "~/realtime/useSession";
import { requireSessionStaff } from "~/utils/session-access.server";
import notesStyles from "~/styles/notes.css";
import { pageTitle } from "~/utils/meta";
import { httpError } from "~/utils/errors.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: notesStyles }];
export const meta: MetaFunction<typeof loader> = (args) => pageTitle(args, (t) => (args.data ? t("notes.page.metaTitle", { title: args.data.state.title }) : null));

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { session, role } = await requireSessionStaff(request, context, params.sessionId!, ["organiser", "facilitator", "rapporteur"]);
  const state = await context.services.realtime.sessionState(session.id);
  if (!state) throw httpError(request, 404);
  const openToAll = (await context.services.stores.settings.get(notesOpenToAllKey(session.id))) === "1";
  return { state, canManageAccess: role !== "rapporteur", openToAll };
}

/** Sets who may write: only organisers and facilitators (rapporteurs get 403 from requireSessionStaff). */
export async function action({ request, context, params }: ActionFunctionArgs) {
  const { session } = await requireSessionStaff(request, context, params.sessionId!, ["organiser", "facilitator"]);
  const form = await request.formData();
  if (form.get("intent") !== "notes-access") throw httpError(request, 400);
  const key = notesOpenToAllKey(session.id);
  if (form.get("openToAll") === "on") await context.services.stores.settings.set(key, "1");
  else await context.services.stores.settings.delete(key);
  return { saved: true };
}

export default function NotesPage() {
  const { t } = useTranslation();
  const { state: initial, canManageAccess, openToAll } = useLoaderData<typeof loader>();
  const saved = useActionData<typeof action>()?.saved;
  const busy = useNavigation().state !== "idle";
  const { state, connected } = useSession(initial);
  return (
    <div className="page stack notes-page">
      <div className="page-head">
        <div>
          <p className="muted small">
            {state.workshopTitle}
            {canManageAccess ? (
              <>
                {" · "}
                <Link to={`/s/${state.sessionId}/console`}>{t("notes.page.back")}</Link>
              </>
            ) : null}
          </p>
          <h1>
            {t("notes.page.title", { title: state.title })}
          </h1>
        </div>
        <div className="row">
          <span className="badge">{t(`session.status.${state.status}`)}</span>
          <span className="badge">{t(`common.rule.${state.rule}`)}</span>
          <ConnectionStatus connected={connected} />
        </div>
      </div>
      <p className="muted">{t("notes.page.intro")}</p>
      <NotesWorkspace state={state} canWrite />
      {canManageAccess ? (
        <Form method="post" className="card stack notes-access" aria-labelledby="notes-access-heading">
          <h2 id="notes-access-heading">{t("notes.access.heading")}</h2>
          <input type="hidden" name="intent" value="notes-access" />
          <div className="check">
            <input type="checkbox" id="notes-open-to-all" name="openToAll" defaultChecked={openToAll} aria-describedby="notes-open-hint" />
            <label htmlFor="notes-open-to-all">{t("notes.access.openToAll")}</label>
          </div>
          <p id="notes-open-hint" className="muted small">
            {t("notes.access.openToAllHint")}
          </p>
          <div className="actions">
            <button type="submit" className="button small" disabled={busy}>
              {t("common.save")}
            </button>
            {saved ? (
              <span role="status" className="small">
                {t("notes.access.saved")}
              </span>
            ) : null}
          </div>
        </Form>
      ) : null}
    </div>
  );
}
