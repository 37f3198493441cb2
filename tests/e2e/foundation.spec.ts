/**
 * The foundation end to end, as the users would: an organiser does first-run setup, creates a
 * workshop from the seeded template and starts a session; a participant joins with the code on a
 * phone; the facilitator advances to panel 2; participant and projector follow. Every page is
 * screenshotted at phone and projector sizes and checked with axe.
 */
import { expect, test } from "@playwright/test";
import { OrganiserPages } from "./pages/organiser";
import { lookAt, newPage, PHONE, PROJECTOR } from "./pages/support";

test("organiser sets up, runs a session, participant and projector follow the panels", async ({ browser }) => {
  // A long journey with ~30 screenshots and axe runs: 3 min on 2 cores.
  test.setTimeout(180_000);
  const setupUrl = process.env.E2E_SETUP_URL;
  expect(setupUrl, "the server printed a setup link").toBeTruthy();

  // Organiser (projector-size screen: a laptop at the front of the room).
  const organiserPage = await newPage(browser, PROJECTOR);
  const organiser = new OrganiserPages(organiserPage);
  await organiserPage.goto("/");
  await lookAt(organiserPage, "landing");
  await organiserPage.goto(setupUrl!);
  // Another spec may have done first-run setup already (specs share one server): then sign in.
  if (new URL(organiserPage.url()).pathname === "/login") await organiser.signIn();
  else {
    await lookAt(organiserPage, "setup");
    await organiser.setup(setupUrl!);
  }
  await lookAt(organiserPage, "workshops");
  await organiserPage.goto("/workshops/new");
  await lookAt(organiserPage, "workshop-new");
  const workshopId = await organiser.createWorkshop({
    title: "Space security norms — Nairobi follow-up",
    region: "East Africa",
    timeZone: "Africa/Nairobi",
    startsOn: "2026-12-01",
    endsOn: "2026-12-02",
  });
  await lookAt(organiserPage, "workshop");
  await expect(organiserPage.getByText("Chatham House", { exact: false }).first()).toBeVisible();
  await organiserPage.goto(`/workshops/${workshopId}/agenda`);
  await lookAt(organiserPage, "agenda");
  await organiserPage.goto("/templates");
  await lookAt(organiserPage, "templates");
  await organiserPage.setViewportSize(PROJECTOR);
  const sessionId = await organiser.startSession(workshopId, "Day 1 — morning");
  await lookAt(organiserPage, "console-ready");
  await organiserPage.setViewportSize(PROJECTOR);
  const code = (await organiserPage.getByTestId("join-code").textContent())!.trim();
  expect(code).toMatch(/^[A-Z0-9]{3}-[A-Z0-9]{3}$/);
  await organiserPage.getByRole("button", { name: /start session/i }).click();
  await expect(organiserPage.getByTestId("status")).toHaveText(/live/i);

  // Projector, opened from the console's link on the room's PC.
  const projectorUrl = await organiserPage.getByTestId("projector-link").getAttribute("href");
  const projector = await newPage(browser, PROJECTOR);
  await projector.goto(projectorUrl!);
  await expect(projector.getByTestId("current-panel")).toHaveAttribute("data-panel-index", "0");

  // Participant on a phone types the code shown on the screen.
  const phone = await newPage(browser, PHONE);
  await phone.goto("/");
  await phone.locator('input[name="code"]').fill(code.toLowerCase());
  await phone.locator('input[name="code"]').press("Enter");
  await expect(phone).toHaveURL(/\/j\/[A-Z0-9]{6}$/);
  await lookAt(phone, "join", [PHONE, PROJECTOR]);
  await phone.setViewportSize(PHONE);
  await phone.locator('input[name="displayName"]').fill("Kofi");
  await phone.locator('select[name="sector"]').selectOption("civil-society");
  // Consent is required: submitting without it shows the error next to the box.
  await phone.locator('main form button[type="submit"]').click();
  await expect(phone.locator("#consent-error")).toBeVisible();
  await phone.locator('input[name="consent"]').check();
  await phone.locator('main form button[type="submit"]').click();
  await expect(phone).toHaveURL(new RegExp(`/s/${sessionId}$`));
  await expect(phone.getByTestId("current-panel")).toHaveAttribute("data-panel-index", "0");
  await expect(organiserPage.getByTestId("presence")).toContainText(/[1-9]/);

  // The facilitator advances; both screens follow within a second.
  await organiserPage.getByRole("button", { name: /next panel/i }).click();
  await expect(phone.getByTestId("current-panel")).toHaveAttribute("data-panel-index", "1", { timeout: 1_500 });
  await expect(projector.getByTestId("current-panel")).toHaveAttribute("data-panel-index", "1", { timeout: 1_500 });
  const panel2 = await organiserPage.getByTestId("current-panel").locator("h2").textContent();
  await expect(phone.getByRole("heading", { level: 1 })).toHaveText(panel2!);
  await lookAt(phone, "participant-live", [PHONE, PROJECTOR]);
  await lookAt(projector, "projector-live", [PROJECTOR, PHONE]);
  await lookAt(organiserPage, "console-live", [PROJECTOR, PHONE]);

  // A participant who reloads (reconnects) lands on the current panel.
  await phone.setViewportSize(PHONE);
  await phone.reload();
  await expect(phone.getByTestId("current-panel")).toHaveAttribute("data-panel-index", "1");

  // Keyboard only: the start page's join form is reachable and usable with Tab/Enter.
  const keyboard = await newPage(browser, PHONE);
  await keyboard.goto("/");
  await keyboard.keyboard.press("Tab"); // skip link
  await expect(keyboard.locator(".skip-link")).toBeFocused();
  await keyboard.keyboard.press("Enter");
  for (let i = 0; i < 6 && !(await keyboard.locator('input[name="code"]').evaluate((el) => el === document.activeElement)); i++) {
    await keyboard.keyboard.press("Tab");
  }
  await expect(keyboard.locator('input[name="code"]')).toBeFocused();
  await keyboard.keyboard.type(code);
  await keyboard.keyboard.press("Enter");
  await expect(keyboard).toHaveURL(/\/j\//);

  // Language switch: French, then the layout mirrored for RTL still works.
  await phone.locator('select[name="lang"]').selectOption("fr");
  await phone.locator('form[action="/language"] button').click();
  await expect(phone.locator("html")).toHaveAttribute("lang", "fr");
  await expect(phone.getByTestId("connection")).toBeVisible();
  await lookAt(phone, "participant-fr", [PHONE]);
  await phone.evaluate(() => document.documentElement.setAttribute("dir", "rtl"));
  await lookAt(phone, "participant-rtl", [PHONE]);
});
