/**
 * Create a workshop from a template (its agenda is copied) or from a blank agenda. Organisers only
 * (DESIGN.md): other staff get a translated 403 page, and nothing is created.
 */
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { WorkshopFields } from "~/domain/workshop";
import { FormError, SelectField } from "~/components/organiser/Field";
import { timeZoneList } from "~/components/organiser/format";
import { readWorkshopForm, workshopInput } from "~/components/organiser/workshop-form";
import { WorkshopFieldsForm } from "~/components/organiser/WorkshopFieldsForm";
import { requireOrganiser } from "~/utils/auth.server";
import { fieldErrors, requestTranslator } from "~/utils/forms";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = (args) => pageTitle(args, (t) => t("organiser.newWorkshop.title"));

const ORGANISERS_ONLY = "organiser.newWorkshop.organisersOnly";

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireOrganiser(request, context, ORGANISERS_ONLY);
  const templates = await context.services.stores.templates.list();
  // `?template=<id>` ("Use this template" on a template's page) preselects it; an unknown id is ignored.
  const asked = new URL(request.url).searchParams.get("template");
  return {
    preselected: templates.some((tpl) => tpl.id === asked) ? asked : null,
    timeZones: timeZoneList(),
    templates: templates.map((tpl) => ({
      id: tpl.id,
      title: tpl.title,
      panels: tpl.body.panels.length,
      polls: tpl.body.panels.reduce((n, p) => n + p.polls.length, 0),
    })),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireOrganiser(request, context, ORGANISERS_ONLY);
  const { stores } = context.services;
  const t = requestTranslator(request);
  const form = await request.formData();
  const values = readWorkshopForm(form);
  const templateId = String(form.get("templateId") ?? "");
  const parsed = WorkshopFields.safeParse(workshopInput(values));
  const errors = parsed.success ? {} : fieldErrors(parsed.error.issues, t);
  const template = templateId ? await stores.templates.get(templateId) : null;
  if (templateId && !template) errors.templateId = t("organiser.errors.unknownTemplate");
  if (!parsed.success || Object.keys(errors).length) return data({ values, templateId, errors }, { status: 400 });
  const workshop = await stores.workshops.createFromTemplate(parsed.data, template ? { id: template.id, body: template.body } : null, user.id);
  // A blank agenda has nothing to look at yet: go straight to the agenda editor.
  throw redirect(template ? `/workshops/${workshop.id}` : `/workshops/${workshop.id}/agenda`);
}

export default function NewWorkshop() {
  const { t } = useTranslation();
  const { templates, timeZones, preselected } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors: Record<string, string> = result?.errors ?? {};
  const busy = useNavigation().state === "submitting";
  const templateOptions = [
    ...templates.map((tpl) => [tpl.id, t("organiser.newWorkshop.templateOption", { title: tpl.title, panels: tpl.panels, polls: tpl.polls })] as const),
    ["", t("organiser.newWorkshop.blank")] as const,
  ];
  return (
    <div className="page medium stack">
      <p>
        <Link to="/workshops" className="back-link">{t("organiser.workshops.title")}</Link>
      </p>
      <h1>{t("organiser.newWorkshop.title")}</h1>
      <p className="muted">{t("organiser.newWorkshop.intro")}</p>
      <Form method="post" className="card stack" noValidate>
        <FormError error={errors._form} />
        <SelectField
          name="templateId"
          label={t("organiser.newWorkshop.template")}
          hint={t("organiser.newWorkshop.templateHint")}
          options={templateOptions}
          defaultValue={result?.templateId ?? preselected ?? templates[0]?.id ?? ""}
          error={errors.templateId}
        />
        <WorkshopFieldsForm values={result?.values ?? {}} errors={errors} timeZones={timeZones} detectTimeZone={!result} />
        <div className="actions">
          <button type="submit" className="button" disabled={busy}>
            {t("organiser.newWorkshop.submit")}
          </button>
          <Link to="/workshops" className="button secondary">
            {t("common.cancel")}
          </Link>
        </div>
      </Form>
    </div>
  );
}
