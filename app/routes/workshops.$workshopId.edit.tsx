/**
 * Edit a workshop's details (organisers only). The agenda has its own editor. The rule is fixed once
 * a session has started or someone has joined (B16, `WorkshopStore.ruleLocked`): a change is refused
 * with a 409 and an error next to the rule, and nothing is saved.
 */
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { WorkshopFields } from "~/domain/workshop";
import { FormError } from "~/components/organiser/Field";
import { timeZoneList } from "~/components/organiser/format";
import { readWorkshopForm, workshopInput, workshopToForm } from "~/components/organiser/workshop-form";
import { WorkshopFieldsForm } from "~/components/organiser/WorkshopFieldsForm";
import { requireWorkshopRole } from "~/utils/auth.server";
import { fieldErrors, requestTranslator } from "~/utils/forms";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = (args) => pageTitle(args, (t) => t("organiser.editWorkshop.title"));

const ORGANISER = ["organiser"] as const;

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { workshop } = await requireWorkshopRole(request, context, params.workshopId!, ORGANISER);
  const ruleLocked = await context.services.stores.workshops.ruleLocked(workshop.id);
  return { id: workshop.id, title: workshop.title, values: workshopToForm(workshop), timeZones: timeZoneList(), ruleLocked };
}

/** The store's refusal of a locked rule change, compared by name (app/ does not import server/ at runtime). */
const isStateConflict = (err: unknown) => err instanceof Error && err.name === "ConflictError" && "kind" in err && err.kind === "state";

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { workshop } = await requireWorkshopRole(request, context, params.workshopId!, ORGANISER);
  const values = readWorkshopForm(await request.formData());
  const parsed = WorkshopFields.safeParse(workshopInput(values));
  const t = requestTranslator(request);
  if (!parsed.success) return data({ values, errors: fieldErrors(parsed.error.issues, t) }, { status: 400 });
  const ruleLocked = { values, errors: { rule: t("organiser.errors.ruleLocked", { rule: t(`common.rule.${workshop.rule}`) }) } as Record<string, string> };
  // The store decides inside its update transaction, so a session starting meanwhile cannot slip past.
  try {
    await context.services.stores.workshops.update(workshop.id, parsed.data);
  } catch (err) {
    if (isStateConflict(err)) return data(ruleLocked, { status: 409 });
    throw err;
  }
  throw redirect(`/workshops/${workshop.id}?saved=details`);
}

export default function EditWorkshop() {
  const { t } = useTranslation();
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors: Record<string, string> = result?.errors ?? {};
  const busy = useNavigation().state === "submitting";
  return (
    <div className="page medium stack">
      <p>
        <Link to={`/workshops/${loaded.id}`} className="back-link">{loaded.title}</Link>
      </p>
      <h1>{t("organiser.editWorkshop.title")}</h1>
      <Form method="post" className="card stack" noValidate>
        <FormError error={errors._form} />
        <WorkshopFieldsForm
          values={result?.values ?? loaded.values}
          errors={errors}
          timeZones={loaded.timeZones}
          ruleNote={loaded.ruleLocked ? t("organiser.form.ruleLockedNote") : undefined}
        />
        <div className="actions">
          <button type="submit" className="button" disabled={busy}>
            {t("common.save")}
          </button>
          <Link to={`/workshops/${loaded.id}`} className="button secondary">
            {t("common.cancel")}
          </Link>
        </div>
      </Form>
    </div>
  );
}
