/**
 * First run: creates the first organiser account. Guarded by the one-time setup token the server
 * prints to its console at boot, so a freshly deployed instance cannot be claimed by a stranger.
 */
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ACCOUNT_FIELDS, NewAccount } from "~/components/organiser/account";
import { AccountFields } from "~/components/organiser/AccountFields";
import { FormError } from "~/components/organiser/Field";
import { commitCookieSession, getCookieSession } from "~/utils/auth.server";
import { fieldErrors, readForm, requestTranslator } from "~/utils/forms";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = (args) => pageTitle(args, (t) => t("common.setUpTitle"));

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { auth } = context.services;
  if (!(await auth.setupNeeded())) throw redirect("/login");
  const token = new URL(request.url).searchParams.get("token") ?? "";
  return { token, valid: await auth.checkSetupToken(token) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { auth, stores } = context.services;
  const t = requestTranslator(request);
  if (!(await auth.setupNeeded())) throw redirect("/login");
  const form = readForm(await request.formData(), [...ACCOUNT_FIELDS, "token"] as const);
  if (!(await auth.checkSetupToken(form.token))) return data({ values: form, errors: { _form: t("organiser.setup.badTokenTitle") } }, { status: 403 });
  const values = { name: form.name, email: form.email };
  const parsed = NewAccount.safeParse(form);
  if (!parsed.success) return data({ values, errors: fieldErrors(parsed.error.issues, t) }, { status: 400 });
  const { name, email, password } = parsed.data;
  const user = await stores.users.create({ name, email: email.toLowerCase(), passwordHash: await auth.hashPassword(password) });
  await auth.consumeSetupToken();
  context.services.logger.info({ userId: user.id }, "first organiser account created");
  const session = await getCookieSession({ request, context });
  session.set("userId", user.id);
  throw redirect("/workshops", { headers: await commitCookieSession(context, session) });
}

export default function Setup() {
  const { t } = useTranslation();
  const { token, valid } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  if (!valid) {
    return (
      <div className="page narrow stack">
        <h1>{t("organiser.setup.badTokenTitle")}</h1>
        <p>{t("organiser.setup.badTokenBody")}</p>
        <pre className="setup-console" aria-label={t("organiser.setup.consoleExample")}>
          {"First run: create the organiser account at http://…/setup?token=…"}
        </pre>
        <p className="muted">{t("organiser.setup.badTokenHint")}</p>
      </div>
    );
  }
  const errors: Record<string, string> = result?.errors ?? {};
  return (
    <div className="page narrow stack">
      <h1>{t("organiser.setup.title")}</h1>
      <p className="muted">{t("organiser.setup.intro")}</p>
      <Form method="post" className="card stack" noValidate>
        <FormError error={errors._form} />
        <input type="hidden" name="token" value={token} />
        <AccountFields values={result?.values} errors={errors} />
        <button type="submit" className="button" disabled={busy}>
          {t("organiser.setup.submit")}
        </button>
      </Form>
    </div>
  );
}
