/**
 * Root layout: language and direction on <html>, skip link, header with navigation and the
 * language switch (works without JavaScript), and error boundaries that keep the layout.
 */
// First: configures zod before any module creates a schema (see the module).
import "./utils/zod-jitless";
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  isRouteErrorResponse,
  useRouteError,
  useMatches,
  useRouteLoaderData,
} from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useEffect } from "react";
import { DEFAULT_LANGUAGE, directionOf, isLanguage, pickLanguage } from "./i18n/config";
import { SiteHeader } from "./components/SiteHeader";
import { getOptionalUser } from "./utils/auth.server";
import { useNonce } from "./utils/nonce";
import styles from "./styles/app.css";
import organiserStyles from "./styles/organiser.css";
import { errorKind, pageTitle } from "~/utils/meta";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "stylesheet", href: organiserStyles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

/**
 * Pages without a title of their own. With no root loader data (an address no route matches) the
 * language is unknown here, so `Layout` writes that 404's title with the request's i18n instance.
 */
export const meta: MetaFunction = (args) => (args.data ? pageTitle(args, () => null) : []);

export async function loader({ request, context }: LoaderFunctionArgs) {
  const lang = pickLanguage(request.headers.get("cookie"), request.headers.get("accept-language"));
  const user = await getOptionalUser(request, context);
  return { lang, dir: directionOf(lang), user: user ? { name: user.name } : null };
}

export type RootData = Awaited<ReturnType<typeof loader>>;

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRouteLoaderData<RootData>("root");
  const nonce = useNonce();
  const { i18n, t } = useTranslation();
  // No root loader data: no route matched (404) or the root loader itself failed (a 500 when storage is down).
  const error = useRouteError();
  // Without root loader data the i18n instance has the request's language.
  const lang = data?.lang ?? (isLanguage(i18n.language) ? i18n.language : DEFAULT_LANGUAGE);
  // Routes may ask for a body class (the projector hides the site chrome) via `handle.bodyClass`.
  const bodyClass = useMatches()
    .map((m) => (m.handle as { bodyClass?: string } | undefined)?.bodyClass)
    .filter(Boolean)
    .join(" ");
  // Keep the client i18n instance on the server-picked language after a language switch reload.
  useEffect(() => {
    if (i18n.language !== lang) void i18n.changeLanguage(lang);
  }, [i18n, lang]);
  return (
    <html lang={lang} dir={data?.dir ?? directionOf(lang)}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light" />
        <Meta />
        {data ? null : <title>{t("common.pageTitle", { page: t(`common.${errorKind(errorStatus(error))}Title`) })}</title>}
        <Links />
      </head>
      <body className={bodyClass || undefined}>
        <a className="skip-link" href="#main">
          {t("common.skipToContent")}
        </a>
        <SiteHeader user={data?.user ?? null} lang={lang} />
        <main id="main" tabIndex={-1}>
          {children}
        </main>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

/** The HTTP status of a route error: a thrown response's own, 500 for anything else (an exception). */
const errorStatus = (error: unknown) => (isRouteErrorResponse(error) ? error.status : 500);

/**
 * English placeholder bodies (`new Response("Not found", { status: 404 })`): a safety net, since
 * loaders throw `httpError(request, status)` (app/utils/errors.server.ts) with a translated body;
 * the page shows the translated text for the status instead of these.
 */
const PLACEHOLDER_BODIES = new Set(["Not found", "Forbidden", "Bad request"]);

/**
 * Every error page (404 for an unknown address or id, 403, 400, 500…) in the reader's language inside
 * the site layout (header, language switch, link home). The text is the translated one for the
 * status, unless a loader threw a 4xx response whose body is its own, already translated message
 * (`requireOrganiser`). Never shown: Remix's own routing messages ("No route matches URL …"), the
 * placeholder bodies above, and anything of a server error (its message or stack; Remix also strips
 * them from production builds).
 */
export function ErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  const status = errorStatus(error);
  const kind = errorKind(status);
  const own =
    isRouteErrorResponse(error) && !(error as { internal?: boolean }).internal && status < 500 && typeof error.data === "string" && !PLACEHOLDER_BODIES.has(error.data.trim())
      ? error.data
      : null;
  return (
    <div className="page narrow stack error-page" data-status={status}>
      <h1>{t(`common.${kind}Title`)}</h1>
      <p>{own ?? t(`common.${kind}Body`)}</p>
      <p>
        <a href="/" className="button">
          {t("common.home")}
        </a>
      </p>
    </div>
  );
}
