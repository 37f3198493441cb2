/**
 * Organisers' list of a workshop's invitation links (S4): role, when made, until when valid, and
 * whether used, expired or revoked. The link itself is never shown again (it is the credential);
 * each pending one has a Revoke button, after which the link answers "revoked".
 */
import { useFetcher } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { InvitationState } from "~/domain/workshop";

/** One row as the workshop loader sends it: dates already formatted in the workshop's time zone. */
export interface InvitationRow {
  id: string;
  role: string;
  state: InvitationState;
  created: string;
  expires: string;
  acceptedByName: string | null;
  accepted: string | null;
  revoked: string | null;
}

function StateLine({ row }: { row: InvitationRow }) {
  const { t } = useTranslation();
  if (row.state === "used") return <>{t("organiser.invitations.usedBy", { name: row.acceptedByName ?? "?", when: row.accepted })}</>;
  if (row.state === "revoked") return <>{t("organiser.invitations.revokedOn", { when: row.revoked })}</>;
  if (row.state === "expired") return <>{t("organiser.invitations.expired", { when: row.expires })}</>;
  return <>{t("organiser.invitations.expires", { when: row.expires })}</>;
}

function RevokeButton({ row }: { row: InvitationRow }) {
  const { t } = useTranslation();
  const fetcher = useFetcher<{ revoked?: string; errors?: Record<string, string> }>();
  const error = fetcher.data?.errors?.invitation;
  return (
    <fetcher.Form method="post">
      <input type="hidden" name="intent" value="revoke" />
      <input type="hidden" name="invitation" value={row.id} />
      <button
        type="submit"
        className="button small secondary"
        disabled={fetcher.state !== "idle"}
        aria-label={t("organiser.invitations.revokeLabel", { role: t(`common.role.${row.role}`), when: row.created })}
      >
        {t("organiser.invitations.revoke")}
      </button>
      {error ? (
        <span className="error block" role="alert">
          {error}
        </span>
      ) : null}
    </fetcher.Form>
  );
}

/** `revokedNotice` / `error`: the answer to a revoke sent without JavaScript (a plain POST). */
export function InvitationsCard({ rows, revokedNotice, error }: { rows: InvitationRow[]; revokedNotice: boolean; error?: string }) {
  const { t } = useTranslation();
  return (
    <section className="card stack" aria-labelledby="invitations-heading">
      <h2 id="invitations-heading">{t("organiser.invitations.title")}</h2>
      <p className="muted small">{t("organiser.invitations.intro")}</p>
      {revokedNotice ? (
        <p className="notice ok" role="status">
          {t("organiser.invitations.revoked")}
        </p>
      ) : null}
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      {rows.length === 0 ? (
        <p className="muted">{t("organiser.invitations.empty")}</p>
      ) : (
        <ul className="plain divided">
          {rows.map((row) => (
            <li key={row.id} className="row spread" data-invitation={row.id}>
              <span>
                {t(`common.role.${row.role}`)} <span className="badge">{t(`organiser.invitations.state.${row.state}`)}</span>
                <span className="muted small block">{t("organiser.invitations.created", { when: row.created })}</span>
                <span className="muted small block">
                  <StateLine row={row} />
                </span>
              </span>
              {row.state === "pending" ? <RevokeButton row={row} /> : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
