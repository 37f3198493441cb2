/**
 * Every page a user can reach, checked as a finished product: in English and laid out right-to-left
 * at phone (390×844) and projector (1920×1080) size, in French at phone size, each page is
 * screenshotted to test-results/screenshots/<page>-<viewport>[-fr|-rtl].png, checked with axe (no
 * serious or critical WCAG 2 A/AA finding; see MODE_LOOKS), for Content-Security-Policy violations,
 * console errors and sideways overflow.
 * Keyboard only: the join form, the console's next/previous panel buttons and a poll's controls,
 * and a participant's answer.
 *
 * Its data is made through the UI (one workshop, one live session with a participant who answers the
 * seeded scale poll, then ended and published twice), so it runs alone or after the other specs on
 * the shared server (first-run setup may already be done: then it signs in).
 */
import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { look, modeContext, settle, show, tabTo, watch, type LookOptions } from "./pages/audit";
import { OrganiserPages } from "./pages/organiser";
import { confirmInDialog, ConsolePoll, distribution } from "./pages/polls";
import { baseUrl } from "./pages/support";

const QUESTION = "Where should international efforts on space security concentrate?";
const POLL_KEY = "binding-vs-nonbinding";

/** A signed-in organiser (first-run setup when this server has not had it: screenshots the setup page). */
async function organiserContext(browser: Browser, problems: string[][]) {
  const context = await modeContext(browser, "en");
  problems.push(watch(context));
  const page = await context.newPage();
  const organiser = new OrganiserPages(page);
  const setupUrl = process.env.E2E_SETUP_URL;
  if (setupUrl) {
    await page.goto(setupUrl);
    if ((await page.locator('input[name="confirm"]').count()) > 0) {
      await settle(page, "en");
      await look(page, "setup", "en");
      await organiser.setup(setupUrl);
      return { context, page, organiser };
    }
  }
  await show(page, "/login", "en");
  await look(page, "login", "en");
  await organiser.signIn();
  return { context, page, organiser };
}

/** Opens every "By sector" disclosure, so axe also checks the (scrollable) sector tables. */
async function openSectorTables(page: Page) {
  const tables = page.locator(".sector-breakdown");
  for (const details of await tables.all()) await details.evaluate((el) => ((el as HTMLDetailsElement).open = true));
  if (await tables.count()) await expect(page.locator(".sector-breakdown :is(.table-scroll[role=region], .sector-withheld)").first()).toBeVisible();
}

/** An English and a French context carrying `base`'s cookies, each with one page; problems are collected. */
async function perMode(browser: Browser, base: BrowserContext | undefined, problems: string[][]) {
  const pages = {} as Record<Lang, Page>;
  for (const lang of LANGS) {
    const context = await modeContext(browser, lang, base);
    problems.push(watch(context));
    pages[lang] = await context.newPage();
  }
  return pages;
}

type Lang = "en" | "fr";
const LANGS: Lang[] = ["en", "fr"];

/**
 * What each mode checks, to keep this spec near 2 minutes on 2 cores: English at both sizes with
 * axe; RTL at both sizes for the layout (screenshots and overflow; axe finds the same markup as in
 * English); French at phone size with axe (longer words overflow first on the narrow screen).
 */
const MODE_LOOKS: Record<Lang | "rtl", LookOptions> = {
  en: {},
  rtl: { axeAt: [] },
  fr: { sizes: ["phone"] },
};

/**
 * Visits `url` in English and looks at it, then turns the same page right-to-left and looks again
 * (no RTL language ships yet, so RTL is English with `dir="rtl"`), then in French. `ready` waits
 * for the page's content (and may check it) in each mode.
 */
async function tour(pages: Record<Lang, Page>, name: string, url: string, ready?: (page: Page) => Promise<void>) {
  await test.step(name, async () => {
    const started = Date.now();
    // The English and French pages are separate browser contexts: looked at side by side.
    await Promise.all(
      LANGS.map(async (lang) => {
        const page = pages[lang];
        await show(page, url, lang);
        if (ready) await ready(page);
        await look(page, name, lang, MODE_LOOKS[lang]);
        if (lang === "en") {
          await page.evaluate(() => document.documentElement.setAttribute("dir", "rtl"));
          if (ready) await ready(page);
          await look(page, name, "rtl", MODE_LOOKS.rtl);
        }
      }),
    );
    if (process.env.RT_TIMING) console.log(`timing ${name} ${Date.now() - started} ms`);
  });
}

test("every page at phone and projector size, in English, French and RTL", async ({ browser }) => {
  // ~90 page views (~150 screenshots, ~90 axe runs). A timeout is a failure, not a figure: generous,
  // because other agents may share the 2 cores with this run.
  test.setTimeout(1_200_000);
  const problems: string[][] = [];
  const anon = await perMode(browser, undefined, problems);

  // Public entry points.
  await tour(anon, "landing", "/");
  await tour(anon, "login", "/login");

  // Organiser: workshop from the seeded template, agenda, invitations, templates.
  const { context: orgContext, page, organiser } = await organiserContext(browser, problems);
  const org = await perMode(browser, orgContext, problems);
  await tour(org, "workshops", "/workshops");
  await tour(org, "workshop-new", "/workshops/new");
  const workshopId = await organiser.createWorkshop({ title: "Pages tour — Addis Ababa", region: "East Africa (tour)", timeZone: "Africa/Addis_Ababa", startsOn: "2026-10-06", endsOn: "2026-10-07" });
  await page.goto(`/workshops/${workshopId}`);
  await page.locator('select[name="role"]').selectOption("rapporteur");
  await page.getByRole("button", { name: /create.*link|invite/i }).click();
  const inviteUrl = await page.locator("#invite-link").inputValue();
  await tour(org, "workshop", `/workshops/${workshopId}`);
  await tour(org, "workshop-edit", `/workshops/${workshopId}/edit`);
  await tour(org, "agenda", `/workshops/${workshopId}/agenda`);
  await page.goto(`/workshops/${workshopId}/agenda`);
  const panelHref = await page.locator('a[href*="/panels/"]').first().getAttribute("href");
  await tour(org, "panel-editor", panelHref!);
  await tour(anon, "invite", new URL(inviteUrl).pathname);
  await tour(org, "templates", "/templates");
  await page.goto("/templates");
  const templateHref = await page.locator('.template-card a[href^="/templates/"]').first().getAttribute("href");
  await tour(org, "template", templateHref!);
  // Template import with a broken file: every problem listed next to the form.
  for (const mode of LANGS) {
    await show(org[mode], "/templates", mode);
    await org[mode].locator('input[type="file"]').setInputFiles({ name: "broken.json", mimeType: "application/json", buffer: Buffer.from('{"key":"Bad Key","panels":[]}') });
    await org[mode].locator('main form[enctype="multipart/form-data"] button[type="submit"]').click();
    await expect(org[mode].locator(".problems, [role=alert]").first()).toBeVisible();
    await settle(org[mode], mode);
    // B13: the problems are in the page's language, and the address bar keeps /templates (not ?index).
    await expect(org[mode].locator(".problems")).toContainText(mode === "fr" ? "title: Ce champ est obligatoire." : "title: This field is required.");
    expect(new URL(org[mode].url()).search).toBe("");
    await look(org[mode], "template-import-errors", mode, MODE_LOOKS[mode]);
    if (mode === "en") {
      await org.en.evaluate(() => document.documentElement.setAttribute("dir", "rtl"));
      await look(org.en, "template-import-errors", "rtl", MODE_LOOKS.rtl);
    }
  }
  // An empty file: one translated problem naming the file and the path.
  await org.fr.locator('input[type="file"]').setInputFiles({ name: "vide.yaml", mimeType: "application/yaml", buffer: Buffer.from("") });
  await org.fr.locator('main form[enctype="multipart/form-data"] button[type="submit"]').click();
  await expect(org.fr.locator(".problems")).toHaveText(/vide\.yaml: \(root\)\s*: Le fichier est vide/);
  expect(new URL(org.fr.url()).search).toBe("");
  await tour(org, "session-new", `/workshops/${workshopId}/sessions/new`);

  // A live session.
  const sessionId = await organiser.startSession(workshopId, "Addis day 1");
  await page.setViewportSize({ width: 1920, height: 1080 });
  const code = (await page.getByTestId("join-code").textContent())!.trim();
  await page.getByRole("button", { name: /start session/i }).click();
  await expect(page.getByTestId("status")).toHaveText(/live/i);
  const projectorUrl = (await page.getByTestId("projector-link").getAttribute("href"))!;

  // Keyboard only: a participant joins from the start page (Tab, type, Enter; consent with Space).
  const phoneContext = await modeContext(browser, "en");
  problems.push(watch(phoneContext));
  const phone = await phoneContext.newPage();
  // B14: a wrong code comes back with the typed code kept in the field, focused, and a clear message.
  await show(phone, "/", "en");
  await phone.locator('input[name="code"]').fill("kpx-47r");
  await phone.keyboard.press("Enter");
  await expect(phone).toHaveURL(/\/\?error=unknown&code=kpx-47r$/);
  await expect(phone.locator('input[name="code"]')).toHaveValue("kpx-47r");
  await expect(phone.locator('input[name="code"]')).toBeFocused();
  await expect(phone.locator("#code-error")).toHaveText("No open session has the code “kpx-47r”. Check the code on the screen and try again.");
  await show(phone, "/", "en");
  await tabTo(phone, phone.locator('input[name="code"]'));
  await phone.keyboard.type(code.toLowerCase());
  await phone.keyboard.press("Enter");
  await expect(phone).toHaveURL(/\/j\/[A-Z0-9]{6}$/);
  await settle(phone, "en");
  await tour(anon, "join", new URL(phone.url()).pathname);
  await tabTo(phone, phone.locator('input[name="displayName"]'));
  await phone.keyboard.type("Selam");
  await tabTo(phone, phone.locator('input[name="consent"]'));
  await phone.keyboard.press("Space");
  await expect(phone.locator('input[name="consent"]')).toBeChecked();
  await tabTo(phone, phone.locator('main form button[type="submit"]'));
  await phone.keyboard.press("Enter");
  await expect(phone).toHaveURL(new RegExp(`/s/${sessionId}$`));
  await expect(phone.getByTestId("current-panel")).toHaveAttribute("data-panel-index", "0");

  // Keyboard only on the console: next, previous, next again; the phone follows.
  await settle(page, "en");
  const next = page.getByRole("button", { name: /next panel/i });
  const previous = page.getByRole("button", { name: /previous panel/i });
  await tabTo(page, next);
  await page.keyboard.press("Enter");
  await expect(phone.getByTestId("current-panel")).toHaveAttribute("data-panel-index", "1");
  await tabTo(page, previous);
  await page.keyboard.press("Enter");
  await expect(phone.getByTestId("current-panel")).toHaveAttribute("data-panel-index", "0");
  await tabTo(page, next);
  await page.keyboard.press(" ");
  await expect(phone.getByTestId("current-panel")).toHaveAttribute("data-panel-index", "1");

  // Keyboard only: open the scale poll; the participant answers with the arrow keys.
  const poll = new ConsolePoll(page, QUESTION);
  await tabTo(page, poll.button("Open"));
  await page.keyboard.press("Enter");
  await poll.expectStatus(/^open$/i);
  const card = phone.getByTestId("participant-poll").filter({ hasText: QUESTION });
  await tabTo(phone, card.getByRole("radio").first());
  await phone.keyboard.press("Space");
  await expect(card.getByTestId("receipt")).toHaveText("Recorded ✓");
  // Arrow keys move the selection within the scale (a radio group); Enter answers 2 instead.
  await phone.keyboard.press("ArrowRight");
  await expect(card.getByRole("radio", { name: /^2( —|$)/ })).toBeChecked();
  await phone.keyboard.press("Enter");
  await expect.poll(() => distribution(poll.card)).toMatchObject({ "1": 0, "2": 1 });

  // Live pages in every mode.
  await tour(org, "console", `/s/${sessionId}/console`, async (p) => {
    await expect(p.getByTestId("console-poll").first()).toBeVisible();
    await openSectorTables(p);
    // Direction arrows are drawn by CSS and turn round in RTL.
    const arrow = await p.locator(".arrow-forward").evaluate((el) => getComputedStyle(el, "::after").content);
    expect(arrow).toContain((await p.locator("html").getAttribute("dir")) === "rtl" ? "←" : "→");
  });
  const participant = await perMode(browser, phoneContext, problems);
  await tour(participant, "participant", `/s/${sessionId}`, async (p) => {
    await expect(p.getByTestId("participant-poll").first()).toBeVisible();
  });
  await tour(anon, "projector", new URL(projectorUrl, baseUrl()).pathname + new URL(projectorUrl, baseUrl()).search, async (p) => {
    await expect(p.getByTestId("projector")).toBeVisible();
    await expect(p.locator("#language-select")).toBeVisible(); // the only site chrome it keeps
  });
  // Big type for the back of the room (the last look left the page at 1920×1080), and a seeded
  // panel (title, framing, four prompts) fits the screen without scrolling.
  const projectorType = await anon.en.evaluate(() => {
    const px = (el: Element | null) => (el ? parseFloat(getComputedStyle(el).fontSize) : 0);
    const texts = [...document.querySelectorAll(".projector :is(p, li, span, h1)")].filter((el) => el.textContent?.trim());
    return {
      title: px(document.querySelector(".projector h1")),
      prompt: px(document.querySelector(".projector .prompts li")),
      code: px(document.querySelector(".projector .join-code")),
      smallest: Math.min(...texts.map(px)),
      height: document.documentElement.scrollHeight,
    };
  });
  expect(projectorType.title).toBeGreaterThanOrEqual(48);
  expect(projectorType.prompt).toBeGreaterThanOrEqual(28);
  expect(projectorType.code).toBeGreaterThanOrEqual(48);
  expect(projectorType.smallest).toBeGreaterThanOrEqual(20);
  expect(projectorType.height).toBeLessThanOrEqual(1080);
  await tour(org, "notes", `/s/${sessionId}/notes`, async (p) => {
    await expect(p.getByTestId("notes-editor").first()).toBeVisible();
  });
  // Keyboard: the notes editor and the "add a takeaway" button are in the tab order, with a focus ring.
  await org.en.setViewportSize({ width: 1920, height: 1080 });
  await tabTo(org.en, org.en.getByTestId("notes-editor").first());
  await tabTo(org.en, org.en.getByRole("button", { name: /add a takeaway/i }));
  // Projected results on the projector (the console's show-on-projector control).
  const projectButton = poll.card.getByRole("button", { name: /projector/i }).first();
  if (await projectButton.count()) {
    await tabTo(page, projectButton);
    await page.keyboard.press("Enter");
    await tour(anon, "projector-results", new URL(projectorUrl, baseUrl()).pathname + new URL(projectorUrl, baseUrl()).search, async (p) => {
      await expect(p.locator(".projector-stage")).toBeVisible();
    });
  }

  // Language switch by keyboard on the participant's phone: the page comes back in French.
  await tabTo(phone, phone.locator("#language-select"));
  await phone.locator("#language-select").selectOption("fr");
  await tabTo(phone, phone.locator('form[action="/language"] button'));
  await phone.keyboard.press("Enter");
  await expect(phone.locator("html")).toHaveAttribute("lang", "fr");

  // End, publish twice (v1 public, v2 after an edit), then the outcome pages.
  await tabTo(page, poll.button("Close"));
  await page.keyboard.press("Enter");
  await poll.expectStatus(/closed/i);
  await page.getByRole("button", { name: /end session/i }).click();
  await confirmInDialog(page, "End session");
  await expect(page.getByTestId("status")).toHaveText(/ended/i);
  // The ended projector thanks the room and no longer invites anyone to join (no QR, no "Scan to join").
  await tour(anon, "projector-ended", new URL(projectorUrl, baseUrl()).pathname + new URL(projectorUrl, baseUrl()).search, async (p) => {
    await expect(p.getByTestId("projector")).toHaveAttribute("data-status", "ended");
    await expect(p.getByTestId("current-panel")).toHaveText(/^(Session ended, thank you|Session terminée, merci)$/);
    await expect(p.locator(".projector .qr")).toHaveCount(0);
    await expect(p.getByText(/scan to join|scannez pour rejoindre/i)).toHaveCount(0);
  });
  await page.goto(`/s/${sessionId}/summary`);
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("draft-panel").first()).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  await settle(page, "en");
  await page.locator('input[name="visibility"][value="public"]').check();
  await page.locator('button[name="intent"][value="publish"]').click();
  await expect(page).toHaveURL(/\/summary\/versions/);
  await page.goto(`/s/${sessionId}/summary`);
  await settle(page, "en");
  await page.getByRole("button", { name: /add a takeaway/i }).first().click();
  await page.getByTestId("draft-takeaway").last().fill("Consultations before any test are a realistic first step.");
  await page.locator('input[name="visibility"][value="public"]').check();
  await page.locator('button[name="intent"][value="publish"]').click();
  await expect(page).toHaveURL(/\/summary\/versions/);
  await tour(org, "summary-draft", `/s/${sessionId}/summary`, async (p) => {
    await expect(p.getByTestId("draft-panel").first()).toBeVisible();
    await openSectorTables(p);
  });
  await tour(org, "summary-versions", `/s/${sessionId}/summary/versions`);
  await tour(org, "summary-diff", `/s/${sessionId}/summary/diff?a=1&b=2`);
  await tour(org, "summary-version", `/s/${sessionId}/summary/v/1`, async (p) => {
    await expect(p.locator('a[data-format="docx"]').first()).toBeVisible();
  });
  await page.goto(`/s/${sessionId}/summary/v/2`);
  const outcomeHref = await page.locator('a[href^="/outcomes/"]').first().getAttribute("href");
  await tour(anon, "outcome", outcomeHref!);
  await tour(anon, "archive", "/archive");
  await tour(anon, "compare", `/compare?poll=${POLL_KEY}`, async (p) => {
    await expect(p.locator("table.compare-table")).toContainText("Pages tour");
  });
  await tour(org, "replay", `/s/${sessionId}/replay`);
  await tour(anon, "not-found", "/no-such-page");
  await tour(org, "not-found-workshop", "/workshops/00000000-0000-0000-0000-000000000000", async (p) => {
    await expect(p.locator("h1")).toHaveText(/Page not found|Page introuvable/);
    await expect(p.locator("#language-select")).toBeVisible();
  });

  // Nothing went wrong in any browser console, except the refusals this spec asks for: the unknown
  // page's and unknown workshop's 404s and the broken template uploads' 400s.
  const expected = [/\/(no-such-page|workshops\/0{8}-[0-9-]+): console error: .* 404/, /\/templates: console error: .* 400 \(Bad Request\)/];
  const all = problems.flat().filter((p) => !expected.some((re) => re.test(p)));
  expect(all).toEqual([]);
});
