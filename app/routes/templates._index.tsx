/**
 * Templates: the reusable agendas, and importing a new one from a JSON or YAML file. Only organisers
 * (see `isOrganiser`) may import, and an import never replaces a stored template: a file whose key is
 * taken is refused (409) with a suggested new key, unless its content is identical (nothing changes).
 */
import {
  data,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { MAX_TEMPLATE_BYTES, parseTemplate } from "~/domain/template-errors";
import { TemplateImport, type ImportResult } from "~/components/organiser/TemplateImport";
import { requireUser } from "~/utils/auth.server";
import { requestTranslator, templateMessages } from "~/utils/forms";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = (args) => pageTitle(args, (t) => t("organiser.templates.title"));

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const templates = await context.services.stores.templates.list();
  return {
    canImport: await context.services.stores.workshops.isOrganiser(user.id),
    templates: templates.map((tpl) => ({
      id: tpl.id,
      title: tpl.title,
      description: tpl.body.description,
      source: tpl.body.source ?? null,
      panels: tpl.body.panels.length,
      polls: tpl.body.panels.reduce((n, p) => n + p.polls.length, 0),
    })),
  };
}

const ACCEPTED = /\.(json|ya?ml)$/i;

export async function action({ request, context }: ActionFunctionArgs): Promise<ImportResult | ReturnType<typeof data<ImportResult>>> {
  const user = await requireUser(request, context);
  const t = requestTranslator(request);
  const fail = (fileError: string, status = 400) => data<ImportResult>({ ok: false, errors: [], fileError }, { status });
  if (!(await context.services.stores.workshops.isOrganiser(user.id))) return fail(t("organiser.templates.organisersOnly"), 403);
  let form: FormData;
  try {
    // The memory handler caps each part at MAX_TEMPLATE_BYTES, so a huge upload is refused while streaming.
    form = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_TEMPLATE_BYTES }));
  } catch {
    return fail(t("organiser.templates.tooBig", { kib: MAX_TEMPLATE_BYTES / 1024 }), 413);
  }
  const file = form.get("file");
  // No file chosen: browsers send an empty part without a name. An empty file that has a name is
  // reported by parseTemplate like any other problem of that file.
  if (!file || typeof file === "string" || (file.size === 0 && !file.name)) return fail(t("organiser.templates.noFile"));
  if (!ACCEPTED.test(file.name)) return fail(t("organiser.templates.badType"));
  const parsed = parseTemplate(await file.text(), { fileName: file.name, messages: templateMessages(t) });
  if (!parsed.ok) return data<ImportResult>({ ok: false, errors: parsed.errors }, { status: 400 });
  const { key, title } = parsed.template;
  const { template, outcome } = await context.services.stores.templates.insertNew({ key, title, body: parsed.template });
  if (outcome === "taken") return fail(t("organiser.templates.keyExists", { key, suggestion: `${key}-2` }), 409);
  context.services.logger.info({ templateKey: key, outcome }, "template imported");
  return { ok: true, id: template.id, title: template.title, outcome };
}

export default function Templates() {
  const { t } = useTranslation();
  const { templates, canImport } = useLoaderData<typeof loader>();
  // Only set when the browser posted the form itself (no JavaScript); otherwise the form's fetcher holds the result.
  const posted = useActionData<typeof action>() as ImportResult | undefined;
  return (
    <div className="page stack">
      <div className="page-head">
        <div>
          <h1>{t("organiser.templates.title")}</h1>
          <p className="muted">{t("organiser.templates.intro")}</p>
        </div>
      </div>
      {templates.length === 0 ? (
        <div className="card empty-state">
          <p>{t("organiser.templates.empty")}</p>
        </div>
      ) : (
        <ul className="plain grid">
          {templates.map((tpl) => (
            <li key={tpl.id} className="card stack template-card">
              <h2 className="h3">
                <Link to={`/templates/${tpl.id}`}>{tpl.title}</Link>
              </h2>
              <p className="muted small">{t("organiser.overview.agendaTotals", { panels: tpl.panels, polls: tpl.polls })}</p>
              {tpl.description ? <p className="clamp">{tpl.description}</p> : null}
              {tpl.source ? <p className="small muted clamp">{t("organiser.templates.source", { source: tpl.source })}</p> : null}
            </li>
          ))}
        </ul>
      )}
      {canImport ? <TemplateImport posted={posted} /> : <p className="muted">{t("organiser.templates.organisersOnly")}</p>}
    </div>
  );
}
