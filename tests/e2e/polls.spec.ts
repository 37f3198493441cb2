/**
 * Live polls and Q&A end to end: a facilitator opens the seeded scale poll, three participants
 * answer on phones (one changes their answer), the projector shows the exact distribution;
 * `on-close` and `hidden` visibility withhold results as promised; a re-ask shows the shift;
 * Q&A questions are asked, moderated, upvoted once and projected. Every view is screenshotted at
 * phone and projector sizes and checked with axe.
 */
import { expect, test, type Browser, type Page } from "@playwright/test";
import { OrganiserPages } from "./pages/organiser";
import { addListPoll, addScalePoll, confirmInDialog, ConsolePoll, distribution, midWordBreaks, Phone } from "./pages/polls";
import { lookAt, newPage, PHONE, PROJECTOR } from "./pages/support";

/** The seeded scale poll of panel 2 (1 = legally binding … 7 = non-binding). */
const QUESTION = "Where should international efforts on space security concentrate?";

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

/**
 * Signs in, creates a workshop from the seeded template, starts a live session; returns the console page
 * and ids. `beforeStart(consolePage)` runs while the session is created but not started yet.
 */
async function liveSession(browser: Browser, title: string, beforeStart?: (consolePage: Page) => Promise<void>) {
  const consolePage = await newPage(browser, PROJECTOR);
  const organiser = await signedInOrganiser(consolePage);
  const workshopId = await organiser.createWorkshop({
    title: `Space security norms — ${title}`,
    region: "East Africa",
    timeZone: "Africa/Nairobi",
    startsOn: "2026-12-01",
    endsOn: "2026-12-02",
  });
  expect(workshopId, "the workshop form was accepted").not.toBe("new");
  const sessionId = await organiser.startSession(workshopId, title);
  const code = (await consolePage.getByTestId("join-code").textContent())!.trim();
  await beforeStart?.(consolePage);
  await consolePage.getByRole("button", { name: /start session/i }).click();
  await expect(consolePage.getByTestId("status")).toHaveText(/live/i);
  return { consolePage, sessionId, code };
}

test("scale poll, visibility modes, re-ask shift and Q&A across console, phones and projector", async ({ browser }) => {
  test.setTimeout(300_000); // three phones, a projector and ~20 axe runs on a shared 2-core machine

  // The projector is put up before the start: title, "Starting soon" and the join QR code; it goes live
  // by itself when the facilitator starts the session (no reload).
  const projector = await newPage(browser, PROJECTOR);
  const { consolePage, sessionId, code } = await liveSession(browser, "Polls rehearsal", async (console) => {
    await projector.goto((await console.getByTestId("projector-link").getAttribute("href"))!);
    await expect(projector.getByTestId("projector")).toHaveAttribute("data-status", "ready");
    await expect(projector.getByTestId("current-panel")).toHaveText("Polls rehearsal");
    await expect(projector.getByText("Starting soon", { exact: true })).toBeVisible();
    await expect(projector.getByRole("img", { name: /\/j\// })).toBeVisible();
  });
  await expect(projector.getByTestId("projector")).toHaveAttribute("data-status", "live");
  await expect(projector.getByText("Starting soon", { exact: true })).toHaveCount(0);
  // A projector cannot scroll: panel 1's framing and five prompts (1,358 px tall at 1920×1080)
  // are shrunk to end on the screen.
  await expect.poll(() => projector.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(PROJECTOR.height);
  await expect(projector.getByTestId("projector-main")).toHaveCSS("zoom", /^0\.\d+$/);

  // The facilitator moves to panel 2 and opens its scale poll (live results).
  await consolePage.getByRole("button", { name: /next panel/i }).click();
  const poll = new ConsolePoll(consolePage, QUESTION);
  await poll.expectStatus(/not opened/i);
  await poll.command("Open");
  // The state button keeps focus across open → close (one button whose text follows the state).
  await expect(poll.button("Close")).toBeFocused();
  await poll.expectStatus(/^open$/i);

  const phones = [
    await Phone.join(browser, code, "Awa", "government", sessionId),
    await Phone.join(browser, code, "Ben", "industry", sessionId),
    await Phone.join(browser, code, "Chloé", "academia", sessionId),
  ];
  const [a, b, c] = phones;
  await expect(a.poll(QUESTION)).toBeVisible();
  await lookAt(a.page, "poll-phone-unanswered", [PHONE, PROJECTOR]);

  await a.score(QUESTION, 2);
  await b.score(QUESTION, 5);
  await c.score(QUESTION, 5);
  // Chloé changes her mind while the poll is open: her answer is replaced, not added.
  await c.score(QUESTION, 6);

  await poll.command("Show on projector");
  const stage = projector.getByTestId("projector-poll");
  await expect(stage).toBeVisible();
  await expect(stage).toContainText(QUESTION);
  await expect(stage.getByTestId("poll-results")).toHaveAttribute("data-n", "3");
  await expect.poll(() => distribution(stage)).toEqual({ "1": 0, "2": 1, "3": 0, "4": 0, "5": 1, "6": 1, "7": 0 });
  await expect(stage.getByTestId("results-counts")).toContainText("3 responses");
  // Labels are readable from the back of the room.
  const labelPx = await stage.locator(".col-label").first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  expect(labelPx).toBeGreaterThanOrEqual(28);
  await lookAt(projector, "poll-projector-live", [PROJECTOR, PHONE]);

  // Live results on the phone, with the participant's own answer marked.
  await expect(c.poll(QUESTION).locator(".column.mine")).toHaveAttribute("data-score", "6");
  // Screen readers hear a short status on a panel change, not the whole panel or every tally (A2).
  await expect(c.page.getByTestId("panel-announcement")).toHaveText(/^Panel 2 of \d+: \S/);
  await expect(c.page.locator('[aria-live="polite"]:has([data-testid="poll-results"]), [aria-live="polite"]:has([data-testid="current-panel"] h2)')).toHaveCount(0);
  await lookAt(c.page, "poll-phone-results", [PHONE, PROJECTOR]);
  await lookAt(consolePage, "poll-console-live", [PROJECTOR, PHONE]);
  await consolePage.setViewportSize(PROJECTOR);

  // on-close: no results on phones or projector while open (the projector keeps the question,
  // the count and says when results come); everything once closed.
  await poll.setVisibility("on-close");
  await expect(a.poll(QUESTION).getByTestId("results-withheld")).toBeVisible();
  await expect(a.poll(QUESTION).getByTestId("poll-results")).toHaveCount(0);
  await expect(stage.getByTestId("projector-wait")).toHaveText("Results appear when the poll closes.");
  await expect(stage.getByTestId("results-counts")).toContainText("3 responses");
  await expect(stage.getByTestId("poll-results")).toHaveCount(0);
  await lookAt(projector, "poll-projector-withheld", [PROJECTOR, PHONE]);
  await poll.command("Close");
  await poll.expectStatus(/closed/i);
  await expect(a.poll(QUESTION).getByTestId("poll-results")).toBeVisible();
  await expect.poll(() => distribution(projector.getByTestId("projector-poll"))).toMatchObject({ "2": 1, "5": 1, "6": 1 });

  // Once closed, the phone keeps showing the answer but it can no longer be changed.
  await expect(a.poll(QUESTION).getByRole("radio", { name: "4" })).toBeDisabled();

  // hidden: results leave the room's screens even after closing (staff still see them).
  await poll.setVisibility("hidden");
  await expect(a.poll(QUESTION).getByTestId("poll-results")).toHaveCount(0);
  await expect(stage.getByTestId("projector-wait")).toHaveText("Results are not shown in the room.");
  await expect(stage.getByTestId("poll-results")).toHaveCount(0);
  await expect(poll.card.getByTestId("poll-results")).toBeVisible();
  await lookAt(a.page, "poll-phone-hidden", [PHONE]);

  // Re-ask: a new run; the projector compares it with the first.
  await poll.setVisibility("live");
  await poll.command("Re-ask");
  await confirmInDialog(consolePage, "Re-ask");
  await poll.expectStatus(/not opened/i);
  // "Re-ask" went away with the new run: focus is on the poll's Open button, not lost to <body>.
  await expect(poll.button("Open")).toBeFocused();
  await poll.command("Open");
  await a.score(QUESTION, 6);
  // Keyboard only: the scale is a radio group; arrow keys move through it without voting (A1),
  // Enter answers with the point selected.
  const bCard = b.poll(QUESTION);
  await expect(poll.card.getByTestId("poll-results")).toHaveAttribute("data-n", "1");
  await bCard.getByRole("radio", { name: /^5/ }).focus();
  await b.page.keyboard.press("ArrowRight");
  await b.page.keyboard.press("ArrowRight");
  await b.page.keyboard.press("ArrowLeft");
  await expect(bCard.getByRole("radio", { name: /^6/ })).toBeChecked();
  await b.page.waitForTimeout(1_000); // a vote sent by an arrow key would be acked well within this
  await expect(bCard.getByTestId("receipt")).toHaveAttribute("data-state", "none");
  await expect(poll.card.getByTestId("poll-results")).toHaveAttribute("data-n", "1");
  await expect(bCard.getByRole("button", { name: "Send my answer" })).toBeEnabled();
  await b.page.keyboard.press("Enter");
  await expect(bCard.getByTestId("receipt")).toHaveText("Recorded ✓");
  await expect(poll.card.getByTestId("poll-results")).toHaveAttribute("data-n", "2");
  await poll.command("Show on projector");
  const shift = projector.getByTestId("projector-poll").getByTestId("shift");
  await expect(shift).toBeVisible();
  await expect(shift.locator('tr[data-key="6"] .shift-delta')).toHaveText(/\+67 pts/);
  await lookAt(projector, "poll-projector-shift", [PROJECTOR]);
  await poll.command("Hide from projector");
  await expect(projector.getByTestId("projector-poll")).toHaveCount(0);

  // Q&A: ask (one anonymously), moderate, upvote once, project the top questions.
  const qa = (p: Phone) => p.page.getByTestId("question-box");
  await qa(a).getByLabel("Your question").fill("How would compliance with a voluntary norm be verified?");
  await qa(a).getByRole("button", { name: "Send question" }).click();
  await expect(qa(a).getByTestId("question").filter({ hasText: "verified" })).toContainText("Waiting for approval");
  const sentNotice = qa(a).locator("form").getByRole("status");
  await expect(sentNotice).toHaveText("Question sent. It appears to everyone once a facilitator approves it.");
  await qa(b).getByLabel("Your question").fill("Who speaks for commercial operators at the OEWG?");
  await qa(b).getByLabel(/anonymously/).check();
  await qa(b).getByRole("button", { name: "Send question" }).click();
  await qa(c).getByLabel("Your question").fill("Off-topic: where is lunch?");
  await qa(c).getByRole("button", { name: "Send question" }).click();
  await lookAt(a.page, "qa-phone-pending", [PHONE]);

  const moderation = consolePage.getByTestId("question-moderation");
  const modItem = (text: string) => moderation.getByTestId("moderated-question").filter({ hasText: text });
  await expect(modItem("lunch")).toBeVisible();
  await expect(modItem("commercial operators")).toContainText("Anonymous");
  await expect(modItem("verified")).toContainText("Asked by Awa");
  await modItem("verified").getByRole("button", { name: "Approve question: How would compliance with a" }).click();
  // The Approve button went away: focus is on that question's first remaining action.
  await expect(modItem("verified").getByRole("button", { name: /^Mark answered: How would/ })).toBeFocused();
  // Once approved, "it appears once a facilitator approves it" is no longer true: the notice goes.
  await expect(sentNotice).toHaveText("");
  await modItem("commercial operators").getByRole("button", { name: "Approve" }).click();
  await modItem("lunch").getByRole("button", { name: "Hide" }).click();
  await expect(modItem("lunch")).toHaveAttribute("data-status", "hidden");
  // Its author hears it: the polite live region (there from the start) now says so; nobody else's does.
  const announcer = (p: Phone) => qa(p).getByRole("status").and(qa(p).getByTestId("qa-announcer"));
  await expect(announcer(c)).toHaveText("A facilitator hid your question “Off-topic: where is lunch?”. The room does not see it.");
  await expect(announcer(c)).toHaveAttribute("aria-live", "polite");
  await expect(announcer(b)).toHaveText("");

  const upvote = async (p: Phone, text: string) => {
    const item = qa(p).getByTestId("question").filter({ hasText: text });
    // The button's name carries the question's first words (repeated buttons need context).
    await item.getByRole("button", { name: /^vote for this question: /i }).click();
    await expect(item).toContainText("You voted");
    // The button never turns `disabled` while the vote is in flight: keyboard focus stays on it.
    await expect(item.getByRole("button", { name: /^withdraw my vote: /i })).toBeFocused();
    await expect(item.getByRole("button", { name: /^withdraw my vote: /i })).not.toHaveAttribute("aria-disabled", "true");
  };
  await upvote(b, "verified");
  await upvote(c, "verified");
  await upvote(c, "commercial operators");
  // Withdraw and vote again: the count follows.
  const cOps = qa(c).getByTestId("question").filter({ hasText: "commercial operators" });
  await cOps.getByRole("button", { name: /^withdraw my vote: Who speaks for commercial/i }).click();
  await expect(cOps).toContainText("0 votes");
  await expect(cOps).not.toContainText("You voted");
  await upvote(c, "commercial operators");
  await expect(cOps).toContainText("1 vote");
  // One's own question has no vote button.
  await expect(qa(a).getByTestId("question").filter({ hasText: "verified" }).getByRole("button")).toHaveCount(0);
  // The author of the hidden question is told, the others see nothing of it.
  await expect(qa(c).getByTestId("question-hidden-notice")).toHaveText("A facilitator hid your question “Off-topic: where is lunch?”. The room does not see it.");
  await expect(qa(b).getByTestId("question").filter({ hasText: "lunch" })).toHaveCount(0);
  await expect(qa(a).getByTestId("question").filter({ hasText: "verified" })).toContainText("2 votes");
  await lookAt(c.page, "qa-phone-approved", [PHONE, PROJECTOR]);

  // Projected questions take the screen from a projected poll (trial 50), and back (last pressed wins).
  await poll.command("Show on projector");
  await expect(projector.getByTestId("projector-poll")).toBeVisible();
  await moderation.getByRole("button", { name: "Show top questions on projector" }).click();
  const questions = projector.getByTestId("projector-questions");
  await expect(questions.locator("li")).toHaveCount(2);
  await expect(questions.locator("li").first()).toContainText("verified");
  await expect(questions.locator("li").first()).toHaveAttribute("data-votes", "2");
  await expect(questions).not.toContainText("lunch");
  await lookAt(projector, "qa-projector", [PROJECTOR, PHONE]);
  await lookAt(consolePage, "qa-console", [PROJECTOR, PHONE]);
  await expect(poll.card.getByTestId("projector-note")).toContainText("top questions are on the projector");
  await poll.command("Show on projector");
  await expect(projector.getByTestId("projector-poll")).toBeVisible();
  await expect(moderation.getByRole("button", { name: "Show top questions on projector" })).toBeVisible();
  await expect(poll.button("Hide from projector")).toBeVisible();
});

test("a facilitator adds a poll during the session and participants answer it", async ({ browser }) => {
  test.setTimeout(120_000); // three polls added, answered and closed on a shared 2-core machine
  const { consolePage, sessionId, code } = await liveSession(browser, "Poll on the fly");
  const question = "How binding should new space norms be?";
  await addScalePoll(consolePage, { question, points: 5, minLabel: "Legally binding treaty", maxLabel: "Purely voluntary" });
  const poll = new ConsolePoll(consolePage, question);
  await poll.expectStatus(/not opened/i);
  const phone = await Phone.join(browser, code, "Dana", "other", sessionId);
  await expect(phone.page.getByTestId("participant-polls")).toBeVisible();
  await poll.command("Open");
  // The phone brings the newly opened poll into view and announces it politely (U4).
  await expect(phone.page.getByTestId("poll-announcement")).toHaveText(`Poll opened: ${question}`);
  await expect(phone.poll(question)).toBeInViewport();
  await lookAt(phone.page, "poll-phone-opened", [PHONE]);
  await phone.score(question, 1);
  await expect(poll.card.getByTestId("poll-results")).toHaveAttribute("data-n", "1");
  await lookAt(consolePage, "poll-console-added", [PROJECTOR]);

  // An 80-character unbroken answer wraps: nothing on the phone scrolls sideways (U1).
  const terms = new ConsolePoll(consolePage, "Which space security term most needs a common definition?");
  await terms.command("Open");
  const termsCard = phone.poll("Which space security term most needs a common definition?");
  await termsCard.getByLabel("Your answer").fill("x".repeat(80));
  await termsCard.getByRole("button", { name: "Send my answer" }).click();
  await expect(termsCard.getByTestId("receipt")).toHaveText("Recorded ✓");
  await terms.command("Close");
  await expect(termsCard.getByTestId("poll-results")).toBeVisible();
  await phone.page.setViewportSize(PHONE);
  expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  await lookAt(phone.page, "poll-phone-long-answer", [PHONE]);

  // A choice poll whose options run to two lines: each bar's "count · share" keeps its full width
  // beside the label (it was squeezed to a sliver that ran past the phone's edge).
  const outcome = new ConsolePoll(consolePage, "Which outcome of the OEWG would serve your region best?");
  await outcome.command("Open");
  const outcomeCard = phone.poll("Which outcome of the OEWG would serve your region best?");
  await outcomeCard.getByRole("radio").first().check();
  await expect(outcomeCard.getByTestId("receipt")).toHaveText("Recorded ✓");
  await expect(outcomeCard.locator(".bar-value")).toHaveCount(4);
  const clipped = await outcomeCard.locator(".bar-value").evaluateAll((els) => els.filter((el) => el.scrollWidth > el.clientWidth).map((el) => el.textContent));
  expect(clipped).toEqual([]);
  expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  await outcome.command("Close");
  // Re-asked, the phone's "Change since the previous run" table fits the card: no column cut off
  // ("Chan", "▼ -1"), and option words wrap between each other.
  await outcome.command("Re-ask");
  await confirmInDialog(consolePage, "Re-ask");
  await outcome.command("Open");
  await outcomeCard.getByRole("radio").nth(1).check();
  await expect(outcomeCard.getByTestId("receipt")).toHaveText("Recorded ✓");
  const shiftTable = outcomeCard.getByTestId("shift").locator("table");
  await expect(shiftTable.locator("tbody tr")).toHaveCount(4);
  expect(await shiftTable.evaluate((t) => t.scrollWidth <= t.parentElement!.clientWidth)).toBe(true);
  const cutCells = await shiftTable.locator("th, td").evaluateAll((els) => els.filter((el) => el.scrollWidth > el.clientWidth).map((el) => el.textContent));
  expect(cutCells).toEqual([]);
  // Hyphenated compounds ("threat-reduction") may wrap after their hyphen, as in print.
  expect((await midWordBreaks(outcomeCard.getByTestId("shift"))).filter((w) => !w.includes("-"))).toEqual([]);
  await lookAt(phone.page, "poll-phone-shift-choice", [PHONE]);
  await outcome.command("Close");

  // At 390 px normal words wrap between each other, never inside ("Disagre/e", "Transparen/cy",
  // trial 45/46), and a closed ranking's move buttons are disabled and look it.
  const rankQ = "Ranking: priorities";
  const stmtQ = "Statements: agree?";
  await addListPoll(consolePage, { question: rankQ, kind: "ranking", lines: ["Transparency", "ASAT tests", "Debris"] });
  await addListPoll(consolePage, { question: stmtQ, kind: "statements", lines: ["Norms are enough", "A treaty is needed"] });
  const [rankPoll, stmtPoll] = [new ConsolePoll(consolePage, rankQ), new ConsolePoll(consolePage, stmtQ)];
  await rankPoll.command("Open");
  await stmtPoll.command("Open");
  await phone.poll(rankQ).getByRole("button", { name: "Submit this order" }).click();
  await expect(phone.poll(rankQ).getByTestId("receipt")).toHaveText("Recorded ✓");
  await phone.poll(stmtQ).getByRole("button", { name: "Disagree" }).first().click();
  await expect(phone.poll(stmtQ).getByTestId("receipt")).toHaveText("Recorded ✓");
  await rankPoll.command("Close");
  await stmtPoll.command("Close");
  for (const q of [rankQ, stmtQ]) {
    await expect(phone.poll(q).getByTestId("poll-results")).toBeVisible();
    expect(await midWordBreaks(phone.poll(q)), q).toEqual([]);
  }
  // On the projector's 28 px type the rank table's headers wrap between words too ("Posi/tion",
  // "Bord/a point/s" when its number columns were sized for the phone).
  const projector = await newPage(browser, PROJECTOR);
  await projector.goto((await consolePage.getByTestId("projector-link").getAttribute("href"))!);
  await rankPoll.command("Show on projector");
  const rankStage = projector.getByTestId("projector-poll");
  await expect(rankStage.getByTestId("poll-results")).toBeVisible();
  expect(await midWordBreaks(rankStage)).toEqual([]);
  await lookAt(projector, "poll-projector-ranking", [PROJECTOR]);
  // The open answers are set in columns on the projector (a room's 60 answers in one list ran off
  // the bottom of the screen).
  await terms.command("Show on projector");
  await expect(projector.getByTestId("projector-poll").locator(".open-texts")).toHaveCSS("column-width", "320px");
  // "Too few votes per sector" is a plain note, not a chip that looks clickable.
  const note = phone.poll(stmtQ).locator(".consensus-insufficient").first();
  expect(await note.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe("rgba(0, 0, 0, 0)");
  const up = phone.poll(rankQ).getByRole("button", { name: /^Move “ASAT tests” up/ });
  await expect(up).toBeDisabled();
  expect(Number(await up.evaluate((el) => getComputedStyle(el).opacity))).toBeLessThan(1);
  expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  await phone.poll(stmtQ).scrollIntoViewIfNeeded();
  await lookAt(phone.page, "poll-phone-statements-closed", [PHONE, PROJECTOR]);
  await phone.poll(rankQ).scrollIntoViewIfNeeded();
  await lookAt(phone.page, "poll-phone-ranking-closed", [PHONE, PROJECTOR]);
});
