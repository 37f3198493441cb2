/**
 * Start page: the participant's way in (join code) and the staff's (sign in). A wrong code comes
 * back here as `?error=invalid|unknown&code=<typed>`: the field shows the typed code again, says
 * what is wrong and takes the focus, so the person can correct it at once.
 */
import type { MetaFunction } from "@remix-run/node";
import { Form, Link, useLocation, useSearchParams } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { TYPED_CODE_MAX } from "~/domain/session";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = (args) => pageTitle(args, () => null);

export default function Index() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const error = params.get("error");
  const typed = (params.get("code") ?? "").slice(0, TYPED_CODE_MAX);
  const input = useRef<HTMLInputElement>(null);
  const { key } = useLocation();
  // Each refusal (even the same code twice) moves the focus back to the field, ready to correct.
  useEffect(() => {
    if (error) input.current?.focus();
  }, [error, key]);
  return (
    <div className="page narrow stack">
      <section className="card stack" aria-labelledby="join-heading">
        <h1 id="join-heading">{t("session.landing.title")}</h1>
        <p className="muted">{t("session.landing.intro")}</p>
        <Form method="get" action="/join" className="stack">
          <div className="field">
            <label htmlFor="code">{t("session.landing.codeLabel")}</label>
            <input
              ref={input}
              key={key}
              id="code"
              name="code"
              defaultValue={typed}
              autoFocus={Boolean(error)}
              type="text"
              inputMode="text"
              autoCapitalize="characters"
              autoComplete="off"
              spellCheck={false}
              maxLength={TYPED_CODE_MAX}
              required
              className="join-code"
              aria-describedby={error ? "code-hint code-error" : "code-hint"}
              aria-invalid={error ? true : undefined}
            />
            <span id="code-hint" className="hint">
              {t("session.landing.codeHint")}
            </span>
            {error ? (
              <span id="code-error" className="error" role="alert">
                {error === "invalid"
                  ? t("session.join.invalidCode")
                  : typed
                    ? t("session.join.badCode", { code: typed })
                    : t("session.join.badCodeUntyped")}
              </span>
            ) : null}
          </div>
          <button type="submit" className="button big">
            {t("session.landing.join")}
          </button>
        </Form>
      </section>
      <section className="card" aria-labelledby="staff-heading">
        <h2 id="staff-heading">{t("session.landing.staffTitle")}</h2>
        <p>{t("session.landing.staffBody")}</p>
        <p className="muted small">{t("session.landing.features")}</p>
        <Link to="/login" className="button secondary">
          {t("common.signIn")}
        </Link>
      </section>
    </div>
  );
}
