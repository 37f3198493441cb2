/** Start a session of a workshop: a title and which panels of the agenda it runs (all by default). */
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { LIMITS } from "~/domain/template";
import { requireWorkshopRole } from "~/utils/auth.server";
import { fieldErrors, requestTranslator } from "~/utils/forms";
import { pageTitle } from "~/utils/meta";

const STAFF = ["organiser", "facilitator"] as const;

const NewSession = z.object({
  title: z.string().trim().min(1, "required").max(LIMITS.titleChars),
  panelIds: z.array(z.string().min(1)).min(1, "panels"),
});

export const meta: MetaFunction = (args) => pageTitle(args, (t) => t("session.newSession.title"));

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { workshop } = await requireWorkshopRole(request, context, params.workshopId!, STAFF);
  const agenda = await context.services.stores.workshops.getAgenda(workshop.id);
  return {
    workshop: { id: workshop.id, title: workshop.title },
    panels: agenda.map((p) => ({ id: p.id, title: p.title, durationMinutes: p.durationMinutes })),
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { workshop, user } = await requireWorkshopRole(request, context, params.workshopId!, STAFF);
  const form = await request.formData();
  const parsed = NewSession.safeParse({ title: form.get("title"), panelIds: form.getAll("panelIds").map(String) });
  if (!parsed.success) {
    return data({ errors: fieldErrors(parsed.error.issues, requestTranslator(request), (n) => n.split(".")[0]) }, { status: 400 });
  }
  // Keep agenda order whatever order the form sent, and refuse ids from other workshops.
  const agenda = await context.services.stores.workshops.getAgenda(workshop.id);
  const chosen = new Set(parsed.data.panelIds);
  const panelIds = agenda.filter((p) => chosen.has(p.id)).map((p) => p.id);
  if (panelIds.length !== chosen.size) return data({ errors: { panelIds: "panels" } as Record<string, string> }, { status: 400 });
  const session = await context.services.stores.sessions.create({ workshopId: workshop.id, title: parsed.data.title, panelIds, createdBy: user.id });
  throw redirect(`/s/${session.id}/console`);
}

export default function NewSessionPage() {
  const { t } = useTranslation();
  const { workshop, panels } = useLoaderData<typeof loader>();
  const errors: Record<string, string> = useActionData<typeof action>()?.errors ?? {};
  return (
    <div className="page medium stack">
      <p>
        <Link to={`/workshops/${workshop.id}`} className="back-link">{workshop.title}</Link>
      </p>
      <h1>{t("session.newSession.title")}</h1>
      <p className="muted">{t("session.newSession.intro")}</p>
      <Form method="post" className="card stack" noValidate>
        <div className="field">
          <label htmlFor="title">{t("session.newSession.nameLabel")}</label>
          <input
            id="title"
            name="title"
            type="text"
            required
            maxLength={LIMITS.titleChars}
            aria-invalid={errors.title ? true : undefined}
            aria-describedby={errors.title ? "title-hint title-error" : "title-hint"}
          />
          <span id="title-hint" className="hint">
            {t("session.newSession.nameHint")}
          </span>
          {errors.title ? (
            <span id="title-error" className="error" role="alert">
              {errors.title}
            </span>
          ) : null}
        </div>
        <fieldset aria-describedby={errors.panelIds ? "panels-error" : undefined}>
          <legend>{t("session.newSession.panelsLegend")}</legend>
          <ul className="plain stack">
            {panels.map((p, i) => (
              <li key={p.id} className="check">
                <input type="checkbox" id={`panel-${p.id}`} name="panelIds" value={p.id} defaultChecked />
                <label htmlFor={`panel-${p.id}`}>
                  {i + 1}. {p.title} <span className="muted small">({t("common.minShort", { count: p.durationMinutes })})</span>
                </label>
              </li>
            ))}
          </ul>
          {errors.panelIds ? (
            <p id="panels-error" className="error" role="alert">
              {t("session.newSession.panelsError")}
            </p>
          ) : null}
        </fieldset>
        <button type="submit" className="button">
          {t("session.newSession.submit")}
        </button>
      </Form>
    </div>
  );
}
