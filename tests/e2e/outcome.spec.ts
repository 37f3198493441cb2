/**
 * Session outcome end to end: an organiser invites a rapporteur and runs a short session of the seeded
 * template; three participants join on phones and answer the first poll, the rapporteur writes notes
 * (one naming a participant) and a takeaway, and the named participant answers the open poll with their
 * own name; the facilitator ends the session and follows the console's outcome links; the rapporteur
 * resolves the non-attribution findings (the answer by withholding it), publishes a public version and
 * downloads the DOCX (unzipped: the notes and results are in it, the name is not); the workshop page
 * lists the outcome and links to the replay, which is scrubbed to the middle and to both ends; a reader
 * opens the public outcome page without an account. Pages are screenshotted at phone and projector
 * sizes (test-results/screenshots) and checked with axe.
 */
import { expect, test, type Page } from "@playwright/test";
import { OrganiserPages } from "./pages/organiser";
import { cancelInDialog, confirmInDialog, ConsolePoll, Phone } from "./pages/polls";
import { lookAt, newPage, PROJECTOR } from "./pages/support";
import { readZip } from "../fixtures/summary/zip-lite";

const PLANTED = "Zebedee Quillfeather";
const QUESTION = "Which outcome of the OEWG would serve your region best?";
const ANSWERS = ["Shared definitions of key terms and of threats", "Transparency and confidence-building measures only", "Shared definitions of key terms and of threats"];
const OPEN_QUESTION = "Which space security term most needs a common definition? (a few words)";

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

  // A live session; three participants answer the first poll on their phones.
  const sessionId = await organiser.startSession(workshopId, "Dakar day 1");
  const code = (await consolePage.getByTestId("join-code").textContent())!.trim();
  await consolePage.getByRole("button", { name: /start session/i }).click();
  await expect(consolePage.getByTestId("status")).toHaveText(/live/i);
  const phones = [
    await Phone.join(browser, code, PLANTED, "government", sessionId),
    await Phone.join(browser, code, "Amina", "civil-society", sessionId),
    await Phone.join(browser, code, "", "academia", sessionId),
  ];
  const phone = phones[0];
  const poll = new ConsolePoll(consolePage, QUESTION);
  await poll.command("Open");
  await poll.expectStatus(/^open$/i);
  for (const [i, p] of phones.entries()) {
    const card = p.poll(QUESTION);
    await card.getByRole("radio", { name: ANSWERS[i] }).check();
    await expect(card.getByTestId("receipt")).toHaveText("Recorded ✓");
  }
  await poll.command("Close");
  await poll.expectStatus(/^closed$/i);
  // The open poll: the named participant answers with their own name (a trial found it reached every export).
  const openPoll = new ConsolePoll(consolePage, OPEN_QUESTION);
  await openPoll.command("Open");
  await openPoll.expectStatus(/^open$/i);
  for (const [i, text] of [PLANTED, "peaceful purposes"].entries()) {
    const card = phones[i].poll(OPEN_QUESTION);
    await card.getByRole("textbox").fill(text);
    await card.getByRole("button", { name: "Send my answer" }).click();
    await expect(card.getByTestId("receipt")).toHaveText("Recorded ✓");
  }
  await openPoll.command("Close");
  await openPoll.expectStatus(/^closed$/i);
  // Nothing was written in the notes before this moment (the replay checks it below).
  const beforeNotes = Date.now();

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

  // The facilitator ends the session (confirm dialog accepted); the console then links to the outcome.
  await consolePage.getByRole("button", { name: /end session/i }).click();
  await confirmInDialog(consolePage, "End session");
  await expect(consolePage.getByTestId("status")).toHaveText(/ended/i);
  // The phones say so in the past tense.
  await expect(phone.page.getByTestId("session-status")).toHaveAttribute("data-status", "ended");
  await expect(phone.page.locator("main")).toContainText(`You took part as ${PLANTED}.`);
  await expect(phones[2].page.locator("main")).toContainText("You took part anonymously.");
  const outcomeLinks = consolePage.getByTestId("outcome-links");
  await expect(outcomeLinks.getByRole("link", { name: "Summary draft of Dakar day 1" })).toHaveAttribute("href", `/s/${sessionId}/summary`);
  await expect(outcomeLinks.getByRole("link", { name: "Published versions of Dakar day 1" })).toHaveAttribute("href", `/s/${sessionId}/summary/versions`);
  await expect(outcomeLinks.getByRole("link", { name: "Replay Dakar day 1" })).toHaveAttribute("href", `/s/${sessionId}/replay`);
  await lookAt(consolePage, "console-ended");
  await consolePage.setViewportSize(PROJECTOR);
  await outcomeLinks.getByRole("link", { name: "Summary draft of Dakar day 1" }).click();
  await expect(consolePage).toHaveURL(new RegExp(`/s/${sessionId}/summary$`));

  // The draft was built at the end; the planted name is a finding and publishing is blocked.
  await expect(async () => {
    await rapporteur.goto(`/s/${sessionId}/summary`);
    await expect(rapporteur.getByTestId("draft-panel").first()).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  await expect(rapporteur.getByTestId("draft-notes").first()).toContainText(PLANTED);
  // Rebuilding replaces the draft: asked in an accessible dialog (no window.confirm). Cancel keeps the
  // page as it is with focus back on the button; confirming rebuilds.
  let nativeDialogs = 0;
  rapporteur.on("dialog", (d) => {
    nativeDialogs++;
    void d.dismiss();
  });
  const rebuild = rapporteur.getByRole("button", { name: "Rebuild draft from the session" });
  await rebuild.click();
  const rebuildBox = rapporteur.getByRole("dialog", { name: "Rebuild draft from the session" });
  await expect(rebuildBox).toContainText("Replace the draft, and the edits saved in it");
  await cancelInDialog(rapporteur, rebuild);
  await rebuild.click();
  await confirmInDialog(rapporteur, "Replace the draft");
  await expect(rebuild).toBeEnabled();
  await expect(rapporteur.getByTestId("draft-notes").first()).toContainText(PLANTED);
  expect(nativeDialogs).toBe(0);
  // Two findings name the participant: in the notes (editable) and as an open answer (only withheld or dismissed).
  const finding = rapporteur.getByTestId("finding").filter({ hasText: PLANTED });
  await expect(finding).toHaveCount(2);
  const withhold = rapporteur.getByRole("button", { name: "Withhold this answer from the summary" });
  const answerFinding = finding.filter({ has: withhold });
  await expect(answerFinding).toHaveCount(1);
  await expect(answerFinding).toContainText(`Answer to “${OPEN_QUESTION}”`);
  await expect(rapporteur.getByRole("button", { name: "Publish" })).toBeDisabled();
  await lookAt(rapporteur, "outcome-draft");
  await rapporteur.setViewportSize(PROJECTOR);

  // Withhold the answer: the finding goes, the draft's poll says so and the word cloud loses the name.
  await answerFinding.getByRole("button", { name: "Withhold this answer from the summary" }).click();
  await expect(finding).toHaveCount(1);
  const draftOpenPoll = rapporteur.getByTestId("draft-poll").filter({ hasText: OPEN_QUESTION });
  await expect(draftOpenPoll.getByTestId("answers-withheld")).toHaveText("1 answer withheld");
  await expect(draftOpenPoll.locator(".summary-poll")).not.toContainText(/quillfeather/i);
  await expect(draftOpenPoll.getByTestId("withheld-answers").getByRole("button")).toHaveCount(1);
  // Restoring it brings its finding back; then withhold it again.
  await draftOpenPoll.getByTestId("withheld-answers").getByRole("button").click();
  await expect(finding).toHaveCount(2);
  await expect(draftOpenPoll.getByTestId("withheld-answers")).toHaveCount(0);
  await answerFinding.getByRole("button", { name: "Withhold this answer from the summary" }).click();
  await expect(finding).toHaveCount(1);
  await lookAt(rapporteur, "outcome-draft-withheld");
  await rapporteur.setViewportSize(PROJECTOR);

  // Apply the suggestion for the name; dismiss anything else with a reason; save (re-check).
  await finding.getByRole("button", { name: "Apply suggestion" }).click();
  await expect(rapporteur.getByTestId("draft-notes").first()).not.toContainText(PLANTED);
  // The check re-runs on the new text at once: the applied finding is gone, the others stay open and anchored.
  await expect(finding).toHaveCount(0);
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
  const bytes = Buffer.concat(await (await download.createReadStream()).toArray());
  expect(bytes.subarray(0, 2).toString()).toBe("PK");
  // Word opens it as XML: the takeaway, the poll and its result are there; the participant's name is not.
  const docx = readZip(bytes);
  const xml = docx.get("word/document.xml")!.toString("utf8");
  expect(xml).toContain("Transparency measures are a realistic first step.");
  expect(xml).toContain(QUESTION);
  expect(xml).toContain("Shared definitions of key terms and of threats");
  expect(xml).toContain("1 answer withheld");
  expect(xml).toContain("peaceful purposes");
  for (const part of docx.values()) expect(part.toString("utf8")).not.toContain("Zebedee");

  // The workshop page lists the session's outcome, and its sessions list links to the replay.
  await consolePage.goto(`/workshops/${workshopId}`);
  const outcomes = consolePage.locator(".session-outcomes");
  await expect(outcomes).toContainText("Dakar day 1");
  await expect(outcomes).toContainText("Version 1");
  await expect(outcomes).toContainText("Public");
  await expect(consolePage.getByRole("banner").getByRole("link", { name: "Archive" })).toHaveAttribute("href", "/archive");
  await lookAt(consolePage, "workshop-outcomes");
  await consolePage.setViewportSize(PROJECTOR);
  await consolePage.getByRole("link", { name: "Replay Dakar day 1" }).click();
  await expect(consolePage).toHaveURL(new RegExp(`/s/${sessionId}/replay$`));

  // Replay: the start shows no notes; the middle shows exactly what the server says was there then
  // (and no note typed later); the end shows the takeaway and the closed poll with its result.
  const scrubber = consolePage.getByLabel("Time in the session");
  const notes = consolePage.getByTestId("replay-notes");
  await expect(notes).toBeVisible();
  await consolePage.waitForLoadState("networkidle");
  await expect(notes).not.toContainText("transparency comes first");
  // The scrubber counts whole seconds from the start; the clock's <time> says which instant is shown.
  const seconds = Number(await scrubber.getAttribute("max"));
  await scrubber.fill(String(Math.round(seconds / 2)));
  await expect(scrubber).toHaveAttribute("aria-valuetext", /after the start/);
  const mid = Date.parse((await consolePage.getByTestId("replay-clock").locator("time").getAttribute("datetime"))!);
  const truth = await consolePage.evaluate(async (url) => (await fetch(url)).json(), `/s/${sessionId}/replay.json?t=${mid}`);
  await expect(consolePage.getByTestId("replay-panel-title")).toHaveText(truth.state.panel.title);
  await expect.poll(async () => (await notes.innerText()).includes("transparency comes first")).toBe(truth.notes?.text.includes("transparency comes first") ?? false);
  if (mid < beforeNotes) await expect(notes).not.toContainText("transparency comes first");
  await lookAt(consolePage, "replay-middle");
  await consolePage.setViewportSize(PROJECTOR);
  await scrubber.focus();
  await consolePage.keyboard.press("End");
  await expect(consolePage.getByTestId("replay-status")).toHaveText("Ended");
  await expect(notes).toContainText("Transparency measures are a realistic first step.");
  const replayPoll = consolePage.getByTestId("replay-poll").filter({ hasText: QUESTION });
  await expect(replayPoll).toContainText("Closed");
  await expect(replayPoll.locator(".replay-bar").filter({ hasText: "Shared definitions" })).toContainText("2");
  // No authorship (Chatham House Rule): who typed the notes and who was in the room are nowhere. The notes
  // read as they were typed live (staff-only page): the name the rapporteur typed is in the notes text only.
  await expect(consolePage.locator("main")).not.toContainText("Rita Rapporteur");
  await expect(consolePage.locator("main")).not.toContainText("Amina");
  await expect(consolePage.locator("main").getByText(PLANTED)).toHaveCount(1);
  await expect(notes.getByText(PLANTED)).toHaveCount(1);
  // Replay is staff-only and shows the open answers as the room gave them (decisions 004, 005): withholding is a publication edit.
  await expect(consolePage.getByTestId("replay-poll").filter({ hasText: OPEN_QUESTION })).toContainText(/quillfeather/i);

  // A reader without an account opens the public outcome page.
  const publicHref = await rapporteur.getByRole("link", { name: /\/outcomes\// }).getAttribute("href");
  const reader = await newPage(browser, PROJECTOR);
  await reader.goto(publicHref!);
  await expect(reader.getByRole("heading", { level: 1 })).toHaveText("Dakar day 1");
  await expect(reader.locator("main")).not.toContainText(PLANTED);
  await expect(reader.locator("main")).not.toContainText(/quillfeather/i);
  await expect(reader.locator("main")).toContainText("1 answer withheld");
  await expect(reader.locator("main")).toContainText("Transparency measures are a realistic first step.");
  await lookAt(reader, "outcome-public");
});
