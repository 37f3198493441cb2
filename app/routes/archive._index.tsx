/**
 * Public archive: the latest PUBLIC published outcome of every session, searchable by region,
 * date range and topic. Open to anyone (no sign-in): only `public` versions are read, so private
 * and unlisted outcomes never appear here.
 */
import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ArchiveFilters } from "~/components/archive/ArchiveFilters";
import { ArchiveList } from "~/components/archive/ArchiveList";
import { archiveRows } from "~/components/archive/entries";
import { parseArchiveQuery } from "~/components/archive/search";
import { pickLanguage } from "~/i18n/config";
import styles from "~/styles/archive.css";
import { pageTitle } from "~/utils/meta";

export const links = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction = (args) => pageTitle(args, (t) => t("archive.archive.metaTitle"));

export async function loader({ request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const lang = pickLanguage(request.headers.get("cookie"), request.headers.get("accept-language"));
  const parsed = parseArchiveQuery(url.searchParams);
  // The store already returns one entry per session: its newest version among the public ones.
  const entries = await context.services.stores.summaries.listPublished({ visibility: ["public"] });
  if (!parsed.ok) {
    const { regions } = archiveRows(entries, {}, lang);
    return data({ values: parsed.raw, errors: parsed.errors, rows: [], regions, total: 0, any: entries.length > 0 }, { status: 400 });
  }
  const { rows, regions, total } = archiveRows(entries, parsed.query, lang);
  const q = parsed.query;
  return { values: { region: q.region ?? "", from: q.from ?? "", to: q.to ?? "", q: q.q ?? "" }, errors: {}, rows, regions, total, any: entries.length > 0 };
}

export default function Archive() {
  const { t } = useTranslation();
  const { values, errors, rows, regions, total, any } = useLoaderData<typeof loader>();
  return (
    <div className="page stack archive">
      <div className="page-head">
        <div>
          <h1>{t("archive.archive.title")}</h1>
          <p className="muted">{t("archive.archive.intro")}</p>
        </div>
        <Link to="/compare" className="button secondary">
          {t("archive.archive.compare")}
        </Link>
      </div>
      <ArchiveFilters values={{ region: values.region ?? "", from: values.from ?? "", to: values.to ?? "", q: values.q ?? "" }} regions={regions} errors={errors} />
      <section aria-labelledby="archive-results-heading" className="stack">
        {/* The count is announced when filters change; the live region sits inside the heading (a
            heading may not take role="status" itself: axe aria-allowed-role). */}
        <h2 id="archive-results-heading">
          <span role="status">{t("archive.archive.results", { count: total })}</span>
        </h2>
        {rows.length === 0 ? <p className="card muted">{any ? t("archive.archive.empty") : t("archive.archive.emptyAll")}</p> : <ArchiveList rows={rows} />}
      </section>
    </div>
  );
}
