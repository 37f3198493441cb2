/** Agenda editor: reorder, remove and add panels (organisers and facilitators). */
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { LIMITS, PanelDefinition } from "~/domain/template";
import { AddPanelForm } from "~/components/organiser/AddPanelForm";
import { AgendaRow } from "~/components/organiser/AgendaRow";
import { TotalTime } from "~/components/organiser/AgendaSummary";
import { FormError } from "~/components/organiser/Field";
import { requireWorkshopRole } from "~/utils/auth.server";
import { fieldErrors, linesOf, numberOrUndefined, readForm, requestTranslator, slugify, uniqueSlug } from "~/utils/forms";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = (args) => pageTitle(args, (t) => t("organiser.agenda.title"));

const EDITORS = ["organiser", "facilitator"] as const;

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { workshop } = await requireWorkshopRole(request, context, params.workshopId!, EDITORS);
  const agenda = await context.services.stores.workshops.getAgenda(workshop.id);
  return {
    workshop: { id: workshop.id, title: workshop.title },
    panels: agenda.map((p) => ({ id: p.id, title: p.title, durationMinutes: p.durationMinutes, polls: p.polls.length, prompts: p.prompts.length })),
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { workshop } = await requireWorkshopRole(request, context, params.workshopId!, EDITORS);
  const { workshops } = context.services.stores;
  const t = requestTranslator(request);
  const form = readForm(await request.formData(), ["intent", "panelId", "title", "durationMinutes", "framing", "prompts"] as const);
  const agenda = await workshops.getAgenda(workshop.id);
  const back = `/workshops/${workshop.id}/agenda`;
  if (form.intent === "add") {
    const values = { title: form.title, durationMinutes: form.durationMinutes, framing: form.framing, prompts: form.prompts };
    const key = uniqueSlug(slugify(form.title), new Set(agenda.map((p) => p.key)), "panel");
    const parsed = PanelDefinition.safeParse({
      key,
      title: form.title,
      framing: form.framing,
      prompts: linesOf(form.prompts),
      durationMinutes: numberOrUndefined(form.durationMinutes),
      polls: [],
    });
    // Every refusal sends the typed values back, so the form shows them again (B8).
    if (!parsed.success) {
      return data({ values, errors: fieldErrors(parsed.error.issues, t, (n) => n.split(".")[0]) }, { status: 400 });
    }
    if (agenda.length >= LIMITS.maxPanels) {
      return data({ values, errors: { _form: t("organiser.errors.tooManyPanels", { max: LIMITS.maxPanels }) } }, { status: 409 });
    }
    try {
      await workshops.addPanel(workshop.id, parsed.data);
    } catch (err) {
      // Another editor added a panel with the same key between our read and write.
      if (err instanceof Error && err.name === "ConflictError") {
        return data({ values, errors: { _form: t("organiser.errors.agendaChanged") } }, { status: 409 });
      }
      throw err;
    }
    throw redirect(`${back}?done=added`);
  }
  const index = agenda.findIndex((p) => p.id === form.panelId);
  if (index < 0) return data({ values: null, errors: { _form: t("organiser.errors.panelGone") } }, { status: 404 });
  try {
    if (form.intent === "move-up") await workshops.movePanel(form.panelId, index - 1);
    else if (form.intent === "move-down") await workshops.movePanel(form.panelId, index + 1);
    else if (form.intent === "remove") await workshops.removePanel(form.panelId);
    else return data({ values: null, errors: { _form: t("organiser.errors.generic") } }, { status: 400 });
  } catch (err) {
    // A poll of this panel already ran in a session: its results must keep pointing at it.
    if (err instanceof Error && err.name === "ConflictError") {
      return data({ values: null, errors: { _form: t("organiser.errors.panelInUse") } }, { status: 409 });
    }
    throw err;
  }
  throw redirect(form.intent === "remove" ? `${back}?done=removed` : back);
}

export default function AgendaEditor() {
  const { t } = useTranslation();
  const { workshop, panels } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors: Record<string, string> = result?.errors ?? {};
  const [params] = useSearchParams();
  const busy = useNavigation().state !== "idle";
  const done = params.get("done");
  const total = panels.reduce((n, p) => n + p.durationMinutes, 0);
  return (
    <div className="page medium stack">
      <p>
        <Link to={`/workshops/${workshop.id}`} className="back-link">{workshop.title}</Link>
      </p>
      <div className="page-head">
        <h1>{t("organiser.agenda.title")}</h1>
        {panels.length ? (
          <p className="muted">
            {t("organiser.agenda.count", { count: panels.length })} · <TotalTime minutes={total} />
          </p>
        ) : null}
      </div>
      <p className="muted">{t("organiser.agenda.intro")}</p>
      {done === "added" || done === "removed" ? (
        <p className="notice ok" role="status">
          {t(`organiser.agenda.${done}`)}
        </p>
      ) : null}
      {/* A refused add shows its form-level error inside the add form, next to the kept values. */}
      <FormError error={result?.values ? undefined : errors._form} />
      {panels.length === 0 ? (
        <div className="card empty-state">
          <p>{t("organiser.agenda.empty")}</p>
        </div>
      ) : (
        <ol className="plain agenda agenda-editor">
          {panels.map((p, i) => (
            <AgendaRow key={p.id} panel={p} index={i} count={panels.length} workshopId={workshop.id} confirming={params.get("confirm") === p.id} busy={busy} />
          ))}
        </ol>
      )}
      <AddPanelForm values={result?.values ?? undefined} errors={result?.values ? errors : {}} busy={busy} />
    </div>
  );
}
