/**
 * Invite a facilitator or rapporteur: creates a single-use link shown with a copy button and its
 * expiry (in the workshop's time zone). Links are shared by the organiser, not e-mailed by us.
 */
import { useActionData, useFetcher } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { fieldId } from "./Field";
import { CopyButton } from "./CopyButton";

export interface CreatedInvite {
  url: string;
  role: string;
  expiresAt: number;
  /** Expiry formatted on the server in the workshop's time zone (see format.ts on hydration). */
  expires: string;
}

export function InviteCard() {
  const { t } = useTranslation();
  type Result = { invite?: CreatedInvite; errors?: Record<string, string> };
  const fetcher = useFetcher<Result>();
  // Without JavaScript the form is a plain POST and the answer arrives as the page's action data.
  const actionData = useActionData() as Result | undefined;
  const result = fetcher.data ?? actionData;
  const invite = result?.invite;
  const error = result?.errors?.role;
  return (
    <section className="card stack" aria-labelledby="invite-heading">
      <h2 id="invite-heading">{t("organiser.invite.title")}</h2>
      <p className="muted">{t("organiser.invite.intro")}</p>
      <fetcher.Form method="post" className="row align-end">
        <input type="hidden" name="intent" value="invite" />
        <div className="field grow">
          <label htmlFor={fieldId("role")}>{t("organiser.invite.role")}</label>
          <select id={fieldId("role")} name="role" defaultValue="facilitator" aria-invalid={error ? true : undefined} aria-describedby={error ? `${fieldId("role")}-error` : undefined}>
            <option value="facilitator">{t("common.role.facilitator")}</option>
            <option value="rapporteur">{t("common.role.rapporteur")}</option>
          </select>
          {error ? (
            <span id={`${fieldId("role")}-error`} className="error">
              {error}
            </span>
          ) : null}
        </div>
        <button type="submit" className="button" disabled={fetcher.state !== "idle"}>
          {t("organiser.invite.create")}
        </button>
      </fetcher.Form>
      {invite ? (
        <div className="notice ok stack invite-result" role="status">
          <p>
            <strong>{t("organiser.invite.created", { role: t(`common.role.${invite.role}`) })}</strong>
          </p>
          <label htmlFor="invite-link" className="visually-hidden">
            {t("organiser.invite.linkLabel")}
          </label>
          <input id="invite-link" type="url" readOnly value={invite.url} onFocus={(e) => e.currentTarget.select()} />
          <div className="row">
            <CopyButton text={invite.url} />
          </div>
          <p className="small">{t("organiser.invite.expires", { when: invite.expires })}</p>
        </div>
      ) : null}
    </section>
  );
}
