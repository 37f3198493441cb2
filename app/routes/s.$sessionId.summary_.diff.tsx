/** Differences between two published versions (?a=<older>&b=<newer>), for staff. */
import { type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { requireSummaryStaff } from "~/components/summary/access.server";
import { DiffView } from "~/components/summary/DiffView";
import { VersionParam } from "~/components/summary/forms";
import { diffSummaries } from "~/domain/summary/diff";
import summaryStyles from "~/styles/summary.css";
import { pageTitle } from "~/utils/meta";
import { httpError } from "~/utils/errors.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: summaryStyles }];

const Query = z.object({ a: VersionParam, b: VersionParam });

export const meta: MetaFunction<typeof loader> = (args) =>
  pageTitle(args, (t) => (args.data ? t("summary.diff.title", { title: args.data.title, a: args.data.a, b: args.data.b }) : null));

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { session } = await requireSummaryStaff(request, context, params.sessionId!);
  const q = Query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!q.success) throw httpError(request, 400);
  const [a, b] = await Promise.all([context.services.stores.summaries.getVersion(session.id, q.data.a), context.services.stores.summaries.getVersion(session.id, q.data.b)]);
  if (!a || !b) throw httpError(request, 404);
  return { sessionId: session.id, title: b.body.session.title, a: a.version, b: b.version, diff: diffSummaries(a.body, b.body) };
}

export default function SummaryDiffPage() {
  const { t } = useTranslation();
  const { sessionId, title, a, b, diff } = useLoaderData<typeof loader>();
  return (
    <div className="page stack summary-page">
      <div className="page-head">
        <h1>{t("summary.diff.title", { title, a, b })}</h1>
        <Link to={`/s/${sessionId}/summary/versions`}>{t("summary.versions.all")}</Link>
      </div>
      <DiffView diff={diff} />
    </div>
  );
}
