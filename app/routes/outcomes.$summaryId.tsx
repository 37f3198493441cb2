/**
 * Public outcome page: an unlisted or public summary version, readable without an account. It
 * shows only the summary body (no names under the Chatham House Rule), with downloads.
 * Unlisted versions ask search engines not to index them.
 */
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { RuleBadge } from "~/components/organiser/RuleBadge";
import { DownloadLinks } from "~/components/summary/DownloadLinks";
import { readableOutcome } from "~/components/summary/public.server";
import { SummaryView } from "~/components/summary/SummaryView";
import { formatInstant } from "~/components/organiser/format";
import { pickLanguage } from "~/i18n/config";
import pollsStyles from "~/styles/polls.css";
import summaryStyles from "~/styles/summary.css";
import { pageTitle } from "~/utils/meta";

export const links: LinksFunction = () => [pollsStyles, summaryStyles].map((href) => ({ rel: "stylesheet", href }));
export const meta: MetaFunction<typeof loader> = (args) => [
  ...pageTitle(args, () => (args.data ? `${args.data.body.workshop.title} — ${args.data.body.session.title}` : null)),
  ...(args.data?.visibility === "unlisted" ? [{ name: "robots", content: "noindex, nofollow" }] : []),
];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const record = await readableOutcome(request, context, params.summaryId);
  return {
    id: record.id,
    version: record.version,
    visibility: record.visibility,
    // Formatted here (not in the component) so server and browser render the same text.
    publishedAt: formatInstant(record.publishedAt ?? record.createdAt, record.body.workshop.timeZone, pickLanguage(request.headers.get("cookie"), request.headers.get("accept-language"))),
    body: record.body,
  };
}

export default function OutcomePage() {
  const { t } = useTranslation();
  const { id, version, publishedAt, body } = useLoaderData<typeof loader>();
  return (
    <div className="page stack summary-page">
      <div className="page-head">
        <div>
          <p className="muted small">{body.workshop.title}</p>
          <h1>{body.session.title}</h1>
          <p className="small muted">{t("summary.view.versionLine", { version, when: publishedAt })}</p>
        </div>
        <RuleBadge rule={body.workshop.rule} />
      </div>
      <DownloadLinks base={`/outcomes/${id}`} />
      <SummaryView body={body} />
    </div>
  );
}
