/** Site header: brand, staff navigation, language switch (a plain form: works without JavaScript). */
import { Form, Link, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { LANGUAGES, LANGUAGE_NAMES } from "~/i18n/config";

export function SiteHeader({ user, lang }: { user: { name: string } | null; lang: string }) {
  const { t } = useTranslation();
  const location = useLocation();
  const returnTo = location.pathname + location.search;
  return (
    <header className="site-header">
      <Link to="/" className="brand">
        <span aria-hidden="true" className="brand-mark">◯</span> {t("common.appName")}
      </Link>
      <nav aria-label={t("common.appName")} className="site-nav">
        {/* The archive is public: everyone sees the link. */}
        <Link to="/archive">{t("common.archive")}</Link>
        {user ? (
          <>
            <Link to="/workshops">{t("common.workshops")}</Link>
            <Link to="/templates">{t("common.templates")}</Link>
            <Form method="post" action="/logout" className="inline-form">
              <button type="submit" className="link-button">
                {t("common.signOut")}
              </button>
            </Form>
          </>
        ) : (
          <Link to="/login">{t("common.signIn")}</Link>
        )}
      </nav>
      <Form method="post" action="/language" className="language-switch" reloadDocument>
        <input type="hidden" name="returnTo" value={returnTo} />
        <label htmlFor="language-select" className="visually-hidden">
          {t("common.language")}
        </label>
        {/* A button, not submit-on-change: changing context on selection fails WCAG 3.2.2 for keyboard users. */}
        <select id="language-select" name="lang" defaultValue={lang}>
          {LANGUAGES.map((l) => (
            <option key={l} value={l} lang={l}>
              {LANGUAGE_NAMES[l]}
            </option>
          ))}
        </select>
        <button type="submit" className="button small secondary">
          {t("common.changeLanguage")}
        </button>
      </Form>
    </header>
  );
}
