/** Browser entry: hydrates with the same language the server rendered (read from <html lang>). */
import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nextProvider } from "react-i18next";
import { createI18n, DEFAULT_LANGUAGE, isLanguage } from "./i18n/config";

const lang = document.documentElement.lang;
const i18n = createI18n(isLanguage(lang) ? lang : DEFAULT_LANGUAGE);

startTransition(() => {
  hydrateRoot(
    document,
    <I18nextProvider i18n={i18n}>
      <StrictMode>
        <RemixBrowser />
      </StrictMode>
    </I18nextProvider>,
  );
});
