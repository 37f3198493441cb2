/**
 * Cross-workshop comparison of one template poll (`?poll=<pollKey>`): charts, a table and the
 * published sector breakdowns, from the summaries this reader may see (see visibleSources).
 * Anyone may open it; signed-in staff also see their own workshops' non-public outcomes.
 */
import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { CompareChart } from "~/components/compare/CompareChart";
import { CompareSectors } from "~/components/compare/CompareSectors";
import { CompareTable } from "~/components/compare/CompareTable";
import { buildComparison, pollChoices } from "~/components/compare/model";
import { PollPicker } from "~/components/compare/PollPicker";
import { visibleSources } from "~/components/compare/sources.server";
import { Slug } from "~/domain/template";
import { pickLanguage } from "~/i18n/config";
import { getOptionalUser } from "~/utils/auth.server";
import styles from "~/styles/archive.css";
import pollStyles from "~/styles/polls.css";
import { pageTitle } from "~/utils/meta";

export const links = () => [
  { rel: "stylesheet", href: pollStyles },
  { rel: "stylesheet", href: styles },
];

export const meta: MetaFunction = (args) => pageTitle(args, (t) => t("archive.compare.metaTitle"));

/** `poll` is optional (the picker alone); when given it must look like a poll key. */
const Query = z.object({ poll: z.union([z.literal(""), Slug]).default("") });

export async function loader({ request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const lang = pickLanguage(request.headers.get("cookie"), request.headers.get("accept-language"));
  const parsed = Query.safeParse({ poll: url.searchParams.get("poll") ?? undefined });
  const user = await getOptionalUser(request, context);
  const sources = await visibleSources(context, user?.id ?? null);
  const choices = pollChoices(sources);
  if (!parsed.success) return data({ choices, selected: "", comparison: null, missing: null as string | null }, { status: 400 });
  const key = parsed.data.poll;
  const comparison = key ? buildComparison(sources, key, lang) : null;
  // Unknown (or invisible to this reader) key: 404 with the picker, so no hint whether it exists elsewhere.
  if (key && !comparison) return data({ choices, selected: key, comparison: null, missing: key as string | null }, { status: 404 });
  return { choices, selected: key, comparison, missing: null as string | null };
}

export default function Compare() {
  const { t } = useTranslation();
  const { choices, selected, comparison, missing } = useLoaderData<typeof loader>();
  return (
    <div className="page stack compare">
      <p>
        <Link to="/archive" className="back-link">{t("archive.archive.title")}</Link>
      </p>
      <div>
        <h1>{t("archive.compare.title")}</h1>
        <p className="muted">{t("archive.compare.intro")}</p>
      </div>
      {choices.length === 0 ? <p className="card muted">{t("archive.compare.noPolls")}</p> : <PollPicker choices={choices} selected={selected} />}
      {missing ? (
        <p className="notice error" role="alert">
          {t("archive.compare.unknownPoll", { key: missing })}
        </p>
      ) : null}
      {comparison ? (
        <section className="stack" aria-labelledby="compare-question">
          <div>
            <h2 id="compare-question">{comparison.question}</h2>
            <p className="muted small">
              {t(`archive.compare.kind.${comparison.kind}`)} · {t("archive.compare.sessions", { count: comparison.rows.length })}
            </p>
            {comparison.excluded > 0 ? <p className="notice small">{t("archive.compare.differentKind", { count: comparison.excluded })}</p> : null}
          </div>
          <CompareChart comparison={comparison} />
          <CompareTable comparison={comparison} />
          <CompareSectors comparison={comparison} />
        </section>
      ) : choices.length > 0 && !missing ? (
        <p className="muted">{t("archive.compare.pick")}</p>
      ) : null}
    </div>
  );
}
