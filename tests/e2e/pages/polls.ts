/** Page objects for live polls and Q&A: the console's poll cards, a participant's phone, the projector stage. */
import { expect, type Browser, type Locator, type Page } from "@playwright/test";
import { newPage, PHONE } from "./support";

/** The facilitator's console, scoped to one poll card by its question. */
export class ConsolePoll {
  readonly card: Locator;
  constructor(readonly page: Page, question: string) {
    this.card = page.getByTestId("console-poll").filter({ hasText: question });
  }
  /** A command button by its visible text; its accessible name adds the question ("Open poll: …"). */
  button(name: string) {
    return this.card.getByRole("button", { name: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}( poll)?:`) });
  }
  async command(name: string) {
    await this.button(name).click();
  }
  async expectStatus(status: RegExp) {
    await expect(this.card.getByTestId("poll-status")).toHaveText(status);
  }
  async setVisibility(value: "live" | "on-close" | "hidden") {
    await this.card.getByLabel(/results shown to participants/i).selectOption(value);
    await expect(this.card.getByLabel(/results shown to participants/i)).toHaveValue(value);
  }
}

/** "Add a poll now" on the console: a scale poll with end labels. */
export async function addScalePoll(page: Page, p: { question: string; minLabel: string; maxLabel: string; points: number }) {
  await page.getByText("Add a poll now").click();
  const form = page.locator(".add-poll form");
  await form.getByLabel("Question").fill(p.question);
  await form.getByLabel("Kind").selectOption("scale");
  await form.getByLabel("Number of points").fill(String(p.points));
  await form.getByLabel("Label of the lowest score").fill(p.minLabel);
  await form.getByLabel("Label of the highest score").fill(p.maxLabel);
  await form.getByRole("button", { name: "Add the poll" }).click();
  await expect(page.getByTestId("console-poll").filter({ hasText: p.question })).toBeVisible();
}

/** A participant on a phone who joined with the session code. */
export class Phone {
  private constructor(readonly page: Page) {}

  static async join(browser: Browser, code: string, name: string, sector: string, sessionId: string) {
    const page = await newPage(browser, PHONE);
    await page.goto(`/j/${code.replace("-", "")}`);
    await page.locator('input[name="displayName"]').fill(name);
    await page.locator('select[name="sector"]').selectOption(sector);
    await page.locator('input[name="consent"]').check();
    await page.locator('main form button[type="submit"]').click();
    await expect(page).toHaveURL(new RegExp(`/s/${sessionId}$`));
    return new Phone(page);
  }

  poll(question: string) {
    return this.page.getByTestId("participant-poll").filter({ hasText: question });
  }
  /** Taps a scale point and waits for the server's receipt. */
  async score(question: string, score: number) {
    const card = this.poll(question);
    await card.getByRole("radio", { name: new RegExp(`^${score}( —|$)`) }).check();
    await expect(card.getByTestId("receipt")).toHaveText("Recorded ✓");
  }
}

/** Reads the scale distribution shown in `scope` as {score: count}. */
export async function distribution(scope: Locator): Promise<Record<string, number>> {
  const cols = scope.locator("[data-score]");
  const out: Record<string, number> = {};
  for (const col of await cols.all()) out[(await col.getAttribute("data-score"))!] = Number(await col.getAttribute("data-count"));
  return out;
}

/**
 * Confirms the console's accessible dialog (ConfirmDialog): it is a labelled modal with focus on
 * Cancel; clicking `confirm` closes it.
 */
export async function confirmInDialog(page: Page, confirm: string) {
  const dialog = page.getByRole("dialog");
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
  await dialog.getByRole("button", { name: confirm, exact: true }).click();
  await expect(dialog).toHaveCount(0);
}

/**
 * Cancels the open accessible dialog (ConfirmDialog) and checks focus went back to `opener`, the
 * button that opened it.
 */
export async function cancelInDialog(page: Page, opener: Locator) {
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("button", { name: "Cancel", exact: true }).click();
  await expect(dialog).toHaveCount(0);
  await expect(opener).toBeFocused();
}
