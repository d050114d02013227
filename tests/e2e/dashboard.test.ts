// An officer's dashboard leads with their own overdue and due-soon actions and a way to record an engagement,
// then the office-wide figures; checked with axe, and reached by keyboard alone.
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNoAxeViolations, screenshot, type Browser } from "../support/browser";
import { createAccount, signIn } from "../support/e2e-accounts";
import { seedActionsForBrowserTests } from "../support/seed-e2e-actions";
import { startServerAndBrowser, stopServerAndBrowser } from "../support/server-and-browser";
import type { RunningServer } from "../support/server";

describe("an officer's dashboard", () => {
  let server: RunningServer;
  let browser: Browser;
  beforeAll(async () => {
    ({ server, browser } = await startServerAndBrowser());
    createAccount(server, "officer", "olu@example.org", "Olu Officer");
    const database = new Database(server.databasePath);
    const officerId = database.prepare("SELECT id FROM users WHERE email = 'olu@example.org'").pluck().get() as number;
    database.close();
    const seeded = seedActionsForBrowserTests(server.databasePath, officerId);
    // Two of the seeded actions become the officer's own: one overdue, one due next week.
    const writer = new Database(server.databasePath);
    const own = writer.prepare("UPDATE actions SET owner_user_id = ? WHERE id = ?");
    own.run(officerId, seeded.actionIds["NCA overdue 1"]);
    own.run(officerId, seeded.actionIds["NCA next week"]);
    writer.close();
  });
  afterAll(() => stopServerAndBrowser({ server, browser }));

  it("shows the officer's own items first, with no axe violations, and its button is reached by keyboard", async () => {
    const page = await browser.context.newPage();
    await signIn(page, server, "olu@example.org");
    await page.goto(`${server.baseUrl}/`);
    await page.locator("h1", { hasText: "Dashboard" }).waitFor();
    const mine = page.locator("section", { has: page.getByRole("heading", { name: "Your actions due now" }) });
    await expect(mine.locator("li.app-engagement-list__item").count()).resolves.toBe(2);
    expect(await mine.locator("li.app-engagement-list__item").first().innerText()).toContain("Overdue");
    // Their own items come before the office-wide figures.
    const order = await page.locator("h2").allInnerTexts();
    expect(order.indexOf("Your actions due now")).toBeLessThan(order.indexOf("Across the office"));
    await expectNoAxeViolations(page, "an officer's dashboard with their own items");
    await screenshot(page, "dashboard-officer");

    // Keyboard only: Tab from the top of the page reaches "Record an engagement", and Enter follows it.
    await page.locator("body").focus();
    let reached = false;
    for (let i = 0; i < 40 && !reached; i++) {
      await page.keyboard.press("Tab");
      reached = await page.evaluate(() => document.activeElement?.textContent?.trim() === "Record an engagement");
    }
    expect(reached).toBe(true);
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/engagements\/new$/);
    await page.close();
  });
});
