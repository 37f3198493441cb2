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

/** "Add a poll now" on the console: a poll of `kind` with one option (or statement) per line. */
export async function addListPoll(page: Page, p: { question: string; kind: "single" | "ranking" | "statements"; lines: string[] }) {
  // The form is a disclosure that stays open after adding a poll: open it only when closed.
  if (!(await page.locator("details.add-poll").evaluate((d) => (d as HTMLDetailsElement).open))) await page.getByText("Add a poll now").click();
  const form = page.locator(".add-poll form");
  await form.getByLabel("Question").fill(p.question);
  await form.getByLabel("Kind").selectOption(p.kind);
  await form.getByLabel(p.kind === "statements" ? "Statements, one per line" : "Options, one per line").fill(p.lines.join("\n"));
  await form.getByRole("button", { name: "Add the poll" }).click();
  await expect(page.getByTestId("console-poll").filter({ hasText: p.question })).toBeVisible();
}

/**
 * Words (runs of up to 24 non-space characters) shown in `scope` that are split across two lines:
 * normal words must wrap between each other; only longer tokens may break inside, so they are not
 * matched at all (both ends anchored on a space: no 24-character tail of a longer token). Text that
 * is not rendered or is visually hidden (clipped to 1 px) is skipped.
 */
export async function midWordBreaks(scope: Locator): Promise<string[]> {
  return scope.evaluate((root) => {
    const out: string[] = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const parent = n.parentElement;
      if (!parent || !parent.checkVisibility() || parent.getBoundingClientRect().width <= 1) continue;
      for (const m of (n.textContent ?? "").matchAll(/(?<!\S)\S{1,24}(?!\S)/g)) {
        const range = document.createRange();
        range.setStart(n, m.index!);
        range.setEnd(n, m.index! + m[0].length);
        const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
        if (lines.size > 1) out.push(m[0]);
      }
    }
    return out;
  });
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
    // Sent on tap: no "Send my answer" button left beside the receipt (trial 82).
    await expect(card.getByRole("button", { name: "Send my answer" })).toHaveCount(0);
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
