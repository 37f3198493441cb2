/**
 * Staff sign-in with e-mail and password, throttled per client address and per (address, account)
 * (see `AuthService.signInWait`). Unknown e-mail, wrong password and throttled get the same message;
 * only the throttled client gets 429, with `Retry-After` in seconds (RFC 9110 §10.2.3).
 */
import { data, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { FormError, TextField } from "~/components/organiser/Field";
import { commitCookieSession, getCookieSession, getOptionalUser, safeRedirect } from "~/utils/auth.server";
import { fieldErrors, readForm, requestTranslator } from "~/utils/forms";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = (args) => pageTitle(args, (t) => t("organiser.auth.loginTitle"));

/** A document (no-JavaScript) post takes its headers from here: pass on the action's `Retry-After`. */
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const retryAfter = actionHeaders.get("Retry-After");
  return retryAfter ? { "Retry-After": retryAfter } : new Headers();
};

const SignIn = z.object({
  email: z.email().max(254),
  // Upper bound stops multi-megabyte "passwords" from reaching argon2 (a cheap DoS otherwise).
  password: z.string().min(1).max(1000),
});

let dummyHash: Promise<string> | undefined;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const redirectTo = safeRedirect(new URL(request.url).searchParams.get("redirectTo"), "/workshops");
  if (await getOptionalUser(request, context)) throw redirect(redirectTo);
  return { setupNeeded: await context.services.auth.setupNeeded() };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { auth, stores } = context.services;
  const t = requestTranslator(request);
  const form = readForm(await request.formData(), ["email", "password", "redirectTo"] as const);
  const values = { email: form.email };
  const parsed = SignIn.safeParse(form);
  if (!parsed.success) return data({ values, errors: fieldErrors(parsed.error.issues, t) }, { status: 400 });
  const email = parsed.data.email.toLowerCase();
  const refused = { values, errors: { _form: t("organiser.errors.badCredentials") } };
  const wait = await auth.signInWait(context.clientAddress, email);
  if (wait > 0) return data(refused, { status: 429, headers: { "Retry-After": String(wait) } });
  const user = await stores.users.findByEmail(email);
  // Hash-check even for unknown e-mails so response time does not reveal which accounts exist.
  dummyHash ??= auth.hashPassword("roundtable-dummy-password");
  const ok = await auth.verifyPassword(user?.passwordHash ?? (await dummyHash), parsed.data.password);
  // A failure needs no further bookkeeping: signInWait counted this attempt before the password check.
  if (!user || !ok) return data(refused, { status: 401 });
  await auth.signInSucceeded(context.clientAddress, email);
  const session = await getCookieSession({ request, context });
  session.set("userId", user.id);
  throw redirect(safeRedirect(form.redirectTo, "/workshops"), { headers: await commitCookieSession(context, session) });
}

export default function Login() {
  const { t } = useTranslation();
  const { setupNeeded } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors: Record<string, string> = result?.errors ?? {};
  const [params] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  return (
    <div className="page narrow stack">
      <h1>{t("organiser.auth.loginTitle")}</h1>
      <p className="muted">{t("organiser.auth.loginIntro")}</p>
      {setupNeeded ? <p className="notice">{t("organiser.auth.setupPending")}</p> : null}
      <Form method="post" className="card stack" noValidate>
        <FormError error={errors._form} />
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? ""} />
        <TextField
          name="email"
          type="email"
          label={t("organiser.auth.email")}
          autoComplete="username"
          required
          defaultValue={result?.values.email}
          error={errors.email}
        />
        <TextField
          name="password"
          type="password"
          label={t("organiser.auth.password")}
          autoComplete="current-password"
          required
          error={errors.password}
        />
        <button type="submit" className="button" disabled={busy}>
          {t("organiser.auth.signIn")}
        </button>
      </Form>
      <p className="muted small">{t("organiser.auth.noAccount")}</p>
    </div>
  );
}
