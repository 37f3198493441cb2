/**
 * Foundation items found by the new-user trial (issue 2), over real HTTP on a real server (port 0,
 * fresh SQLite), in French as well as English: form and template-import errors are translated field
 * messages, never zod's English (B13); error pages are translated, inside the site layout, with no
 * raw response body or server error text; a wrong join code comes back to the start page with the
 * typed code and a clear message (B14); a refused "add panel" shows the typed values again (B8);
 * "Use this template" preselects that template (B9).
 */
import { describe, expect, it } from "vitest";
import { LIMITS, type Template } from "../../app/domain/template";
import { useTestAppWithWorkshop } from "../helpers/app";
import { changesNothing as unchanged } from "../helpers/db";
import { JOIN_GUESS_LIMITS } from "../../server/http/rate-limit";

const ctx = useTestAppWithWorkshop();

const FR = "rt_lang=fr";
const withFr = (cookie?: string) => (cookie ? `${cookie}; ${FR}` : FR);
const get = (path: string, cookie?: string) => fetch(`${ctx.t.baseUrl}${path}`, { redirect: "manual", headers: cookie ? { cookie } : {} });
const post = (path: string, body: URLSearchParams | FormData, cookie?: string) =>
  fetch(`${ctx.t.baseUrl}${path}`, { method: "POST", body, redirect: "manual", headers: cookie ? { cookie } : {} });
/**
 * The page as a reader gets it: scripts (hydration data) and React's `<!-- -->` text separators
 * removed, entities for quotes, apostrophes and ampersands decoded.
 */
const html = async (res: Response) =>
  (await res.text())
    .replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, "")
    .replace(/<!-- -->/g, "")
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");

const changesNothing = (bad: () => Promise<void>) => unchanged(ctx.t.app.storage, bad);

describe("translated form and template-import errors (B13)", () => {
  const upload = (name: string, text: string, cookie: string) => {
    const fd = new FormData();
    fd.set("file", new Blob([text]), name);
    return post("/templates?index", fd, cookie);
  };

  it("the join form's consent error is a French sentence on a French page, not zod's English", async () => {
    const session = await ctx.t.app.stores.sessions.create({ workshopId: ctx.fx.workshopId, title: "Plénière", panelIds: ctx.fx.panelIds, createdBy: ctx.fx.userId });
    await changesNothing(async () => {
      const res = await post(`/j/${session.joinCode}`, new URLSearchParams({ displayName: "Ana" }), FR);
      expect(res.status).toBe(400);
      const page = await html(res);
      expect(page).toContain("Pour rejoindre la session, cochez la case pour accepter la règle de cette réunion.");
      expect(page).not.toMatch(/please accept|Invalid input|expected/);
      // What was typed and chosen is kept, so only the tick is missing.
      const kept = await html(await post(`/j/${session.joinCode}`, new URLSearchParams({ displayName: "Ana B.", sector: "academia" }), FR));
      expect(kept).toMatch(/<input[^>]*id="displayName"[^>]*value="Ana B\."/);
      expect(kept).toMatch(/<option value="academia" selected="">/);
      const long = await html(await post(`/j/${session.joinCode}`, new URLSearchParams({ displayName: "x".repeat(500), consent: "on" }), FR));
      expect(long).toMatch(/id="name-error"[^>]*>Saisissez au plus 60 caractères\./);
    });
  });

  it("an empty template file is refused with a translated message naming the file and the path", async () => {
    await changesNothing(async () => {
      for (const text of ["", "  \n\n"]) {
        const res = await upload("vide.json", text, withFr(ctx.fx.cookie));
        expect(res.status).toBe(400);
        const page = await html(res);
        expect(page).toContain("Le fichier comporte 1 problème");
        expect(page).toMatch(/<code>vide\.json: \(root\)<\/code>: Le fichier est vide\u00a0: il ne contient aucun modèle\./);
      }
      const en = await html(await upload("empty.yaml", "", ctx.fx.cookie));
      expect(en).toMatch(/<code>empty\.yaml: \(root\)<\/code>: The file is empty: it has no template in it\./);
    });
  });

  it("schema problems and syntax errors in an imported template are in the page's language, with file, line and path", async () => {
    const bad = JSON.stringify({ key: "atelier-regional", title: "Atelier", visibilty: "x", panels: [] }, null, 2);
    await changesNothing(async () => {
      const fr = await html(await upload("atelier.json", bad, withFr(ctx.fx.cookie)));
      expect(fr).toContain("Le fichier comporte 2 problèmes");
      expect(fr).toMatch(/<code>atelier\.json:1:1: \(root\)<\/code>: Champ inconnu\u00a0: visibilty\./);
      expect(fr).toMatch(/<code>atelier\.json:5:13: panels<\/code>: Indiquez au moins 1 élément/);
      expect(fr).not.toMatch(/Too small|Unrecognized key/);
      const slug = await html(await upload("cle.json", bad.replace("atelier-regional", "Atelier Régional").replace('"visibilty": "x",', ""), withFr(ctx.fx.cookie)));
      expect(slug).toMatch(/<code>cle\.json:2:10: key<\/code>: Utilisez des lettres minuscules, des chiffres et des tirets simples/);
      const missing = await html(await upload("sans-panels.yaml", "key: sans-panels\ntitle: Sans panels\n", withFr(ctx.fx.cookie)));
      expect(missing).toMatch(/<code>sans-panels\.yaml:1:1: panels<\/code>: Ce champ est obligatoire\./);
      const syntax = await html(await upload("coupé.json", '{\n  "key": "x",', withFr(ctx.fx.cookie)));
      expect(syntax).toMatch(/<code>coupé\.json:2:14: \(root\)<\/code>: Erreur de syntaxe JSON\u00a0: /);
    });
  });
});

describe("error pages (404, 500)", () => {
  it("an unknown address is a French 404 page in the site layout, without Remix's routing message", async () => {
    const res = await get("/nulle-part", FR);
    expect(res.status).toBe(404);
    const page = await html(res);
    expect(page).toMatch(/<html lang="fr"/);
    expect(page).toContain("<h1>Page introuvable</h1>");
    expect(page).toContain("La page demandée n’existe pas ou n’est plus disponible.");
    expect(page).toContain('action="/language"'); // the header's language switch
    expect(page).toMatch(/<a href="\/" class="button">Page d’accueil<\/a>/);
    expect(page).not.toContain("No route matches");
  });

  it("an unknown workshop id is a translated 404, not the loader's English body", async () => {
    for (const [cookie, title, body] of [
      [ctx.fx.cookie, "Page not found", "The page you asked for does not exist"],
      [withFr(ctx.fx.cookie), "Page introuvable", "La page demandée n’existe pas"],
    ]) {
      const res = await get("/workshops/00000000-0000-0000-0000-000000000000", cookie);
      expect(res.status).toBe(404);
      const page = await html(res);
      expect(page).toContain(`<h1>${title}</h1>`);
      expect(page).toContain(body);
      expect(page).not.toMatch(/<p>Not found<\/p>/);
    }
  });

  it("a 403 whose body is a translated message of its own (requireOrganiser) shows that message", async () => {
    const fay = await ctx.t.app.stores.users.create({ email: "fay@example.org", name: "Fay", passwordHash: await ctx.t.app.auth.hashPassword("correct horse battery") });
    await ctx.t.app.stores.workshops.addMember(ctx.fx.workshopId, fay.id, "facilitator");
    const res = await get("/workshops/new", withFr(await ctx.t.cookieFor({ userId: fay.id })));
    expect(res.status).toBe(403);
    const page = await html(res);
    expect(page).toContain("<h1>Accès refusé</h1>");
    expect(page).toMatch(/<p>Seuls les organisateurs peuvent créer des ateliers\.[^<]*<\/p>/);
  });

  it("a server error is a translated 500 page that shows neither the error nor a stack", async () => {
    const stores = ctx.t.app.stores.workshops;
    const original = stores.listForUser;
    stores.listForUser = async () => {
      throw new Error("SECRET-DB-DETAIL at /srv/roundtable/storage.ts:42");
    };
    try {
      const res = await get("/workshops", withFr(ctx.fx.cookie));
      expect(res.status).toBe(500);
      const page = await html(res);
      expect(page).toContain("<h1>Une erreur est survenue</h1>");
      expect(page).toContain('action="/language"');
      expect(page).not.toMatch(/SECRET-DB-DETAIL|storage\.ts|\bat \//);
    } finally {
      stores.listForUser = original;
    }
  });
});

describe("agenda editor: a refused new panel keeps what was typed (B8)", () => {
  it("at the panel limit, the add form answers 409 with a French message and the typed title, duration, framing and prompts", async () => {
    const { workshops } = ctx.t.app.stores;
    const agenda = await workshops.getAgenda(ctx.fx.workshopId);
    for (let i = agenda.length; i < LIMITS.maxPanels; i++) {
      await workshops.addPanel(ctx.fx.workshopId, { key: `filler-${i}`, title: `Filler ${i}`, framing: "F.", prompts: ["P?"], durationMinutes: 10, polls: [] });
    }
    const typed = { intent: "add", title: "Synthèse régionale", durationMinutes: "35", framing: "Ce que nous retenons.", prompts: "Une action\nUn risque" };
    await changesNothing(async () => {
      const res = await post(`/workshops/${ctx.fx.workshopId}/agenda`, new URLSearchParams(typed), withFr(ctx.fx.cookie));
      expect(res.status).toBe(409);
      const page = await html(res);
      expect(page).toContain(`Un ordre du jour compte au plus ${LIMITS.maxPanels} panels.`);
      expect(page).toMatch(/name="title"[^>]*value="Synthèse régionale"|value="Synthèse régionale"[^>]*name="title"/);
      expect(page).toMatch(/value="35"/);
      expect(page).toContain(">Ce que nous retenons.</textarea>");
      expect(page).toContain(">Une action\nUn risque</textarea>");
    });
    expect(await workshops.getAgenda(ctx.fx.workshopId)).toHaveLength(LIMITS.maxPanels);
  });
});

describe("“Use this template” (B9)", () => {
  it("links to workshop creation with that template preselected", async () => {
    const seeded = (await ctx.t.app.stores.templates.getByKey("space-security-norms"))!;
    const body: Template = { ...seeded.body, key: "second-template", title: "Second template" };
    const { template } = await ctx.t.app.stores.templates.insertNew({ key: body.key, title: body.title, body });
    const view = await html(await get(`/templates/${template.id}`, ctx.fx.cookie));
    expect(view).toMatch(new RegExp(`<a[^>]*href="/workshops/new\\?template=${template.id}"[^>]*>Use this template</a>`));
    for (const chosen of [template.id, seeded.id]) {
      const page = await html(await get(`/workshops/new?template=${chosen}`, ctx.fx.cookie));
      const selected = [...page.matchAll(/<option value="([^"]*)" selected="">/g)].map((m) => m[1]);
      expect(selected).toContain(chosen);
      expect(selected).not.toContain(chosen === seeded.id ? template.id : seeded.id);
    }
  });
});

describe("a wrong join code (B14)", () => {
  it("comes back to the start page with the typed code in the field and a translated 'no open session' message", async () => {
    const res = await get(`/join?code=${encodeURIComponent("kpx-47r")}`, FR);
    expect(res.status).toBe(302);
    const location = res.headers.get("location")!;
    expect(location).toBe("/?error=unknown&code=kpx-47r");
    const page = await html(await get(location, FR));
    expect(page).toMatch(/<input[^>]*id="code"[^>]*value="kpx-47r"/);
    expect(page).toContain("Aucune session ouverte n’a le code «\u00a0kpx-47r\u00a0».");
    const invalid = await get(`/j/${encodeURIComponent("<b>12")}`);
    expect(invalid.headers.get("location")).toBe(`/?error=invalid&code=${encodeURIComponent("<b>12")}`);
    const shown = await (await get(invalid.headers.get("location")!)).text();
    expect(shown).toContain("A session code has six letters or digits.");
    expect(shown).not.toContain("<b>12");
  });

  it("after too many wrong codes, the 429 page stays translated", async () => {
    let last: Response | undefined;
    // No cookie kept, so every guess is a new device and the per-address miss budget is what binds.
    for (let i = 0; i <= JOIN_GUESS_LIMITS.perAddress; i++) {
      last = await get(`/join?code=QQQQQ${"ABCDEFGHJKLMNPQRSTUVWXYZ2"[i % 25]}`, FR);
      if (last.status === 429) break;
    }
    expect(last!.status).toBe(429);
    expect(await last!.text()).toContain("<h1>Trop de tentatives</h1>");
  });
});
