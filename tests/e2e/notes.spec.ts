/**
 * Notes end to end: two rapporteurs (invited through the UI) co-write a panel's notes and see each
 * other's text and carets; a participant on a phone reads them and cannot edit; a rapporteur who goes
 * offline keeps typing and the edits merge when the network returns. Screenshots + axe on each view.
 */
import { expect, test, type Browser, type Page } from "@playwright/test";
import { ORGANISER, OrganiserPages } from "./pages/organiser";
import { cancelInDialog, confirmInDialog } from "./pages/polls";
import { expectAccessible, lookAt, newPage as plainPage, PHONE, PROJECTOR, snap } from "./pages/support";

/**
 * Every CSP violation any page of this spec reports (the browser's `securitypolicyviolation` events and
 * Chromium's console lines): TipTap, ProseMirror and the collaboration carets must not need inline styles.
 */
const cspProblems: string[] = [];
/**
 * linkify's "already initialized" warnings: each editor (panel notes, one per takeaway) used to
 * re-register linkify's own http/https/mailto schemes once links had been found.
 */
const linkifyWarnings: string[] = [];

/** A page (own context) whose CSP violations are collected into {@link cspProblems}. */
async function newPage(...args: Parameters<typeof plainPage>): Promise<Page> {
  const page = await plainPage(...args);
  await page.exposeFunction("__rtCsp", (line: string) => void cspProblems.push(line));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      void (window as unknown as { __rtCsp(l: string): void }).__rtCsp(`${location.pathname}: ${e.effectiveDirective} blocked ${e.blockedURI || "inline"} ${e.sample}`);
    });
  });
  page.on("console", (msg) => {
    if (/Content.Security.Policy/i.test(msg.text())) cspProblems.push(`${page.url()}: console: ${msg.text()}`);
    if (/linkify/i.test(msg.text())) linkifyWarnings.push(`${page.url()}: ${msg.text()}`);
  });
  return page;
}

/** First-run setup if this spec runs first on the shared server, otherwise sign in. */
async function organiserSignedIn(page: Page) {
  const organiser = new OrganiserPages(page);
  const setupUrl = process.env.E2E_SETUP_URL;
  if (setupUrl) {
    await page.goto(setupUrl);
    if (await page.locator('input[name="confirm"]').count()) return void (await organiser.setup(setupUrl));
  }
  await organiser.signIn();
}

/** Creates a rapporteur invitation on the workshop page and returns its link. */
async function inviteRapporteur(page: Page, workshopId: string) {
  await page.goto(`/workshops/${workshopId}`);
  await page.locator('select[name="role"]').selectOption("rapporteur");
  await page.locator('form:has(input[name="intent"][value="invite"]) button[type="submit"]').click();
  const link = page.locator("#invite-link");
  await expect(link).toHaveValue(/\/invite\//);
  return link.inputValue();
}

/** A new browser context that accepts `inviteUrl` by creating an account; lands signed in. */
async function acceptInvite(browser: Browser, inviteUrl: string, name: string) {
  const page = await newPage(browser, PROJECTOR);
  await page.goto(inviteUrl);
  await page.locator('input[name="name"]').fill(name);
  await page.locator('input[name="email"]').fill(`${name.toLowerCase().replace(/\W+/g, ".")}.${Date.now()}@example.org`);
  await page.locator('input[name="password"]').fill(ORGANISER.password);
  await page.locator('input[name="confirm"]').fill(ORGANISER.password);
  await page.locator('input[name="intent"][value="signup"] ~ button[type="submit"], form:has(input[value="signup"]) button[type="submit"]').first().click();
  await expect(page).not.toHaveURL(/\/invite\//);
  return page;
}

const editor = (page: Page) => page.getByTestId("notes-editor").first();

test("rapporteurs co-write notes live, participants read them, offline edits merge", async ({ browser }) => {
  // Four browser contexts, three invitations and six screenshot+axe passes: well over the default 60 s
  // on a loaded 2-core machine.
  test.setTimeout(240_000);
  const orgPage = await newPage(browser, PROJECTOR);
  await organiserSignedIn(orgPage);
  const organiser = new OrganiserPages(orgPage);
  const workshopId = await organiser.createWorkshop({ title: "Notes e2e — Accra", region: "West Africa", timeZone: "Africa/Accra", startsOn: "2026-12-03", endsOn: "2026-12-03" });
  const inviteA = await inviteRapporteur(orgPage, workshopId);
  const inviteB = await inviteRapporteur(orgPage, workshopId);
  const sessionId = await organiser.startSession(workshopId, "Notes session");
  await orgPage.getByRole("button", { name: /start session/i }).click();
  await expect(orgPage.getByTestId("status")).toHaveText(/live/i);
  await expect(orgPage.getByTestId("notes-link")).toHaveAttribute("href", `/s/${sessionId}/notes`);

  const a = await acceptInvite(browser, inviteA, "Rapporteur Ama");
  const b = await acceptInvite(browser, inviteB, "Rapporteur Bola");
  for (const page of [a, b]) {
    await page.goto(`/s/${sessionId}/notes`);
    await expect(page.getByTestId("notes-status")).toHaveAttribute("data-state", "connected");
  }

  // Both type in the same panel and see each other's text.
  await editor(a).click();
  await a.keyboard.type("Norms before treaties.");
  await expect(editor(b)).toContainText("Norms before treaties.");
  await editor(b).click();
  await b.keyboard.press("End");
  await b.keyboard.press("Enter");
  await b.keyboard.type("Verification is the open question.");
  await expect(editor(a)).toContainText("Verification is the open question.");
  // …and each other's caret, labelled with the other's name.
  await expect(a.locator(".collaboration-carets__label", { hasText: "Rapporteur Bola" })).toBeVisible();
  // Ama last typed seconds ago: B has her caret, its label present but hidden (U9).
  await expect(b.locator(".collaboration-carets__label", { hasText: "Rapporteur Ama" })).toBeAttached();
  await expect(a.getByTestId("notes-presence")).toContainText("Rapporteur Bola");
  // U9: the label sits above the caret's line, never over it, and hides once Bola stops typing (3 s);
  // Bola typing again brings it back.
  const bolaLabel = a.locator(".collaboration-carets__label", { hasText: "Rapporteur Bola" });
  const bolaCaret = a.locator(".collaboration-carets__caret", { has: bolaLabel });
  const [labelBox, caretBox] = [await bolaLabel.boundingBox(), await bolaCaret.boundingBox()];
  expect(labelBox!.y + labelBox!.height).toBeLessThanOrEqual(caretBox!.y + 1);
  await expect(bolaLabel).toBeHidden({ timeout: 6_000 });
  await expect(bolaCaret).toBeVisible(); // the coloured bar stays
  for (const size of [PHONE, PROJECTOR]) {
    await a.setViewportSize(size);
    await b.keyboard.type(" ");
    await expect(bolaLabel).toBeVisible();
    // Bola's caret ends a line: the label stays inside the editor, the page does not scroll sideways.
    const [label, box] = [await bolaLabel.boundingBox(), await editor(a).boundingBox()];
    expect(label!.x + label!.width).toBeLessThanOrEqual(box!.x + box!.width + 1);
    expect(await a.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    // Screenshot + axe (label contrast) while the label shows; axe may outlast the 3 s, so only the
    // screenshot is asserted to have it.
    await snap(a, "notes-caret-label");
    await b.keyboard.press("Backspace");
    await expectAccessible(a);
  }
  await a.setViewportSize(PROJECTOR);

  // Toolbar buttons are real toggles.
  await b.keyboard.press("Shift+Home");
  await b.getByRole("button", { name: "Bold" }).click();
  await expect(b.getByRole("button", { name: "Bold" })).toHaveAttribute("aria-pressed", "true");
  // toContainText: B's caret label (a widget inside the bold run) is part of the element's text.
  await expect(editor(a).locator("strong")).toContainText("Verification is the open question.");

  // Links go through an accessible dialog (no window.prompt): a refused scheme shows a translated error
  // next to the field and keeps focus there; a web address is applied and focus returns to the editor.
  let nativeDialogs = 0;
  b.on("dialog", (d) => {
    nativeDialogs++;
    void d.dismiss();
  });
  await b.keyboard.press("Shift+Home");
  await b.getByRole("button", { name: "Link", exact: true }).click();
  const linkBox = b.getByRole("dialog", { name: "Link" });
  const linkField = linkBox.getByRole("textbox", { name: "Link address" });
  await expect(linkField).toBeFocused();
  await linkField.fill("javascript:alert(1)");
  await linkBox.getByRole("button", { name: "Apply" }).click();
  await expect(linkField).toHaveAttribute("aria-invalid", "true");
  await expect(linkField).toHaveAccessibleDescription(/Only web \(http, https\) and e-mail links are allowed/);
  await expect(linkField).toBeFocused();
  await expectAccessible(b);
  await linkField.fill("example.org/treaty");
  await linkField.press("Enter");
  await expect(linkBox).toHaveCount(0);
  await expect(editor(a).locator('a[href="https://example.org/treaty"]')).toContainText("Verification");
  await expect(editor(b)).toBeFocused();
  // Escape cancels and also gives focus back to the editor; nothing changes.
  await b.getByRole("button", { name: "Link", exact: true }).click();
  await expect(linkField).toHaveValue("https://example.org/treaty");
  await b.keyboard.press("Escape");
  await expect(linkBox).toHaveCount(0);
  await expect(editor(b)).toBeFocused();
  await expect(editor(a).locator('a[href="https://example.org/treaty"]')).toHaveCount(1);
  // Typing goes on in the editor after Escape (keys went nowhere: the page's selection was left outside
  // it), and text typed right after the link is not part of it (TipTap's Link is inclusive with autolink on).
  await b.keyboard.press("End");
  await b.keyboard.type(" Next steps follow.");
  await expect(editor(a)).toContainText("Next steps follow.");
  await expect(editor(a).locator('a[href="https://example.org/treaty"]')).not.toContainText("Next steps");

  // A takeaway, added by A, reaches B.
  await a.getByTestId("add-takeaway").click();
  // The new one-line editor takes focus itself (keyboard users land in it).
  await expect(a.getByTestId("takeaway-editor").first()).toBeFocused();
  await a.keyboard.type("Moratorium on destructive ASAT tests");
  await expect(b.getByTestId("takeaway-editor").first()).toHaveText("Moratorium on destructive ASAT tests");
  // Removing a takeaway with text asks in an accessible dialog: Cancel keeps it (focus back on Remove),
  // Delete removes it (focus on "Add a takeaway").
  const removeFirst = b.getByRole("button", { name: "Remove takeaway 1" });
  await removeFirst.click();
  const removeBox = b.getByRole("dialog", { name: "Remove takeaway 1" });
  await expect(removeBox).toContainText("Remove this takeaway?");
  await cancelInDialog(b, removeFirst);
  await expect(a.getByTestId("takeaway-editor")).toHaveCount(1);
  await b.getByTestId("add-takeaway").click();
  // Type only once the new editor has the focus: a space typed while "Add a takeaway" still has it
  // would press that button again (a third takeaway).
  await expect(b.getByTestId("takeaway-editor").nth(1)).toBeFocused();
  await b.keyboard.type("Temporary point");
  await expect(a.getByTestId("takeaway-editor")).toHaveCount(2);
  await b.getByRole("button", { name: "Remove takeaway 2" }).click();
  await confirmInDialog(b, "Delete");
  await expect(a.getByTestId("takeaway-editor")).toHaveCount(1);
  await expect(b.getByTestId("add-takeaway")).toBeFocused();
  expect(nativeDialogs).toBe(0);
  await lookAt(a, "notes-rapporteur", [PROJECTOR, PHONE]);
  await a.setViewportSize(PROJECTOR);

  // The panel shown follows the facilitator's current panel, unless the rapporteur pins another.
  const shown = (page: Page) => page.getByTestId("notes-panel-select");
  const follow = (page: Page) => page.getByTestId("notes-follow");
  await expect(shown(a)).toHaveValue("0");
  await orgPage.getByRole("button", { name: /next panel/i }).click();
  await expect(shown(a)).toHaveValue("1");
  await expect(shown(b)).toHaveValue("1");
  await shown(b).selectOption("2"); // B pins panel 3
  await expect(follow(b)).toHaveAttribute("aria-pressed", "false");
  await orgPage.getByRole("button", { name: /previous panel/i }).click();
  await expect(shown(a)).toHaveValue("0");
  await expect(editor(a)).toContainText("Norms before treaties.");
  await expect(shown(b)).toHaveValue("2"); // pinned: stays
  await expect(editor(b)).not.toContainText("Norms before treaties.");
  await follow(b).click(); // follow again: back to the facilitator's panel
  await expect(follow(b)).toHaveAttribute("aria-pressed", "true");
  await expect(shown(b)).toHaveValue("0");
  await expect(editor(b)).toContainText("Norms before treaties.");

  // A participant joins on a phone and reads the notes below the panel, read-only.
  const code = (await orgPage.getByTestId("join-code").textContent())!.trim();
  const phone = await newPage(browser, PHONE);
  await phone.goto(`/j/${code.replace("-", "")}`);
  await phone.locator('input[name="consent"]').check();
  await phone.locator('main form button[type="submit"]').click();
  await expect(phone).toHaveURL(new RegExp(`/s/${sessionId}$`));
  const readOnly = phone.getByTestId("participant-notes").getByTestId("notes-editor");
  await expect(readOnly).toContainText("Norms before treaties.");
  await expect(readOnly).toHaveAttribute("contenteditable", "false");
  await readOnly.click();
  await phone.keyboard.type("participant scribble");
  await expect(readOnly).not.toContainText("participant scribble");
  await expect(phone.getByRole("toolbar")).toHaveCount(0);
  // A reader is never told "Notes saved and shared": nothing of theirs is saved.
  const phoneStatus = phone.getByTestId("participant-notes").getByTestId("notes-status");
  await expect(phoneStatus).toHaveAttribute("data-state", "live");
  await expect(phoneStatus).not.toContainText(/saved/i);
  await lookAt(phone, "notes-participant", [PHONE, PROJECTOR]);
  await phone.setViewportSize(PHONE);

  // B goes offline and keeps typing; A types meanwhile; back online, both see both edits.
  await b.context().setOffline(true);
  await expect(b.getByTestId("notes-status")).toHaveAttribute("data-state", /offline|connecting/, { timeout: 15_000 });
  await editor(b).click();
  await b.keyboard.press("Control+End");
  await b.keyboard.press("Enter");
  await b.keyboard.type("Typed while offline.");
  await editor(a).click();
  await a.keyboard.press("Control+End");
  await a.keyboard.press("Enter");
  await a.keyboard.type("Typed while B was away.");
  await expect(editor(a)).not.toContainText("Typed while offline.");
  await b.context().setOffline(false);
  for (const page of [a, b, phone]) {
    const e = page === phone ? readOnly : editor(page);
    await expect(e).toContainText("Typed while offline.", { timeout: 15_000 });
    await expect(e).toContainText("Typed while B was away.");
  }
  await lookAt(b, "notes-after-offline", [PROJECTOR, PHONE]);
  await b.setViewportSize(PROJECTOR);

  // The facilitator ends the session: the notes are frozen. A (page open) turns read-only at once; B
  // reloads and gets a read-only editor, a notice pointing to the summary draft and no "offline" claim.
  await orgPage.getByRole("button", { name: /end session/i }).click();
  await confirmInDialog(orgPage, "End session");
  await expect(orgPage.getByTestId("status")).toHaveText(/ended/i);
  await expect(a.getByTestId("notes-frozen")).toBeVisible();
  await expect(editor(a)).toHaveAttribute("contenteditable", "false");
  await b.reload();
  const frozen = b.getByTestId("notes-frozen");
  await expect(frozen).toContainText("Notes are frozen: the session has ended; edit the summary draft instead");
  await expect(frozen.getByRole("link", { name: "Open the summary draft" })).toHaveAttribute("href", `/s/${sessionId}/summary`);
  await expect(editor(b)).toContainText("Typed while offline.");
  await expect(editor(b)).toHaveAttribute("contenteditable", "false");
  await expect(b.getByRole("toolbar", { name: "Formatting" })).toHaveCount(0);
  await expect(b.getByTestId("add-takeaway")).toHaveCount(0);
  await expect(b.getByTestId("notes-status")).toHaveAttribute("data-state", "live");
  await editor(b).click();
  await b.keyboard.press("Control+End");
  await b.keyboard.type("after the end");
  await expect(editor(b)).not.toContainText("after the end");
  await expect(b.getByTestId("notes-status")).not.toContainText(/offline|saved/i);
  await lookAt(b, "notes-frozen", [PROJECTOR, PHONE]);
  expect(cspProblems).toEqual([]);
  expect(linkifyWarnings).toEqual([]);
});
