/** Edit one agenda panel and its polls (organisers and facilitators). */
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { LIMITS, PanelDefinition } from "~/domain/template";
import { blankPoll, formToPanel, panelFieldFor, panelToForm, readPanelForm } from "~/components/organiser/poll-form";
import { PanelEditor } from "~/components/organiser/PanelEditor";
import { requireWorkshopRole } from "~/utils/auth.server";
import { fieldErrors, requestTranslator } from "~/utils/forms";
import { pageTitle } from "~/utils/meta";
import { httpError } from "~/utils/errors.server";

export const meta: MetaFunction<typeof loader> = (args) => pageTitle(args, () => args.data?.panel.title ?? null);

const EDITORS = ["organiser", "facilitator"] as const;

async function loadPanel(args: LoaderFunctionArgs) {
  const { request, context, params } = args;
  const { workshop } = await requireWorkshopRole(request, context, params.workshopId!, EDITORS);
  const agenda = await context.services.stores.workshops.getAgenda(workshop.id);
  const panel = agenda.find((p) => p.id === params.panelId);
  // A panel id from another workshop is "not found" here, never editable through this URL.
  if (!panel) throw httpError(request, 404);
  return { workshop, agenda, panel };
}

export async function loader(args: LoaderFunctionArgs) {
  const { workshop, agenda, panel } = await loadPanel(args);
  return {
    workshop: { id: workshop.id, title: workshop.title },
    panel: { id: panel.id, title: panel.title, position: panel.position, total: agenda.length },
    values: panelToForm(panel),
  };
}

export async function action(args: ActionFunctionArgs) {
  const { context, request } = args;
  const { workshop, agenda, panel } = await loadPanel(args);
  const t = requestTranslator(request);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "save");
  const values = readPanelForm(form);
  // Without JavaScript, adding/removing a poll is a round trip that changes the form, not storage.
  if (intent === "add-poll" && values.polls.length < LIMITS.maxPollsPerPanel) {
    return { values: { ...values, polls: [...values.polls, blankPoll()] }, errors: {}, unsaved: true };
  }
  if (intent.startsWith("remove-poll:")) {
    const i = Number(intent.slice("remove-poll:".length));
    return { values: { ...values, polls: values.polls.filter((_, j) => j !== i) }, errors: {}, unsaved: true };
  }
  const otherKeys = agenda.filter((p) => p.id !== panel.id).flatMap((p) => p.polls.map((q) => q.key));
  const parsed = PanelDefinition.safeParse(formToPanel(values, panel.key, otherKeys, panel.polls));
  if (!parsed.success) {
    return data({ values, errors: fieldErrors(parsed.error.issues, t, panelFieldFor), unsaved: false }, { status: 400 });
  }
  try {
    await context.services.stores.workshops.updatePanel(panel.id, parsed.data);
  } catch (err) {
    if (err instanceof Error && err.name === "ConflictError") {
      // Either a poll key clashes elsewhere on the agenda, or a removed poll already has session runs.
      const inUse = "kind" in err && err.kind !== "unique";
      return data({ values, errors: { _form: t(inUse ? "organiser.errors.pollInUse" : "organiser.errors.pollKeyTaken") }, unsaved: false }, { status: 409 });
    }
    throw err;
  }
  throw redirect(`/workshops/${workshop.id}/panels/${panel.id}?saved=1`);
}

export default function EditPanel() {
  const { t } = useTranslation();
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  return (
    <div className="page medium stack">
      <p className="row">
        <Link to={`/workshops/${loaded.workshop.id}/agenda`} className="back-link">{t("organiser.agenda.title")}</Link>
        <span className="muted">· {loaded.workshop.title}</span>
      </p>
      <div className="page-head">
        <h1>{loaded.panel.title}</h1>
        <span className="badge">{t("organiser.panel.position", { n: loaded.panel.position + 1, total: loaded.panel.total })}</span>
      </div>
      {params.get("saved") && !result ? (
        <p className="notice ok" role="status">
          {t("organiser.panel.saved")}
        </p>
      ) : null}
      <PanelEditor values={result?.values ?? loaded.values} errors={result?.errors ?? {}} busy={busy} unsaved={result?.unsaved} />
    </div>
  );
}
