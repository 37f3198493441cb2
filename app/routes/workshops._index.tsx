/** The signed-in user's workshops, newest first, with their role on each. Only organisers see "New workshop". */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDateRange } from "~/components/organiser/format";
import { pickLanguage } from "~/i18n/config";
import { RuleBadge } from "~/components/organiser/RuleBadge";
import { requireUser } from "~/utils/auth.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = (args) => pageTitle(args, (t) => t("organiser.workshops.title"));

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const workshops = await context.services.stores.workshops.listForUser(user.id);
  const lang = pickLanguage(request.headers.get("cookie"), request.headers.get("accept-language"));
  return {
    userName: user.name,
    canCreate: await context.services.stores.workshops.isOrganiser(user.id),
    workshops: workshops.map((w) => ({
      id: w.id,
      title: w.title,
      region: w.region,
      dates: formatDateRange(w.startsOn, w.endsOn, lang),
      rule: w.rule,
      role: w.role,
    })),
  };
}

export default function Workshops() {
  const { t } = useTranslation();
  const { workshops, userName, canCreate } = useLoaderData<typeof loader>();
  return (
    <div className="page stack">
      <div className="page-head">
        <div>
          <h1>{t("organiser.workshops.title")}</h1>
          <p className="muted">{t("organiser.workshops.welcome", { name: userName })}</p>
        </div>
        {canCreate ? (
          <Link to="/workshops/new" className="button">
            {t("organiser.workshops.new")}
          </Link>
        ) : null}
      </div>
      {workshops.length === 0 ? (
        <section className="card empty-state stack">
          <h2>{t("organiser.workshops.emptyTitle")}</h2>
          <p>{t("organiser.workshops.emptyBody")}</p>
          <div className="actions">
            {canCreate ? (
              <Link to="/workshops/new" className="button">
                {t("organiser.workshops.new")}
              </Link>
            ) : null}
            <Link to="/templates" className="button secondary">
              {t("organiser.workshops.browseTemplates")}
            </Link>
          </div>
        </section>
      ) : (
        <ul className="plain grid">
          {workshops.map((w) => (
            <li key={w.id} className="card workshop-card">
              <h2 className="h3">
                <Link to={`/workshops/${w.id}`}>{w.title}</Link>
              </h2>
              <p className="muted">
                {w.region} · {w.dates}
              </p>
              <p className="row">
                <RuleBadge rule={w.rule} />
                <span className="badge">{t(`common.role.${w.role}`)}</span>
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
