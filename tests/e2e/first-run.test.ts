import { startServerAndBrowser, stopServerAndBrowser } from "../support/server-and-browser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNoAxeViolations, type Browser } from "../support/browser";
import { type RunningServer } from "../support/server";

describe("first run", () => {
  let server: RunningServer;
  let browser: Browser;
  beforeAll(async () => ({ server, browser } = await startServerAndBrowser()));
  afterAll(() => stopServerAndBrowser({ server, browser }));

  it("prints a one-time setup link that creates the first admin and signs them in", async () => {
    expect(server.setupUrl).toBeTruthy();
    const page = await browser.context.newPage();
    await page.goto(server.setupUrl!);
    await expect(page.locator("h1").textContent()).resolves.toContain("Create the first admin account");
    await expectNoAxeViolations(page, "setup");
    await page.getByLabel("Full name").fill("Ada Admin");
    await page.getByLabel("Email address").fill("ada@example.org");
    await page.getByLabel("Password", { exact: true }).fill("a long enough passphrase");
    await page.getByLabel("Confirm password").fill("a long enough passphrase");
    await page.getByRole("button", { name: "Create account and sign in" }).click();
    await page.waitForURL(`${server.baseUrl}/`);
    // The address changes before the page is drawn: wait for the heading itself.
    await page.locator("h1", { hasText: "Dashboard" }).waitFor();
    await expectNoAxeViolations(page, "dashboard");

    const again = await page.goto(server.setupUrl!);
    expect(again?.status()).toBe(404);
  });
});
