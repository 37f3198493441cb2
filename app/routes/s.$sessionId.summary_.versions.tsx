/**
 * Published versions of a session's summary: view, downloads, public link, visibility, and a
 * diff picker. Under the Chatham House Rule only organisers see who published and when (the
 * publisher is staff, but the time can tie a version to a moment of the room's life).
 */
import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireSummaryStaff } from "~/components/summary/access.server";
import { DownloadLinks } from "~/components/summary/DownloadLinks";
import { VisibilityForm } from "~/components/summary/forms";
import { VISIBILITY_OPTIONS } from "~/components/summary/visibility";
import { formatInstant } from "~/components/organiser/format";
import { pickLanguage } from "~/i18n/config";
import summaryStyles from "~/styles/summary.css";
import { pageTitle } from "~/utils/meta";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: summaryStyles }];
export const meta: MetaFunction<typeof loader> = (args) => pageTitle(args, (t) => (args.data ? t("summary.versions.title", { title: args.data.session.title }) : null));

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { session, workshop, role } = await requireSummaryStaff(request, context, params.sessionId!);
  const { stores } = context.services;
  const showPublisher = workshop.rule !== "chatham-house" || role === "organiser";
  const records = await stores.summaries.listVersions(session.id);
  const lang = pickLanguage(request.headers.get("cookie"), request.headers.get("accept-language"));
  const names = new Map<string, string>();
  if (showPublisher) for (const id of new Set(records.map((r) => r.publishedBy).filter((x): x is string => !!x))) names.set(id, (await stores.users.get(id))?.name ?? "");
  return {
    session: { id: session.id, title: session.title },
    workshop: { title: workshop.title },
    showPublisher,
    publicBase: context.services.publicUrl ?? "",
    versions: records.map((r) => ({
      id: r.id,
      version: r.version,
      visibility: r.visibility,
      publishedBy: showPublisher && r.publishedBy ? (names.get(r.publishedBy) ?? null) : null,
      publishedAt: showPublisher && r.publishedAt ? formatInstant(r.publishedAt, workshop.timeZone, lang) : null,
    })),
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { session } = await requireSummaryStaff(request, context, params.sessionId!);
  const parsed = VisibilityForm.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return data({ ok: false }, { status: 400 });
  const record = await context.services.stores.summaries.getVersion(session.id, parsed.data.version);
  if (!record) return data({ ok: false }, { status: 404 });
  await context.services.stores.summaries.setVisibility(session.id, record.version, parsed.data.visibility);
  return { ok: true };
}

export default function SummaryVersionsPage() {
  const { t } = useTranslation();
  const { session, workshop, versions, showPublisher, publicBase } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const busy = useNavigation().state !== "idle";
  const published = params.get("published");
  return (
    <div className="page stack summary-page">
      <div className="page-head">
        <div>
          <p className="muted small">{workshop.title}</p>
          <h1>{t("summary.versions.title", { title: session.title })}</h1>
        </div>
        <Link to={`/s/${session.id}/summary`}>{t("summary.versions.backToDraft")}</Link>
      </div>
      {published ? (
        <p className="notice" role="status">
          {t("summary.versions.published", { version: published })}
        </p>
      ) : null}
      {versions.length === 0 ? <p className="muted">{t("summary.versions.none")}</p> : null}
      <ul className="stack version-list">
        {versions.map((v) => (
          <li key={v.id} className="card stack" data-testid="version">
            <div className="row spread">
              <h2>
                <Link to={`/s/${session.id}/summary/v/${v.version}`}>{t("summary.versions.version", { version: v.version })}</Link>
              </h2>
              <span className="badge">{t(`summary.visibility.${v.visibility}`)}</span>
            </div>
            {showPublisher ? (
              <p className="small muted">
                {t("summary.versions.by", { name: v.publishedBy ?? "—", when: v.publishedAt ?? "—" })}
              </p>
            ) : null}
            <DownloadLinks base={`/s/${session.id}/summary/v/${v.version}`} />
            {v.visibility !== "private" ? (
              <p className="small">
                {t("summary.versions.publicLink")} <a href={`/outcomes/${v.id}`}>{`${publicBase}/outcomes/${v.id}`}</a>
              </p>
            ) : null}
            <Form method="post" className="row visibility-form">
              <input type="hidden" name="intent" value="visibility" />
              <input type="hidden" name="version" value={v.version} />
              <div className="field">
                <label htmlFor={`vis-${v.version}`}>{t("summary.versions.visibilityLabel", { version: v.version })}</label>
                <select id={`vis-${v.version}`} name="visibility" defaultValue={v.visibility}>
                  {VISIBILITY_OPTIONS.map((o) => (
                    <option key={o} value={o}>
                      {t(`summary.visibility.${o}`)}
                    </option>
                  ))}
                </select>
              </div>
              <button type="submit" className="button small secondary" disabled={busy}>
                {t("summary.versions.change")}
              </button>
            </Form>
          </li>
        ))}
      </ul>
      {versions.length >= 2 ? (
        <Form method="get" action={`/s/${session.id}/summary/diff`} className="card row diff-picker">
          <h2 className="visually-hidden">{t("summary.diff.pick")}</h2>
          {(["a", "b"] as const).map((side, i) => (
            <div key={side} className="field">
              <label htmlFor={`diff-${side}`}>{t(`summary.diff.${side}`)}</label>
              <select id={`diff-${side}`} name={side} defaultValue={versions[i === 0 ? 1 : 0].version}>
                {versions.map((v) => (
                  <option key={v.version} value={v.version}>
                    {t("summary.versions.version", { version: v.version })}
                  </option>
                ))}
              </select>
            </div>
          ))}
          <button type="submit" className="button small">
            {t("summary.diff.compare")}
          </button>
        </Form>
      ) : null}
    </div>
  );
}
