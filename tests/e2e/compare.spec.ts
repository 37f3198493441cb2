/**
 * Cross-workshop comparison end to end, with fixtures made through the UI (the e2e process must
 * not write the running server's SQLite file): two workshops in different regions each run a
 * session where phones answer the seeded scale poll `binding-vs-nonbinding`; the session is ended
 * and its summary published publicly from the summary page. The comparison page then shows both
 * sessions (chart, table, sector tables with "<5" for hidden groups), screenshotted at 390×844 and
 * 1920×1080 and checked with axe; the archive lists both outcomes.
 */
import { expect, test, type Browser, type Page } from "@playwright/test";
import { OrganiserPages } from "./pages/organiser";
import { confirmInDialog, ConsolePoll, Phone } from "./pages/polls";
import { lookAt, newPage, PHONE, PROJECTOR } from "./pages/support";

const QUESTION = "Where should international efforts on space security concentrate?";
const POLL_KEY = "binding-vs-nonbinding";

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

/** Runs one session with `votes` on the scale poll, ends it and publishes its summary as public. */
async function publishedSession(browser: Browser, w: { title: string; region: string; votes: { sector: string; score: number }[] }) {
  const consolePage = await newPage(browser, PROJECTOR);
  const organiser = await signedInOrganiser(consolePage);
  const workshopId = await organiser.createWorkshop({ title: w.title, region: w.region, timeZone: "UTC", startsOn: "2026-11-02", endsOn: "2026-11-02" });
  const sessionId = await organiser.startSession(workshopId, `${w.title} session`);
  const code = (await consolePage.getByTestId("join-code").textContent())!.trim();
  await consolePage.getByRole("button", { name: /start session/i }).click();
  await expect(consolePage.getByTestId("status")).toHaveText(/live/i);
  await consolePage.getByRole("button", { name: /next panel/i }).click();
  const poll = new ConsolePoll(consolePage, QUESTION);
  await poll.command("Open");
  await poll.expectStatus(/^open$/i);
  for (const [i, v] of w.votes.entries()) {
    const phone = await Phone.join(browser, code, `P${i}`, v.sector, sessionId);
    await phone.score(QUESTION, v.score);
    await phone.page.context().close();
  }
  await poll.command("Close");
  await consolePage.getByRole("button", { name: /end session/i }).click();
  await confirmInDialog(consolePage, "End session");
  await expect(consolePage.getByTestId("status")).toHaveText(/ended/i);

  // Summary page: the draft is built from the session when it ends (in the background: reload until it
  // is there), then published publicly (stable selectors: name/value).
  await consolePage.goto(`/s/${sessionId}/summary`);
  await expect(async () => {
    await consolePage.reload();
    await expect(consolePage.getByTestId("draft-panel").first()).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  const publicChoice = consolePage.locator('input[name="visibility"][value="public"]');
  await expect(publicChoice).toBeVisible();
  // The draft editor remounts when a revalidation brings a newer draft; let that settle before choosing.
  await consolePage.waitForLoadState("networkidle");
  await publicChoice.check();
  await expect(publicChoice).toBeChecked();
  await consolePage.locator('button[name="intent"][value="publish"]').click();
  await expect(consolePage).toHaveURL(/\/summary\/versions/);
  // Make sure the published version is public (the versions page can change visibility after the fact).
  const visibility = consolePage.locator(".visibility-form").first();
  if ((await visibility.locator('select[name="visibility"]').inputValue()) !== "public") {
    await visibility.locator('select[name="visibility"]').selectOption("public");
    await visibility.locator('button[type="submit"]').click();
    await expect(visibility.locator('select[name="visibility"]')).toHaveValue("public");
  }
  await consolePage.context().close();
}

test("the same scale poll from two workshops, side by side", async ({ browser }) => {
  test.setTimeout(300_000); // two live sessions with phones, two publications and four axe runs on 2 cores

  await publishedSession(browser, {
    title: "Compare — Nairobi",
    region: "East Africa (compare)",
    votes: [
      { sector: "government", score: 2 },
      { sector: "government", score: 3 },
      { sector: "academia", score: 5 },
    ],
  });
  await publishedSession(browser, {
    title: "Compare — Dakar",
    region: "West Africa (compare)",
    votes: [
      { sector: "industry", score: 6 },
      { sector: "civil-society", score: 7 },
    ],
  });

  const reader = await newPage(browser, PHONE);
  await reader.goto("/compare");
  await reader.getByLabel("Poll").selectOption(POLL_KEY);
  await reader.getByRole("button", { name: "Compare" }).click();
  await expect(reader).toHaveURL(new RegExp(`poll=${POLL_KEY}`));
  const table = reader.locator("table.compare-table");
  await expect(table).toContainText("Compare — Nairobi");
  await expect(table).toContainText("Compare — Dakar");
  // Every sector here has fewer than 5 people: all cells are hidden, shown as "<5", never numbers.
  const sectorCells = reader.locator(".compare-sector td");
  expect(await sectorCells.count()).toBeGreaterThan(0);
  for (const text of await sectorCells.allTextContents()) expect(text.trim()).toBe("<5");
  await lookAt(reader, "compare", [PHONE, PROJECTOR]);

  // Keyboard: the wide table's scroll region takes focus.
  await reader.locator(".table-scroll[role=region]").first().focus();
  await expect(reader.locator(".table-scroll[role=region]").first()).toBeFocused();

  await reader.goto("/archive");
  await expect(reader.getByRole("link", { name: "Compare — Nairobi", exact: true })).toBeVisible();
  await expect(reader.getByRole("link", { name: "Compare — Dakar", exact: true })).toBeVisible();
  await lookAt(reader, "archive", [PHONE, PROJECTOR]);
});
