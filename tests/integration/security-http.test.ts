/**
 * Security fixes found by the new-user QA trial, over real HTTP on a real server (port 0, fresh
 * SQLite): who may import templates and what an import may replace, join-code and sign-in throttling,
 * cross-origin posts, invitation revocation. Every refused request must leave every stored row as it was.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../helpers/app";
import { snapshotTables } from "../helpers/db";

let t: TestApp;
let org: Awaited<ReturnType<TestApp["makeWorkshop"]>>;

beforeAll(async () => {
  t = await startTestApp();
  org = await t.makeWorkshop();
});
afterAll(async () => t?.close());

const get = (path: string, cookie?: string) => fetch(`${t.baseUrl}${path}`, { redirect: "manual", headers: cookie ? { cookie } : {} });
const post = (path: string, body: URLSearchParams | FormData, headers: Record<string, string> = {}) =>
  fetch(`${t.baseUrl}${path}`, { method: "POST", body, redirect: "manual", headers });

async function changesNothing(bad: () => Promise<void>) {
  const before = await snapshotTables(t.app.storage);
  await bad();
  expect(await snapshotTables(t.app.storage)).toEqual(before);
}

describe("template import (S1)", () => {
  const upload = (name: string, text: string, cookie: string) => {
    const fd = new FormData();
    fd.set("file", new Blob([text]), name);
    return post("/templates", fd, { cookie });
  };
  const seeded = async () => (await t.app.stores.templates.getByKey("space-security-norms"))!;
  const hijack = async () =>
    JSON.stringify({
      key: "space-security-norms",
      title: "Hijacked",
      panels: [{ key: "one", title: "One", framing: "F.", prompts: ["P?"], durationMinutes: 15, polls: [{ key: "q", kind: "open", question: "Q?" }] }],
    });

  it("a rapporteur (staff, not an organiser) cannot import, and the seeded template is untouched", async () => {
    const rita = await t.app.stores.users.create({ email: "rita@example.org", name: "Rita", passwordHash: await t.app.auth.hashPassword("correct horse battery") });
    await t.app.stores.workshops.addMember(org.workshopId, rita.id, "rapporteur");
    const cookie = await t.cookieFor({ userId: rita.id });
    expect((await get(`/workshops/${org.workshopId}/agenda`, cookie)).status).toBe(403);
    const page = await (await get("/templates", cookie)).text();
    expect(page).toContain("Only organisers can import templates.");
    expect(page).not.toContain('type="file"');
    await changesNothing(async () => {
      const res = await upload("t.json", await hijack(), cookie);
      expect(res.status).toBe(403);
      expect(await res.text()).toContain("Only organisers can import templates.");
    });
    expect((await seeded()).title).not.toBe("Hijacked");
  });

  it("an organiser importing an existing key with other content is refused with a suggested new key; a new key imports", async () => {
    await changesNothing(async () => {
      const res = await upload("t.json", await hijack(), org.cookie);
      expect(res.status).toBe(409);
      const html = await res.text();
      expect(html).toContain("already exists");
      expect(html).toContain("space-security-norms-2");
    });
    expect((await seeded()).title).not.toBe("Hijacked");
    const ok = await upload("t.json", (await hijack()).replace("space-security-norms", "space-security-norms-2"), org.cookie);
    expect(ok.status).toBe(200);
    expect((await t.app.stores.templates.getByKey("space-security-norms-2"))!.title).toBe("Hijacked");
  });
});
