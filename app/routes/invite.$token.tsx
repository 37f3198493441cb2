/**
 * Invitation landing: shows the workshop and role; a signed-in user accepts with one click, anyone
 * else creates an account (or signs in and comes back). Expired, used and revoked links say so plainly.
 */
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { invitationState } from "~/domain/workshop";
import { ACCOUNT_FIELDS, NewAccount } from "~/components/organiser/account";
import { AccountFields } from "~/components/organiser/AccountFields";
import { FormError } from "~/components/organiser/Field";
import { commitCookieSession, getCookieSession, getOptionalUser } from "~/utils/auth.server";
import { fieldErrors, readForm, requestTranslator } from "~/utils/forms";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = (args) => [...pageTitle(args, (t) => t("organiser.invite.state.open.title")), { name: "robots", content: "noindex" }];

type State = "open" | "expired" | "used" | "revoked" | "notFound";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { workshops } = context.services.stores;
  const [invitation, user] = await Promise.all([workshops.getInvitation(params.token!), getOptionalUser(request, context)]);
  if (!invitation) return { state: "notFound" as State, workshop: null, role: null, user: null, token: params.token! };
  // The person who already accepted it just goes to the workshop.
  if (user && invitation.acceptedBy === user.id) throw redirect(`/workshops/${invitation.workshopId}`);
  const current = invitationState(invitation, Date.now());
  const state: State = current === "pending" ? "open" : current;
  const workshop = await workshops.get(invitation.workshopId);
  return {
    state: workshop ? state : ("notFound" as State),
    // Only the title is shown: the link holder is not a member yet.
    workshop: workshop && state === "open" ? { title: workshop.title, region: workshop.region } : null,
    role: invitation.role,
    user: user ? { name: user.name, email: user.email } : null,
    token: params.token!,
  };
}

/** The store's typed errors, compared by name (app/ does not import server/ at runtime). */
function inviteErrorCode(err: unknown): string | null {
  if (!(err instanceof Error)) return null;
  if (err.name === "ExpiredError") return "inviteExpired";
  if (err.name === "RevokedError") return "inviteRevoked";
  if (err.name === "NotFoundError") return "inviteNotFound";
  if (err.name === "ConflictError") return "inviteUsed";
  return null;
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { stores, auth } = context.services;
  const t = requestTranslator(request);
  const form = readForm(await request.formData(), ["intent", ...ACCOUNT_FIELDS] as const);
  const token = params.token!;
  const session = await getCookieSession({ request, context });
  try {
    if (form.intent === "accept") {
      const user = await getOptionalUser(request, context);
      if (!user) throw redirect(`/login?redirectTo=${encodeURIComponent(`/invite/${token}`)}`);
      const invitation = await stores.workshops.acceptInvitation(token, user.id);
      throw redirect(`/workshops/${invitation.workshopId}`);
    }
    const values = { name: form.name, email: form.email };
    const parsed = NewAccount.safeParse(form);
    if (!parsed.success) return data({ values, errors: fieldErrors(parsed.error.issues, t) }, { status: 400 });
    const passwordHash = await auth.hashPassword(parsed.data.password);
    // One transaction: an account is only created when the invitation is still good.
    const created = await stores.transaction(async (tx) => {
      const user = await tx.users.create({ name: parsed.data.name, email: parsed.data.email.toLowerCase(), passwordHash });
      const invitation = await tx.workshops.acceptInvitation(token, user.id);
      return { userId: user.id, workshopId: invitation.workshopId };
    }).catch((err: unknown) => {
      // A unique violation here can only be the e-mail (invitation tokens are not inserted).
      if (err instanceof Error && err.name === "ConflictError" && "kind" in err && err.kind === "unique") return null;
      throw err;
    });
    if (!created) return data({ values, errors: { email: t("organiser.errors.emailTaken") } as Record<string, string> }, { status: 409 });
    session.set("userId", created.userId);
    throw redirect(`/workshops/${created.workshopId}`, { headers: await commitCookieSession(context, session) });
  } catch (err) {
    const code = inviteErrorCode(err);
    if (code) return data({ values: { name: form.name, email: form.email }, errors: { _form: t(`organiser.errors.${code}`) } as Record<string, string> }, { status: 409 });
    throw err;
  }
}

export default function InvitePage() {
  const { t } = useTranslation();
  const { state, workshop, role, user, token } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors: Record<string, string> = result?.errors ?? {};
  if (state !== "open" || !workshop || !role) {
    return (
      <div className="page narrow stack">
        <h1>{t(`organiser.invite.state.${state}.title`)}</h1>
        <p>{t(`organiser.invite.state.${state}.body`)}</p>
        <p>
          <Link to="/">{t("common.home")}</Link>
        </p>
      </div>
    );
  }
  const loginHref = `/login?redirectTo=${encodeURIComponent(`/invite/${token}`)}`;
  return (
    <div className="page narrow stack">
      <h1>{t("organiser.invite.landingTitle", { title: workshop.title })}</h1>
      <p className="lead">{t("organiser.invite.landingBody", { role: t(`common.role.${role}`), region: workshop.region })}</p>
      <p className="muted small">{t(`organiser.invite.roleExplain.${role}`)}</p>
      <FormError error={errors._form} />
      {user ? (
        <Form method="post" className="card stack">
          <p>{t("organiser.invite.signedInAs", { name: user.name, email: user.email })}</p>
          <button type="submit" name="intent" value="accept" className="button" disabled={busy}>
            {t("organiser.invite.accept")}
          </button>
        </Form>
      ) : (
        <>
          <Form method="post" className="card stack" noValidate>
            <h2>{t("organiser.invite.createAccount")}</h2>
            <input type="hidden" name="intent" value="signup" />
            <AccountFields values={result?.values} errors={errors} />
            <button type="submit" className="button" disabled={busy}>
              {t("organiser.invite.createAndAccept")}
            </button>
          </Form>
          <p>
            {t("organiser.invite.haveAccount")} <Link to={loginHref}>{t("organiser.invite.signInInstead")}</Link>
          </p>
        </>
      )}
    </div>
  );
}
