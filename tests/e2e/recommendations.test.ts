import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNoAxeViolations, launchBrowser, type Browser } from "../support/browser";
import { createAccount, signIn } from "../support/e2e-accounts";
import { startServer, type RunningServer } from "../support/server";

async function heading(page: Page) {
  return (await page.locator("h1").first().textContent())?.trim();
}

// The axe scans run in the JavaScript journey only: they need scripts in the page (the no-JavaScript pages are the same markup).
async function addReport(page: Page, server: RunningServer, title: string, scan = true) {
  await page.goto(`${server.baseUrl}/recommendations/reports/new`);
  if (scan) await expectNoAxeViolations(page, "new report");
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Publisher").selectOption({ label: "His Majesty's Inspectorate of Constabulary and Fire & Rescue Services" });
  await page.locator("#publishedOn-day").fill("1");
  await page.locator("#publishedOn-month").fill("6");
  await page.locator("#publishedOn-year").fill("2026");
  await page.getByLabel("Force inspected (optional)").selectOption({ label: "Kent Police" });
  await page.getByRole("button", { name: "Add report" }).click();
  await expect.poll(() => heading(page), { timeout: 15_000 }).toBe("Add recommendations");
}

async function pasteAndPreview(page: Page, scan = true) {
  if (scan) await expectNoAxeViolations(page, "import start");
  await page
    .getByLabel("Paste the recommendations")
    .fill("1. Kent Police should train call handlers.\n\nAFI 1 The force could share data.\n\nR2");
  await page.getByLabel(/Addressed to \(for every/).fill("Kent Police");
  await page.getByRole("button", { name: "Check the recommendations" }).click();
  await expect.poll(() => heading(page), { timeout: 15_000 }).toBe("Check the recommendations");
  if (scan) await expectNoAxeViolations(page, "import preview with a problem");
  await expect.poll(() => page.locator(".govuk-error-summary").textContent()).toContain("Enter the text");
  await page.locator("#rows-2-text").fill("The force should review its data.");
  await page.getByRole("button", { name: "Save recommendations" }).click();
}

describe("inspection recommendations and their take-up", () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer();
    createAccount(server, "officer", "officer@example.org", "Olive Officer");
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("with JavaScript: adds a report, pastes its recommendations, records take-up and sees it in the grid and the list", async () => {
    const browser: Browser = await launchBrowser();
    try {
      const page = await browser.context.newPage();
      await signIn(page, server, "officer@example.org");
      await addReport(page, server, "Kent: modern slavery inspection");
      await pasteAndPreview(page);
      await expect.poll(() => heading(page), { timeout: 15_000 }).toBe("Kent: modern slavery inspection");
      await expectNoAxeViolations(page, "report grid");
      await page.getByRole("link", { name: "Kent Police: Not yet known" }).first().click();
      await expect.poll(() => heading(page), { timeout: 15_000 }).toContain("take-up of recommendation 1");
      await expectNoAxeViolations(page, "take-up");
      await page.getByLabel("Implemented", { exact: true }).check();
      await page.locator("#statusOn-day").fill("1");
      await page.locator("#statusOn-month").fill("7");
      await page.locator("#statusOn-year").fill("2099");
      await page.getByRole("button", { name: "Save take-up" }).click();
      await expect.poll(() => page.locator(".govuk-error-summary").textContent(), { timeout: 15_000 }).toContain("today or in the past");
      await expectNoAxeViolations(page, "take-up with an error");
      await page.locator("#statusOn-year").fill("2026");
      await page.getByRole("button", { name: "Save take-up" }).click();
      await expect.poll(() => page.locator("table").last().textContent(), { timeout: 15_000 }).toContain("Implemented");
      await page.getByRole("link", { name: /Back to recommendation/ }).click();
      await expect.poll(() => heading(page), { timeout: 15_000 }).toBe("Recommendation 1");
      await expectNoAxeViolations(page, "recommendation");
      await page.getByRole("link", { name: "Edit or archive this recommendation" }).click();
      await expect.poll(() => heading(page), { timeout: 15_000 }).toBe("Edit recommendation 1");
      await expectNoAxeViolations(page, "edit recommendation");
      await page.goto(`${server.baseUrl}/recommendations?status=implemented`);
      await expect.poll(() => page.locator("h2#results-heading, .app-results-bar h2").first().textContent()).toContain("1 take-up");
      await expectNoAxeViolations(page, "recommendations list");
      await page.goto(`${server.baseUrl}/recommendations/reports`);
      await expectNoAxeViolations(page, "reports list");
    } finally {
      await browser.close();
    }
  });

  it("without JavaScript: the paste preview is a server-rendered form that saves", async () => {
    const browser: Browser = await launchBrowser({ javaScriptEnabled: false });
    try {
      const page = await browser.context.newPage();
      await signIn(page, server, "officer@example.org");
      await addReport(page, server, "Kent: a second inspection", false);
      await pasteAndPreview(page, false);
      await expect.poll(() => heading(page), { timeout: 15_000 }).toBe("Kent: a second inspection");
      await expect.poll(() => page.locator(".govuk-notification-banner").textContent()).toContain("3 recommendations added");
    } finally {
      await browser.close();
    }
  });

  it("a stale 'take off' is refused with its message once, at the form that was sent, and nothing changes", async () => {
    const browser: Browser = await launchBrowser();
    try {
      const first = await browser.context.newPage();
      await signIn(first, server, "officer@example.org");
      // A recommendation addressed to two bodies: the only body of a recommendation cannot be taken off.
      await addReport(first, server, "Kent: a third inspection", false);
      await first.getByLabel("Paste the recommendations").fill("1. Forces should train call handlers.");
      await first.getByLabel(/Addressed to \(for every/).fill("Kent Police; Essex Police");
      await first.getByRole("button", { name: "Check the recommendations" }).click();
      await expect.poll(() => heading(first), { timeout: 15_000 }).toBe("Check the recommendations");
      await first.getByRole("button", { name: "Save recommendations" }).click();
      await expect.poll(() => heading(first), { timeout: 15_000 }).toBe("Kent: a third inspection");
      await first.getByRole("link", { name: "Kent Police: Not yet known" }).first().click();
      await expect.poll(() => heading(first), { timeout: 15_000 }).toContain("take-up of recommendation");
      const takeUpUrl = first.url();
      const second = await browser.context.newPage();
      await second.goto(takeUpUrl);
      await expect.poll(() => heading(second), { timeout: 15_000 }).toContain("take-up of recommendation");

      await first.getByRole("button", { name: "Take Kent Police off" }).click();
      await expect.poll(() => first.locator(".govuk-notification-banner").textContent(), { timeout: 15_000 }).toContain("taken off");

      await second.getByRole("button", { name: "Take Kent Police off" }).click();
      await second.locator(".govuk-error-summary").waitFor();
      // Once in the summary, once at the form that was sent: not also at the take-up form above it.
      await expect.poll(() => second.locator(".govuk-error-message").count()).toBe(1);
      const href = await second.locator(".govuk-error-summary a").first().getAttribute("href");
      expect(await second.locator(`form:has(button[name="intent"]) ${href}`).count()).toBe(1);
      await expectNoAxeViolations(second, "stale take off");
      // The body is off once, as the first page left it: the stale page now offers to put it back.
      await second.goto(takeUpUrl);
      await expect.poll(() => second.getByRole("button", { name: "Put Kent Police back" }).count(), { timeout: 15_000 }).toBe(1);
    } finally {
      await browser.close();
    }
  });
});
