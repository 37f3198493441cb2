/**
 * Draft summary editor (organisers, facilitators, rapporteurs of the workshop): edit notes and
 * takeaways per panel, resolve non-attribution findings, rebuild from the session, publish.
 * The server re-runs the check at publish time and refuses (409) while findings are unresolved.
 */
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import {
  Form,
  Link,
  useActionData,
  useLoaderData,
  useNavigation,
  useSubmit,
} from "@remix-run/react";
import type { Finding } from "~/domain/attribution/types";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useConfirm } from "~/components/ConfirmDialog";
import { RuleBadge } from "~/components/organiser/RuleBadge";
import {
  dismissalMap,
  requireSummaryStaff,
} from "~/components/summary/access.server";
import { DraftEditor } from "~/components/summary/DraftEditor";
import { DraftForm } from "~/components/summary/forms";
import { mergeEditable } from "~/components/summary/merge";
import { withEveryAnswer } from "~/domain/summary/edits";
import { pickLanguage } from "~/i18n/config";
import notesStyles from "~/styles/notes.css";
import pollsStyles from "~/styles/polls.css";
import summaryStyles from "~/styles/summary.css";
import { pageTitle } from "~/utils/meta";

export const links: LinksFunction = () =>
  [notesStyles, pollsStyles, summaryStyles].map((href) => ({
    rel: "stylesheet",
    href,
  }));
export const meta: MetaFunction<typeof loader> = (args) => pageTitle(args, (t) => (args.data ? t("summary.editor.title", { title: args.data.session.title }) : null));

/**
 * What the editor's check looks for: the words of the draft that the server's check found as names
 * (each already in the draft text), never the participant list itself.
 */
function namesInFindings(findings: Finding[]): { displayName: string }[] {
  return [...new Set(findings.filter((f) => f.kind === "participant-name").map((f) => f.match))].map((displayName) => ({ displayName }));
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { session, workshop } = await requireSummaryStaff(
    request,
    context,
    params.sessionId!
  );
  const { stores, outcome } = context.services;
  const lang = pickLanguage(
    request.headers.get("cookie"),
    request.headers.get("accept-language")
  );
  const [draft, dismissals, versions] = await Promise.all([
    stores.summaries.getDraft(session.id),
    outcome.loadDismissals(session.id),
    stores.summaries.listVersions(session.id),
  ]);
  return {
    session: { id: session.id, title: session.title, status: session.status },
    workshop: { title: workshop.title, rule: workshop.rule },
    draft: draft ? { body: draft.body, updatedAt: draft.updatedAt } : null,
    // The editor runs the check itself on every change (same function as the publish gate). It gets
    // only the names already found in the draft text: the page never lists who took part.
    checkNames: draft && workshop.rule === "chatham-house" ? namesInFindings(await outcome.check(session.id, withEveryAnswer(draft.body), lang)) : [],
    language: lang,
    dismissals: dismissalMap(dismissals),
    versionCount: versions.length,
  };
}

type ActionResult = {
  ok: boolean;
  intent: string;
  error?: "invalid" | "not-ended" | "unresolved" | "no-draft";
  unresolved?: number;
};

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { session, user } = await requireSummaryStaff(
    request,
    context,
    params.sessionId!
  );
  const { stores, outcome } = context.services;
  const parsed = DraftForm.safeParse(
    Object.fromEntries(await request.formData())
  );
  if (!parsed.success)
    return data<ActionResult>(
      { ok: false, intent: "unknown", error: "invalid" },
      { status: 400 }
    );
  const form = parsed.data;
  if (form.intent === "rebuild") {
    await outcome.rebuildDraft(session.id);
    return { ok: true, intent: "rebuild" } satisfies ActionResult;
  }
  const stored = await stores.summaries.getDraft(session.id);
  if (!stored)
    return data<ActionResult>(
      { ok: false, intent: form.intent, error: "no-draft" },
      { status: 409 }
    );
  const body = mergeEditable(stored.body, form.body);
  if (form.intent === "save") {
    await outcome.saveDraft(session.id, body, form.dismissals);
    return { ok: true, intent: "save" } satisfies ActionResult;
  }
  // Publishing freezes the outcome: only once the session is over and nobody is still writing notes.
  if (session.status !== "ended")
    return data<ActionResult>(
      { ok: false, intent: "publish", error: "not-ended" },
      { status: 409 }
    );
  const result = await outcome.publish(session.id, {
    body,
    dismissals: form.dismissals,
    visibility: form.visibility,
    publishedBy: user.id,
  });
  if (!result.ok)
    return data<ActionResult>(
      {
        ok: false,
        intent: "publish",
        error: "unresolved",
        unresolved: result.unresolved.length,
      },
      { status: 409 }
    );
  throw redirect(
    `/s/${session.id}/summary/versions?published=${result.record.version}`
  );
}

export default function SummaryDraftPage() {
  const { t } = useTranslation();
  const { session, workshop, draft, checkNames, language, dismissals, versionCount } =
    useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const submit = useSubmit();
  const { confirm, dialog } = useConfirm();
  // The editor keeps its own state across saves (a remount on every save would reset what the
  // rapporteur touched meanwhile, e.g. the visibility choice); only a rebuild starts it afresh.
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    if (result?.ok && result.intent === "rebuild") setGeneration((g) => g + 1);
  }, [result]);
  return (
    <div className="page stack summary-page">
      <div className="page-head">
        <div>
          <p className="muted small">{workshop.title}</p>
          <h1>{t("summary.editor.title", { title: session.title })}</h1>
        </div>
        <div className="row">
          <span className="badge">{t(`session.status.${session.status}`)}</span>
          <RuleBadge rule={workshop.rule} />
          <Link to={`/s/${session.id}/summary/versions`}>
            {t("summary.versions.link", { count: versionCount })}
          </Link>
        </div>
      </div>
      {session.status !== "ended" ? (
        <p className="notice">{t("summary.editor.notEnded")}</p>
      ) : null}
      {result && !result.ok ? (
        <p className="notice error" role="alert">
          {t(`summary.errors.${result.error ?? "invalid"}`, {
            count: result.unresolved ?? 0,
          })}
        </p>
      ) : null}
      {result?.ok && result.intent === "save" ? (
        <p className="notice" role="status">
          {t("summary.editor.saved")}
        </p>
      ) : null}
      <Form
        method="post"
        className="row"
        onSubmit={(e) => {
          // Rebuilding replaces the rapporteurs' edited draft: ask first (accessible dialog) when there is one.
          if (!draft) return;
          e.preventDefault();
          const form = e.currentTarget;
          void confirm({
            title: t("summary.editor.rebuild"),
            message: t("summary.editor.rebuildConfirm"),
            confirm: t("summary.editor.rebuildAction"),
            danger: true,
          }).then((ok) => {
            if (ok) submit(form, { method: "post" });
          });
        }}
      >
        <input type="hidden" name="intent" value="rebuild" />
        <button
          type="submit"
          className="button secondary small"
          disabled={busy}
        >
          {t("summary.editor.rebuild")}
        </button>
        <span className="small muted">
          {t(draft ? "summary.editor.rebuildHint" : "summary.editor.noDraft")}
        </span>
      </Form>
      {draft ? (
        <DraftEditor
          key={generation}
          initialBody={draft.body}
          checkNames={checkNames}
          language={language}
          initialDismissals={dismissals}
          busy={busy}
        />
      ) : null}
      {dialog}
    </div>
  );
}
