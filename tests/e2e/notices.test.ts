import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, type Browser } from "../support/browser";
import { createAccount, signIn } from "../support/e2e-accounts";
import { startServer, type RunningServer } from "../support/server";

describe("success notices", () => {
  let server: RunningServer;
  let browser: Browser;
  let email: string;
  beforeAll(async () => {
    server = await startServer();
    email = createAccount(server, "officer").email;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("a notice shows on the page after a change and not on the pages after it", async () => {
    const page = await browser.context.newPage();
    await signIn(page, server, email);
    await page.goto(`${server.baseUrl}/organisations/europol/contacts/new`);
    await page.getByLabel("Name").fill("Jan de Vries");
    await page.getByRole("button", { name: "Add contact" }).click();
    await page.getByText("Contact added to").first().waitFor();
    expect(await page.locator(".govuk-notification-banner").count()).toBe(1);

    await page.getByRole("link", { name: "Organisations" }).first().click();
    await page.waitForURL(`${server.baseUrl}/organisations`);
    // The address changes before the new page is drawn: wait for its own heading.
    await page.locator("h1", { hasText: /^Organisations$/ }).waitFor();
    expect(await page.locator(".govuk-notification-banner").count()).toBe(0);

    await page.goBack();
    await page.waitForURL(/\/organisations\/europol/);
    await page.locator("h1", { hasText: "Europol" }).waitFor();
    expect(await page.locator(".govuk-notification-banner").count()).toBe(0);
  });
});
