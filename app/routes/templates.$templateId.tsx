/** Read-only view of a template: every panel with its framing, prompts and polls. "Use this template" for organisers only. */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { TotalTime } from "~/components/organiser/AgendaSummary";
import { PollSummary } from "~/components/organiser/PollSummary";
import { requireUser } from "~/utils/auth.server";
import { pageTitle } from "~/utils/meta";
import { httpError } from "~/utils/errors.server";

export const meta: MetaFunction<typeof loader> = (args) => pageTitle(args, () => args.data?.title ?? null);

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const template = await context.services.stores.templates.get(params.templateId!);
  if (!template) throw httpError(request, 404);
  const canCreate = await context.services.stores.workshops.isOrganiser(user.id);
  return { id: template.id, title: template.title, body: template.body, updatedAt: template.updatedAt, canCreate };
}

export default function TemplateView() {
  const { t } = useTranslation();
  const { id, title, body, canCreate } = useLoaderData<typeof loader>();
  const total = body.panels.reduce((n, p) => n + p.durationMinutes, 0);
  const polls = body.panels.reduce((n, p) => n + p.polls.length, 0);
  return (
    <div className="page medium stack">
      <p>
        <Link to="/templates" className="back-link">{t("organiser.templates.title")}</Link>
      </p>
      <div className="page-head">
        <h1>{title}</h1>
        <div className="actions">
          <a href={`/templates/${id}.json`} className="button secondary" download>
            {t("organiser.templates.download")}
          </a>
          {canCreate ? (
            <Link to={`/workshops/new?template=${encodeURIComponent(id)}`} className="button">
              {t("organiser.templates.useTemplate")}
            </Link>
          ) : null}
        </div>
      </div>
      <p className="muted">
        {t("organiser.overview.agendaTotals", { panels: body.panels.length, polls })} · <TotalTime minutes={total} /> ·{" "}
        {t("organiser.templates.key")} <code>{body.key}</code>
      </p>
      {body.description ? <p>{body.description}</p> : null}
      {body.source ? <p className="small muted">{t("organiser.templates.source", { source: body.source })}</p> : null}
      <ol className="plain stack">
        {body.panels.map((panel, i) => (
          <li key={panel.key} className="card stack">
            <div className="row spread">
              <h2 className="h3">
                {i + 1}. {panel.title}
              </h2>
              <span className="muted small">{t("common.minShort", { count: panel.durationMinutes })}</span>
            </div>
            <p className="pre-line">{panel.framing}</p>
            <h3 className="h4">{t("organiser.panel.prompts")}</h3>
            <ul className="prompts">
              {panel.prompts.map((p, j) => (
                <li key={j}>{p}</li>
              ))}
            </ul>
            {panel.polls.length ? (
              <>
                <h3 className="h4">{t("organiser.panel.polls")}</h3>
                <ul className="plain divided">
                  {panel.polls.map((poll) => (
                    <li key={poll.key}>
                      <PollSummary poll={poll} />
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
          </li>
        ))}
      </ol>
    </div>
  );
}
