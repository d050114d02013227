import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, type Browser } from "../support/browser";
import { createAccount, signIn } from "../support/e2e-accounts";
import { seedActionsForBrowserTests } from "../support/seed-e2e-actions";
import { startServer, type RunningServer } from "../support/server";

describe("an engagement's own exports", () => {
  let server: RunningServer;
  let browser: Browser;
  let email: string;
  let engagementId: number;
  beforeAll(async () => {
    server = await startServer();
    email = createAccount(server, "viewer").email;
    engagementId = seedActionsForBrowserTests(server.databasePath).engagementId;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("the printable summary opens from the engagement page, marked at top and bottom", async () => {
    const page = await browser.context.newPage();
    await signIn(page, server, email);
    await page.goto(`${server.baseUrl}/engagements/${engagementId}`);
    await page.getByRole("link", { name: "Printable summary" }).click();
    await page.waitForURL(`${server.baseUrl}/engagements/${engagementId}/print`);
    const text = await page.textContent("body");
    expect(text).toContain("Quarterly meeting with the NCA modern slavery unit");
    expect(text!.match(/OFFICIAL/g)!.length).toBeGreaterThanOrEqual(2);
  });

  it("the Word summary downloads from the engagement page", async () => {
    const page = await browser.context.newPage();
    await signIn(page, server, email);
    await page.goto(`${server.baseUrl}/engagements/${engagementId}`);
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Download as a Word document" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^OFFICIAL.*\.docx$/);
  });
});
