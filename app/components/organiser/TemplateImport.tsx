/**
 * Template import form (JSON or YAML upload) with the result: a success notice or every problem found.
 * It posts through a fetcher, so the address bar stays `/templates` (a plain post to an index route
 * would leave `/templates?index` there); the template list reloads after an import.
 */
import { useFetcher } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { MAX_TEMPLATE_BYTES, type TemplateError } from "~/domain/template-errors";
import { describedBy, fieldId } from "./Field";

export type ImportResult =
  | { ok: true; title: string; id: string; outcome: "created" | "updated" | "unchanged" }
  | { ok: false; errors: TemplateError[]; fileError?: string };

/** `posted`: the action's result when the browser posted the form without JavaScript. */
export function TemplateImport({ posted }: { posted?: ImportResult }) {
  const { t } = useTranslation();
  const fetcher = useFetcher<ImportResult>();
  const result = fetcher.data ?? posted;
  const busy = fetcher.state !== "idle";
  const fileError = result && !result.ok ? result.fileError : undefined;
  return (
    <section className="card stack" aria-labelledby="import-heading">
      <h2 id="import-heading">{t("organiser.templates.importTitle")}</h2>
      <p className="muted">{t("organiser.templates.importIntro")}</p>
      <fetcher.Form method="post" action="/templates?index" encType="multipart/form-data" className="stack" noValidate>
        <div className="field">
          <label htmlFor={fieldId("file")}>{t("organiser.templates.file")}</label>
          <span id={`${fieldId("file")}-hint`} className="hint">
            {t("organiser.templates.fileHint", { kib: MAX_TEMPLATE_BYTES / 1024 })}
          </span>
          <input type="file" name="file" accept=".json,.yaml,.yml,application/json,application/yaml,text/yaml" required {...describedBy("file", true, fileError)} />
          {fileError ? (
            <span id={`${fieldId("file")}-error`} className="error">
              {fileError}
            </span>
          ) : null}
        </div>
        <button type="submit" className="button" disabled={busy}>
          {t("organiser.templates.importSubmit")}
        </button>
      </fetcher.Form>
      {result?.ok ? (
        <p className="notice ok" role="status">
          {t(`organiser.templates.outcome.${result.outcome}`, { title: result.title })}{" "}
          <a href={`/templates/${result.id}`}>{t("organiser.templates.view")}</a>
        </p>
      ) : null}
      {result && !result.ok && result.errors.length ? (
        <div className="notice error stack" role="alert">
          <p>
            <strong>{t("organiser.templates.problems", { count: result.errors.length })}</strong>
          </p>
          <ul className="problems">
            {result.errors.map((e, i) => (
              <li key={i}>
                <code>
                  {e.file}
                  {e.line ? `:${e.line}${e.column ? `:${e.column}` : ""}` : ""}: {e.path}
                </code>
                : {e.message}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
