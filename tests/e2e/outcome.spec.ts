/**
 * Session outcome end to end: an organiser invites a rapporteur, runs a short session of the seeded
 * template with one participant (whose name the rapporteur then writes into the notes), ends it;
 * the rapporteur resolves the non-attribution findings in the draft editor, publishes a public
 * version and downloads the DOCX; a reader opens the public outcome page without an account.
 * Draft, versions and outcome pages are screenshotted at phone and desktop sizes and checked with axe.
 */
import { expect, test, type Page } from "@playwright/test";
import { OrganiserPages } from "./pages/organiser";
import { Phone } from "./pages/polls";
import { lookAt, newPage, PROJECTOR } from "./pages/support";

const PLANTED = "Zebedee Quillfeather";

/** First-run setup if this server has not had it yet (this spec may run alone), else sign in. */
async function signedInOrganiser(page: Page) {
  const organiser = new OrganiserPages(page);
  const setupUrl = process.env.E2E_SETUP_URL;
  if (setupUrl) {
    await page.goto(setupUrl);
    if ((await page.locator('input[name="confirm"]').count()) > 0) {
      await organiser.setup(setupUrl);
      return organiser;
    }
  }
  await organiser.signIn();
  return organiser;
}

test("end a session, resolve findings, publish, download the DOCX and read the public outcome", async ({ browser }) => {
  test.setTimeout(300_000); // several browsers, a DOCX render and six axe runs on a shared 2-core machine

  const consolePage = await newPage(browser, PROJECTOR);
  const organiser = await signedInOrganiser(consolePage);
  const workshopId = await organiser.createWorkshop({ title: "Outcome rehearsal", region: "West Africa", timeZone: "Africa/Dakar", startsOn: "2026-11-03", endsOn: "2026-11-03" });

  // Invite a rapporteur; they create their account from the link in their own browser.
  await consolePage.goto(`/workshops/${workshopId}`);
  await consolePage.locator('select[name="role"]').selectOption("rapporteur");
  await consolePage.getByRole("button", { name: /create.*link|invite/i }).click();
  const inviteUrl = await consolePage.locator("#invite-link").inputValue();
  const rapporteur = await newPage(browser, PROJECTOR);
  await rapporteur.goto(new URL(inviteUrl).pathname);
  await rapporteur.locator('input[name="name"]').fill("Rita Rapporteur");
  await rapporteur.locator('input[name="email"]').fill(`rita-${Date.now()}@example.org`);
  await rapporteur.locator('input[name="password"]').fill("correct horse battery staple");
  await rapporteur.locator('input[name="confirm"]').fill("correct horse battery staple");
  await rapporteur.locator('main form button[type="submit"]').first().click();
  await expect(rapporteur).not.toHaveURL(/\/invite\//);

  // A live session with one participant.
  const sessionId = await organiser.startSession(workshopId, "Dakar day 1");
  const code = (await consolePage.getByTestId("join-code").textContent())!.trim();
  await consolePage.getByRole("button", { name: /start session/i }).click();
  await expect(consolePage.getByTestId("status")).toHaveText(/live/i);
  const phone = await Phone.join(browser, code, PLANTED, "government", sessionId);

  // The rapporteur writes notes naming the participant, and a takeaway.
  await rapporteur.goto(`/s/${sessionId}/notes`);
  const editor = rapporteur.getByTestId("notes-editor").first();
  await editor.click();
  await rapporteur.keyboard.type(`${PLANTED} argued that transparency comes first.`);
  await rapporteur.getByRole("button", { name: "Add a takeaway" }).click();
  // The new one-line editor mounts asynchronously: type only once it has the focus.
  const takeaway = rapporteur.getByTestId("takeaways").getByRole("textbox").first();
  await takeaway.click();
  await expect(takeaway).toBeFocused();
  await rapporteur.keyboard.type("Transparency measures are a realistic first step.");
  // The participant's phone shows it: the server accepted (and so stored) the rapporteur's updates.
  await expect(phone.page.getByTestId("participant-notes")).toContainText("realistic first step");

  // The facilitator ends the session (confirm dialog accepted).
  consolePage.once("dialog", (d) => void d.accept());
  await consolePage.getByRole("button", { name: /end session/i }).click();
  await expect(consolePage.getByTestId("status")).toHaveText(/ended/i);

  // The draft was built at the end; the planted name is a finding and publishing is blocked.
  await expect(async () => {
    await rapporteur.goto(`/s/${sessionId}/summary`);
    await expect(rapporteur.getByTestId("draft-panel").first()).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  await expect(rapporteur.getByTestId("draft-notes").first()).toContainText(PLANTED);
  const finding = rapporteur.getByTestId("finding").filter({ hasText: PLANTED });
  await expect(finding).toHaveCount(1);
  await expect(rapporteur.getByRole("button", { name: "Publish" })).toBeDisabled();
  await lookAt(rapporteur, "outcome-draft");
  await rapporteur.setViewportSize(PROJECTOR);

  // Apply the suggestion for the name; dismiss anything else with a reason; save (re-check).
  await finding.getByRole("button", { name: "Apply suggestion" }).click();
  await expect(rapporteur.getByTestId("draft-notes").first()).not.toContainText(PLANTED);
  for (const other of await rapporteur.locator('[data-testid="finding"][data-state="open"]').all()) {
    await other.getByLabel(/reason/i).fill("Generic wording, nobody is identified");
    await other.getByRole("button", { name: "Dismiss" }).click();
  }
  await rapporteur.getByRole("button", { name: "Save draft" }).click();
  await expect(rapporteur.getByText("Draft saved and checked.")).toBeVisible();
  await expect(rapporteur.getByTestId("draft-notes").first()).not.toContainText(PLANTED);

  // Publish publicly.
  await rapporteur.getByLabel("Public", { exact: true }).check();
  await rapporteur.getByRole("button", { name: "Publish" }).click();
  await expect(rapporteur).toHaveURL(new RegExp(`/s/${sessionId}/summary/versions\\?published=1$`));
  await expect(rapporteur.getByTestId("version")).toHaveCount(1);
  await lookAt(rapporteur, "outcome-versions");
  await rapporteur.setViewportSize(PROJECTOR);

  // Download the DOCX.
  const downloadPromise = rapporteur.waitForEvent("download");
  await rapporteur.locator('a[data-format="docx"]').first().click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toMatch(/^outcome-rehearsal-dakar-day-1-v1\.docx$/);
  const bytes = await (await download.createReadStream()).toArray();
  expect(Buffer.concat(bytes).subarray(0, 2).toString()).toBe("PK");

  // A reader without an account opens the public outcome page.
  const publicHref = await rapporteur.getByRole("link", { name: /\/outcomes\// }).getAttribute("href");
  const reader = await newPage(browser, PROJECTOR);
  await reader.goto(publicHref!);
  await expect(reader.getByRole("heading", { level: 1 })).toHaveText("Dakar day 1");
  await expect(reader.locator("main")).not.toContainText(PLANTED);
  await expect(reader.locator("main")).toContainText("Transparency measures are a realistic first step.");
  await lookAt(reader, "outcome-public");
});
