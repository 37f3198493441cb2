/**
 * Join page (phone-first), reached by code, link or QR code: optional display name, optional sector,
 * and consent to the rule of the meeting. Creates a pseudonymous participant; no account, no IP kept.
 */
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { JoinFields } from "~/domain/session";
import { Sector } from "~/domain/workshop";
import { commitCookieSession, getCookieSession } from "~/utils/auth.server";
import { fieldErrors, requestTranslator } from "~/utils/forms";
import { getSessionParticipant, sessionByTypedCode } from "~/utils/session-access.server";
import { rememberParticipant } from "~/utils/participants";
import { pageTitle } from "~/utils/meta";
import { httpError } from "~/utils/errors.server";

export const meta: MetaFunction<typeof loader> = (args) => pageTitle(args, (t) => (args.data ? t("session.join.title", { title: args.data.title }) : null));

async function findSession(request: Request, context: LoaderFunctionArgs["context"], rawCode: string | undefined) {
  const session = await sessionByTypedCode(context, rawCode ?? "");
  const workshop = await context.services.stores.workshops.get(session.workshopId);
  if (!workshop) throw httpError(request, 404);
  return { session, workshop };
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { session, workshop } = await findSession(request, context, params.code);
  if (await getSessionParticipant(request, context, session.id)) throw redirect(`/s/${session.id}`);
  return { title: session.title, workshopTitle: workshop.title, rule: workshop.rule, ended: session.status === "ended" };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { session } = await findSession(request, context, params.code);
  if (session.status === "ended") return data({ errors: { form: "ended" } as Record<string, string> }, { status: 409 });
  const form = await request.formData();
  const values = { displayName: form.get("displayName")?.toString() ?? "", sector: form.get("sector")?.toString() ?? "" };
  const parsed = JoinFields.safeParse({
    displayName: values.displayName,
    sector: values.sector || undefined,
    consent: form.get("consent") === "on",
  });
  if (!parsed.success) {
    // The typed name and chosen sector come back, so only the missing tick needs doing.
    return data({ values, errors: fieldErrors(parsed.error.issues, requestTranslator(request)) }, { status: 400 });
  }
  const participant = await context.services.stores.sessions.addParticipant({
    sessionId: session.id,
    role: "participant",
    displayName: parsed.data.displayName ?? null,
    sector: parsed.data.sector ?? null,
    userId: null,
  });
  await context.services.stores.sessions.appendEvent(session.id, "participant.joined", {}, Date.now());
  const cookie = await getCookieSession({ request, context });
  cookie.set("participants", rememberParticipant(cookie.get("participants"), session.id, participant.id));
  throw redirect(`/s/${session.id}`, { headers: await commitCookieSession(context, cookie) });
}

export default function Join() {
  const { t } = useTranslation();
  const { title, workshopTitle, rule, ended } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors: Record<string, string> = result?.errors ?? {};
  const values = (result as { values?: { displayName: string; sector: string } } | undefined)?.values;
  if (ended || errors.form === "ended") {
    return (
      <div className="phone">
        <div className="card">
          <h1>{title}</h1>
          <p>{t("session.join.ended")}</p>
        </div>
      </div>
    );
  }
  return (
    <div className="phone">
      <Form method="post" className="card stack" noValidate>
        <h1>{t("session.join.title", { title })}</h1>
        <p className="muted">{t("session.join.workshop", { title: workshopTitle })}</p>
        <div className="notice" id="rule-text">
          <strong>{t(`common.rule.${rule}`)}.</strong> {t(`common.ruleExplain.${rule}`)}
        </div>
        <div className="field">
          <label htmlFor="displayName">
            {t("session.join.nameLabel")} <span className="muted small">({t("common.optional")})</span>
          </label>
          <input
            id="displayName"
            name="displayName"
            type="text"
            maxLength={60}
            defaultValue={values?.displayName}
            autoComplete="nickname"
            aria-invalid={errors.displayName ? true : undefined}
            aria-describedby={errors.displayName ? "name-hint name-error" : "name-hint"}
          />
          <span id="name-hint" className="hint">
            {t("session.join.nameHint")}
          </span>
          {errors.displayName ? (
            <span id="name-error" className="error" role="alert">
              {errors.displayName}
            </span>
          ) : null}
        </div>
        <div className="field">
          <label htmlFor="sector">
            {t("session.join.sectorLabel")} <span className="muted small">({t("common.optional")})</span>
          </label>
          <select id="sector" name="sector" defaultValue={values?.sector ?? ""} aria-describedby="sector-hint">
            <option value="">{t("session.join.sectorNone")}</option>
            {Sector.options.map((s) => (
              <option key={s} value={s}>
                {t(`common.sector.${s}`)}
              </option>
            ))}
          </select>
          <span id="sector-hint" className="hint">
            {t("session.join.sectorHint")}
          </span>
        </div>
        <div className="field">
          <div className="check">
            <input
              id="consent"
              name="consent"
              type="checkbox"
              required
              aria-invalid={errors.consent ? true : undefined}
              aria-describedby={errors.consent ? "rule-text consent-error" : "rule-text"}
            />
            <label htmlFor="consent">{t("session.join.consentLabel")}</label>
          </div>
          {errors.consent ? (
            <span id="consent-error" className="error" role="alert">
              {errors.consent}
            </span>
          ) : null}
        </div>
        <button type="submit" className="button big">
          {t("session.join.submit")}
        </button>
      </Form>
    </div>
  );
}
