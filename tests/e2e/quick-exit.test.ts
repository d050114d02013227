import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, type Browser } from "../support/browser";
import { createAccount, signIn } from "../support/e2e-accounts";
import { startServer, type RunningServer } from "../support/server";

// The neutral page is configurable; here it is the app's own health check so the test stays offline.
const NEUTRAL = "/healthz";

describe("quick exit", () => {
  let server: RunningServer;
  let browser: Browser;
  let email: string;
  beforeAll(async () => {
    server = await startServer({ QUICK_EXIT_URL: NEUTRAL });
    email = createAccount(server, "officer").email;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("the Exit this page button replaces the page with the neutral site", async () => {
    const page = await browser.context.newPage();
    await signIn(page, server, email);
    await page.goto(`${server.baseUrl}/`);
    await page.getByRole("button", { name: "Emergency Exit this page" }).click();
    await page.waitForURL(`${server.baseUrl}${NEUTRAL}`);
    expect(await page.textContent("body")).toContain('"status":"ok"');
  });

  // The page before the tracker here is the neutral one itself, reached with a marker, so Back can be told apart.
  async function openTrackerPageAfterAnotherSite() {
    const page = await browser.context.newPage();
    await signIn(page, server, email);
    await page.goto(`${server.baseUrl}${NEUTRAL}?before`);
    await page.goto(`${server.baseUrl}/organisations`);
    await page.getByRole("heading", { level: 1, name: "Organisations" }).waitFor();
    await page.waitForLoadState("networkidle");
    return page;
  }

  it("after the button, Back goes to the page before the tracker, not back to the tracker", async () => {
    const page = await openTrackerPageAfterAnotherSite();
    await page.getByRole("button", { name: "Emergency Exit this page" }).click();
    await page.waitForURL(`${server.baseUrl}${NEUTRAL}`);
    await page.goBack();
    await page.waitForURL(`${server.baseUrl}${NEUTRAL}?before`);
    expect(page.url()).not.toContain("/organisations");
  });

  it("after Shift three times, Back does not return to the tracker either", async () => {
    const page = await openTrackerPageAfterAnotherSite();
    await page.locator("body").click();
    for (let i = 0; i < 3; i++) await page.keyboard.press("Shift");
    await page.waitForURL(`${server.baseUrl}${NEUTRAL}`);
    await page.goBack();
    await page.waitForURL(`${server.baseUrl}${NEUTRAL}?before`);
    expect(page.url()).not.toContain("/organisations");
  });

  it("pressing Shift three times leaves the page too", async () => {
    const page = await browser.context.newPage();
    await page.goto(`${server.baseUrl}/login`);
    await page.locator("body").click();
    for (let i = 0; i < 3; i++) await page.keyboard.press("Shift");
    await page.waitForURL(`${server.baseUrl}${NEUTRAL}`);
  });

  it("works without JavaScript as a plain link", async () => {
    const noJs = await launchBrowser({ javaScriptEnabled: false });
    try {
      const page = await noJs.context.newPage();
      await page.goto(`${server.baseUrl}/login`);
      await page.getByRole("button", { name: "Emergency Exit this page" }).click();
      await page.waitForURL(`${server.baseUrl}${NEUTRAL}`);
    } finally {
      await noJs.close();
    }
  });

  it("loads and navigates without console errors (hydration, CSP, GOV.UK Frontend re-initialising)", async () => {
    const page = await browser.context.newPage();
    const problems: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error" || m.type() === "warning" || /error/i.test(m.text())) problems.push(m.text());
    });
    page.on("pageerror", (e) => problems.push(e.message));
    await signIn(page, server, email);
    await page.goto(`${server.baseUrl}/`);
    await page.waitForLoadState("networkidle");
    // Client-side navigations re-run GOV.UK Frontend's initialisation over components already enhanced.
    await page.getByRole("link", { name: "Organisations" }).first().click();
    await page.waitForURL(`${server.baseUrl}/organisations`);
    await page.getByRole("link", { name: "Dashboard" }).first().click();
    await page.waitForURL(`${server.baseUrl}/`);
    await page.waitForLoadState("networkidle");
    expect(problems).toEqual([]);
  });
});
