/** Page objects for organiser flows: first-run setup, sign-in, workshops, sessions. */
import { expect, type Page } from "@playwright/test";

export const ORGANISER = { name: "Amina Organiser", email: "organiser@example.org", password: "correct horse battery staple" };

export class OrganiserPages {
  constructor(readonly page: Page) {}

  /** First-run setup through the link the server printed; lands on the workshops list. */
  async setup(setupUrl: string) {
    await this.page.goto(setupUrl);
    await this.page.locator('input[name="name"]').fill(ORGANISER.name);
    await this.page.locator('input[name="email"]').fill(ORGANISER.email);
    await this.page.locator('input[name="password"]').fill(ORGANISER.password);
    await this.page.locator('input[name="confirm"]').fill(ORGANISER.password);
    await this.page.locator('form button[type="submit"]').last().click();
    await expect(this.page).toHaveURL(/\/workshops$/);
  }

  async signIn() {
    await this.page.goto("/login");
    await this.page.locator('input[name="email"]').fill(ORGANISER.email);
    await this.page.locator('input[name="password"]').fill(ORGANISER.password);
    await this.page.locator('main form button[type="submit"]').click();
    await expect(this.page).toHaveURL(/\/workshops/);
  }

  /** Creates a workshop from the seeded template; returns its id. */
  async createWorkshop(fields: { title: string; region: string; timeZone: string; startsOn: string; endsOn: string }) {
    await this.page.goto("/workshops/new");
    const template = this.page.locator('select[name="templateId"]');
    const options = await template.locator("option").allTextContents();
    const seeded = options.find((o) => /space security/i.test(o));
    expect(seeded, `seeded template in ${options.join(" | ")}`).toBeTruthy();
    await template.selectOption({ label: seeded! });
    await this.page.locator('input[name="title"]').fill(fields.title);
    await this.page.locator('input[name="region"]').fill(fields.region);
    await this.page.locator('select[name="timeZone"]').selectOption(fields.timeZone);
    await this.page.locator('input[name="startsOn"]').fill(fields.startsOn);
    await this.page.locator('input[name="endsOn"]').fill(fields.endsOn);
    await this.page.locator('main form button[type="submit"]').last().click();
    // Not "/workshops/new" itself: wait for the redirect to the created workshop.
    await expect(this.page).toHaveURL(/\/workshops\/(?!new$)[^/?]+$/);
    return new URL(this.page.url()).pathname.split("/").pop()!;
  }

  /** Starts a session with all panels; lands on the console and returns the session id. */
  async startSession(workshopId: string, title: string) {
    await this.page.goto(`/workshops/${workshopId}/sessions/new`);
    await this.page.locator('input[name="title"]').fill(title);
    await this.page.locator('main form button[type="submit"]').click();
    await expect(this.page).toHaveURL(/\/s\/[^/]+\/console$/);
    return new URL(this.page.url()).pathname.split("/").at(-2)!;
  }
}
