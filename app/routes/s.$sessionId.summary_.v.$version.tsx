/** One published version of a session's summary, for staff: the read-only view and its downloads. */
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireSummaryStaff } from "~/components/summary/access.server";
import { DownloadLinks } from "~/components/summary/DownloadLinks";
import { VersionParam } from "~/components/summary/forms";
import { SummaryView } from "~/components/summary/SummaryView";
import pollsStyles from "~/styles/polls.css";
import summaryStyles from "~/styles/summary.css";
import { pageTitle } from "~/utils/meta";
import { httpError } from "~/utils/errors.server";

export const links: LinksFunction = () => [pollsStyles, summaryStyles].map((href) => ({ rel: "stylesheet", href }));
export const meta: MetaFunction<typeof loader> = (args) =>
  pageTitle(args, (t) => (args.data ? t("summary.versions.viewTitle", { title: args.data.body.session.title, version: args.data.version }) : null));

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { session } = await requireSummaryStaff(request, context, params.sessionId!);
  const version = VersionParam.safeParse(params.version);
  if (!version.success) throw httpError(request, 404);
  const record = await context.services.stores.summaries.getVersion(session.id, version.data);
  if (!record) throw httpError(request, 404);
  return { sessionId: session.id, id: record.id, version: record.version, visibility: record.visibility, body: record.body };
}

export default function SummaryVersionPage() {
  const { t } = useTranslation();
  const { sessionId, id, version, visibility, body } = useLoaderData<typeof loader>();
  return (
    <div className="page stack summary-page">
      <div className="page-head">
        <div>
          <p className="muted small">{body.workshop.title}</p>
          <h1>{t("summary.versions.viewTitle", { title: body.session.title, version })}</h1>
        </div>
        <div className="row">
          <span className="badge">{t(`summary.visibility.${visibility}`)}</span>
          <Link to={`/s/${sessionId}/summary/versions`}>{t("summary.versions.all")}</Link>
          {visibility !== "private" ? <Link to={`/outcomes/${id}`}>{t("summary.versions.openPublic")}</Link> : null}
        </div>
      </div>
      <DownloadLinks base={`/s/${sessionId}/summary/v/${version}`} />
      <SummaryView body={body} />
    </div>
  );
}
