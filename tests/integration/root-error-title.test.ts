/**
 * The page title when the root loader itself fails (no root data: `Layout` writes the title): a 500
 * (storage down while reading the signed-in user) is "Something went wrong", not "Page not found";
 * an address no route matches stays "Page not found". Real server and Remix build, real SQLite.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createI18n, type Language } from "../../app/i18n/config";
import { startTestApp, type TestApp } from "../helpers/app";

let t: TestApp;
let cookie: string;

beforeAll(async () => {
  t = await startTestApp();
  ({ cookie } = await t.makeWorkshop());
});
afterAll(async () => t?.close());

const titleOf = async (path: string, lang: Language, withCookie?: string) => {
  const res = await fetch(`${t.baseUrl}${path}`, { redirect: "manual", headers: { cookie: [withCookie, `rt_lang=${lang}`].filter(Boolean).join("; ") } });
  const html = await res.text();
  const title = (/<title>([^<]*)<\/title>/.exec(html)?.[1] ?? "(no title)").replace(/&#x27;|&#39;/g, "'").replace(/&amp;/g, "&");
  return { status: res.status, title };
};

describe("root loader failures", () => {
  it("a 500 from the root loader is titled 'Something went wrong' in the reader's language", async () => {
    const users = t.app.stores.users;
    const get = users.get;
    users.get = async () => {
      throw new Error("storage down (test)");
    };
    try {
      for (const lang of ["en", "fr"] as const) {
        const tr = createI18n(lang).t;
        const res = await titleOf("/login", lang, cookie);
        expect([lang, res.status, res.title]).toEqual([lang, 500, tr("common.pageTitle", { page: tr("common.errorTitle") })]);
      }
    } finally {
      users.get = get;
    }
    expect((await titleOf("/login", "en", cookie)).status).toBeLessThan(500);
  });

  it("an address no route matches is still titled 'Page not found'", async () => {
    const fr = createI18n("fr").t;
    expect(await titleOf("/no-such-page", "fr")).toEqual({ status: 404, title: fr("common.pageTitle", { page: fr("common.notFoundTitle") }) });
  });
});
