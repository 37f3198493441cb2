/** Templates: the reusable agendas, and importing a new one from a JSON or YAML file. */
import {
  data,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { MAX_TEMPLATE_BYTES, parseTemplate } from "~/domain/template-errors";
import { TemplateImport, type ImportResult } from "~/components/organiser/TemplateImport";
import { requireUser } from "~/utils/auth.server";
import { requestTranslator } from "~/utils/forms";

export const meta: MetaFunction = () => [{ title: "Templates · Roundtable" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireUser(request, context);
  const templates = await context.services.stores.templates.list();
  return {
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
  await requireUser(request, context);
  const t = requestTranslator(request);
  const fail = (fileError: string, status = 400) => data<ImportResult>({ ok: false, errors: [], fileError }, { status });
  let form: FormData;
  try {
    // The memory handler caps each part at MAX_TEMPLATE_BYTES, so a huge upload is refused while streaming.
    form = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_TEMPLATE_BYTES }));
  } catch {
    return fail(t("organiser.templates.tooBig", { kib: MAX_TEMPLATE_BYTES / 1024 }), 413);
  }
  const file = form.get("file");
  if (!file || typeof file === "string" || file.size === 0) return fail(t("organiser.templates.noFile"));
  if (!ACCEPTED.test(file.name)) return fail(t("organiser.templates.badType"));
  const parsed = parseTemplate(await file.text(), { fileName: file.name });
  if (!parsed.ok) return data<ImportResult>({ ok: false, errors: parsed.errors }, { status: 400 });
  const { templates } = context.services.stores;
  const existed = Boolean(await templates.getByKey(parsed.template.key));
  const { template, changed } = await templates.upsert({ key: parsed.template.key, title: parsed.template.title, body: parsed.template });
  context.services.logger.info({ templateKey: template.key, changed }, "template imported");
  return { ok: true, id: template.id, title: template.title, outcome: !changed ? "unchanged" : existed ? "updated" : "created" };
}

export default function Templates() {
  const { t } = useTranslation();
  const { templates } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ImportResult | undefined;
  const busy = useNavigation().state === "submitting";
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
      <TemplateImport result={result} busy={busy} />
    </div>
  );
}
