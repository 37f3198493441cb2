/**
 * Workshop overview: details, agenda summary, staff and invitations, sessions. Organisers also see
 * the workshop's invitation links (never their tokens again) and can revoke pending ones (S4).
 */
import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { AgendaSummary } from "~/components/organiser/AgendaSummary";
import { formatDateRange, formatInstant } from "~/components/organiser/format";
import { pickLanguage } from "~/i18n/config";
import { InviteCard } from "~/components/organiser/InviteCard";
import { InvitationsCard, type InvitationRow } from "~/components/organiser/InvitationsCard";
import { RuleBadge } from "~/components/organiser/RuleBadge";
import { SessionsCard } from "~/components/organiser/SessionsCard";
import { SessionOutcomes } from "~/components/archive/SessionOutcomes";
import { loadSessionOutcomes } from "~/components/archive/session-outcomes.server";
import archiveStyles from "~/styles/archive.css";
import { requireWorkshopRole } from "~/utils/auth.server";
import { requestTranslator } from "~/utils/forms";
import { httpError } from "~/utils/errors.server";
import { pageTitle } from "~/utils/meta";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: archiveStyles }];
export const meta: MetaFunction<typeof loader> = (args) => pageTitle(args, () => args.data?.workshop.title ?? null);

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { workshop, role } = await requireWorkshopRole(request, context, params.workshopId!);
  const { stores } = context.services;
  const [agenda, members, sessions, invitations] = await Promise.all([
    stores.workshops.getAgenda(workshop.id),
    stores.workshops.listMembers(workshop.id),
    stores.sessions.listForWorkshop(workshop.id),
    role === "organiser" ? stores.workshops.listInvitations(workshop.id) : Promise.resolve([]),
  ]);
  const lang = pickLanguage(request.headers.get("cookie"), request.headers.get("accept-language"));
  const when = (ms: number | null) => (ms === null ? null : formatInstant(ms, workshop.timeZone, lang));
  const outcomes = await loadSessionOutcomes(context, workshop.id, workshop.timeZone, lang);
  return {
    role,
    outcomes,
    workshop,
    dates: formatDateRange(workshop.startsOn, workshop.endsOn, lang),
    panels: agenda.map((p) => ({ id: p.id, title: p.title, durationMinutes: p.durationMinutes, polls: p.polls.length })),
    // E-mail addresses are shown to organisers only: other staff need names, not contact data.
    members: members.map((m) => ({ userId: m.userId, name: m.name, role: m.role, email: role === "organiser" ? m.email : null })),
    sessions: sessions.map((s) => ({ id: s.id, title: s.title, status: s.status, joinCode: s.joinCode })),
    invitations: invitations.map(
      (i): InvitationRow => ({
        id: i.id,
        role: i.role,
        state: i.state,
        created: when(i.createdAt)!,
        expires: when(i.expiresAt)!,
        acceptedByName: i.acceptedByName,
        accepted: when(i.acceptedAt),
        revoked: when(i.revokedAt),
      }),
    ),
  };
}

const Invite = z.object({ role: z.enum(["facilitator", "rapporteur"]) });
/** A listing id (see `invitationListingId`): 16 base64url characters. */
const Revoke = z.object({ invitation: z.string().regex(/^[A-Za-z0-9_-]{16}$/) });

/** Revokes a pending invitation: 200 `{revoked}`, 404 unknown id, 409 already used or revoked. */
async function revoke(request: Request, context: ActionFunctionArgs["context"], workshopId: string, form: FormData) {
  const t = requestTranslator(request);
  const parsed = Revoke.safeParse({ invitation: form.get("invitation") });
  const fail = (key: string, status: number) => data({ errors: { invitation: t(`organiser.invitations.${key}`) } as Record<string, string> }, { status });
  if (!parsed.success) return fail("unknown", 400);
  try {
    await context.services.stores.workshops.revokeInvitation(workshopId, parsed.data.invitation);
  } catch (err) {
    // The store's typed errors, compared by name (app/ does not import server/ at runtime).
    if (err instanceof Error && err.name === "NotFoundError") return fail("unknown", 404);
    if (err instanceof Error && err.name === "ConflictError") return fail("notPending", 409);
    throw err;
  }
  context.services.logger.info({ workshopId }, "invitation revoked");
  return { revoked: parsed.data.invitation };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { workshop, user } = await requireWorkshopRole(request, context, params.workshopId!, ["organiser"]);
  const form = await request.formData();
  if (form.get("intent") === "revoke") return revoke(request, context, workshop.id, form);
  if (form.get("intent") !== "invite") throw httpError(request, 400);
  const parsed = Invite.safeParse({ role: form.get("role") });
  if (!parsed.success) return data({ errors: { role: requestTranslator(request)("organiser.errors.choice") } }, { status: 400 });
  const invitation = await context.services.stores.workshops.createInvitation(workshop.id, parsed.data.role, user.id);
  const base = context.services.publicUrl ?? new URL(request.url).origin;
  const lang = pickLanguage(request.headers.get("cookie"), request.headers.get("accept-language"));
  const expires = formatInstant(invitation.expiresAt, workshop.timeZone, lang);
  return { invite: { url: `${base}/invite/${invitation.token}`, role: invitation.role, expiresAt: invitation.expiresAt, expires } };
}

export default function WorkshopOverview() {
  const { t } = useTranslation();
  const { workshop, dates, role, panels, members, sessions, outcomes, invitations } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as { revoked?: string; errors?: Record<string, string> } | undefined;
  const [params] = useSearchParams();
  const canEditAgenda = role === "organiser" || role === "facilitator";
  return (
    <div className="page stack">
      <p>
        <Link to="/workshops" className="back-link">{t("organiser.workshops.title")}</Link>
      </p>
      <div className="page-head">
        <div>
          <h1>{workshop.title}</h1>
          <p className="muted">
            {workshop.region} · {dates}
          </p>
        </div>
        <div className="actions">
          {role === "organiser" ? (
            <Link to={`/workshops/${workshop.id}/edit`} className="button secondary">
              {t("organiser.overview.editDetails")}
            </Link>
          ) : null}
        </div>
      </div>
      {params.get("saved") === "details" ? (
        <p className="notice ok" role="status">
          {t("organiser.overview.saved")}
        </p>
      ) : null}
      <div className="overview-grid">
        <div className="stack">
          <section className="card stack" aria-labelledby="details-heading">
            <h2 id="details-heading">{t("organiser.overview.details")}</h2>
            <dl className="meta">
              <dt>{t("organiser.form.region")}</dt>
              <dd>{workshop.region}</dd>
              <dt>{t("organiser.overview.dates")}</dt>
              <dd>{dates}</dd>
              <dt>{t("organiser.form.timeZone")}</dt>
              <dd>{workshop.timeZone.replace(/_/g, " ")}</dd>
              <dt>{t("organiser.form.rule")}</dt>
              <dd>
                <RuleBadge rule={workshop.rule} />
              </dd>
              <dt>{t("organiser.overview.minCell")}</dt>
              <dd>{workshop.minCellSize}</dd>
              <dt>{t("organiser.overview.yourRole")}</dt>
              <dd>{t(`common.role.${role}`)}</dd>
            </dl>
            <p className="small muted">{t(`common.ruleExplain.${workshop.rule}`)}</p>
          </section>
          <section className="card stack" aria-labelledby="agenda-heading">
            <div className="row spread">
              <h2 id="agenda-heading">{t("organiser.overview.agenda")}</h2>
              {canEditAgenda ? (
                <Link to={`/workshops/${workshop.id}/agenda`} className="button small secondary">
                  {t("organiser.overview.editAgenda")}
                </Link>
              ) : null}
            </div>
            <AgendaSummary panels={panels} />
          </section>
        </div>
        <div className="stack">
          <SessionsCard workshopId={workshop.id} sessions={sessions} canRun={canEditAgenda && panels.length > 0} />
          <SessionOutcomes rows={outcomes} />
          <section className="card stack" aria-labelledby="members-heading">
            <h2 id="members-heading">{t("organiser.overview.members")}</h2>
            <ul className="plain divided">
              {members.map((m) => (
                <li key={m.userId} className="row spread">
                  <span>
                    {m.name}
                    {m.email ? <span className="muted small block">{m.email}</span> : null}
                  </span>
                  <span className="badge">{t(`common.role.${m.role}`)}</span>
                </li>
              ))}
            </ul>
          </section>
          {role === "organiser" ? <InviteCard /> : null}
          {role === "organiser" ? (
            <InvitationsCard rows={invitations} revokedNotice={Boolean(actionData?.revoked)} error={actionData?.errors?.invitation} />
          ) : null}
        </div>
      </div>
    </div>
  );
}
