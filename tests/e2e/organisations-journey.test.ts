import { startServerAndBrowser, stopServerAndBrowser } from "../support/server-and-browser";
// The issue-2 journey in real Chromium: first-run setup through the printed link, sign out and in,
// find Europol, add a contact, edit with an invalid value and see the error summary, fix it, sign out.
// Once with JavaScript (axe on every page, error state included) and once without.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNoAxeViolations, launchBrowser, screenshot, type Browser } from "../support/browser";
import { startServer, type RunningServer } from "../support/server";

const ADMIN = { name: "Ada Admin", email: "ada@example.org", password: "a long enough passphrase" };

/** Wait for the page's h1 to read exactly this (a client-side navigation changes the address before it renders). */
async function expectHeading(page: Page, text: string) {
  await page.locator("h1", { hasText: text }).first().waitFor();
  expect((await page.locator("h1").first().innerText()).trim()).toBe(text);
}

async function runJourney(page: Page, server: RunningServer, opts: { axe: boolean; label: string }) {
  const check = async (what: string) => {
    await screenshot(page, `${opts.label}-${what}`);
    if (opts.axe) await expectNoAxeViolations(page, what);
  };

  // First-run setup through the link the server printed; it signs the new admin in.
  expect(server.setupUrl).toBeTruthy();
  await page.goto(server.setupUrl!);
  await page.locator("h1", { hasText: "Create the first admin account" }).waitFor();
  await check("setup");
  await page.getByLabel("Full name").fill(ADMIN.name);
  await page.getByLabel("Email address").fill(ADMIN.email);
  await page.getByLabel("Password", { exact: true }).fill(ADMIN.password);
  await page.getByLabel("Confirm password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Create account and sign in" }).click();
  await page.waitForURL(`${server.baseUrl}/`);
  await expectHeading(page, "Dashboard");
  await check("dashboard");

  // Sign out, and back in through the sign-in page.
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL(/\/login\?signedOut=1$/);
  await page.getByText("You have signed out").first().waitFor();
  await check("signed-out");
  await page.getByLabel("Email address").fill(ADMIN.email);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(`${server.baseUrl}/`);
  await expectHeading(page, "Dashboard");

  // Find Europol with the search box.
  await page.getByRole("navigation", { name: "Menu" }).getByRole("link", { name: "Organisations", exact: true }).click();
  await page.waitForURL(/\/organisations$/);
  await expectHeading(page, "Organisations");
  await page.getByText("113 organisations").first().waitFor();
  await check("organisations");
  await page.getByLabel("Name or short name").fill("Europol");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await page.waitForURL(/\/organisations\?q=Europol/);
  await page.getByText("1 organisation matches your filters").first().waitFor();
  await expect(page.locator("table.govuk-table tbody tr").count()).resolves.toBe(1);
  await check("organisations-search");
  await page.getByRole("link", { name: "European Union Agency for Law Enforcement Cooperation" }).click();
  await page.waitForURL(/\/organisations\/europol$/);
  // Its page is headed by the name people use, with the formal name under it.
  await expectHeading(page, "Europol");
  await expect(page.locator(".app-organisation-full-name").innerText()).resolves.toBe(
    "European Union Agency for Law Enforcement Cooperation",
  );
  await page.getByText("No contacts recorded yet.").first().waitFor();
  await check("europol");

  // Add a contact.
  await page.getByRole("button", { name: "Add a contact" }).click();
  await page.waitForURL(/\/organisations\/europol\/contacts\/new$/);
  await check("contact-new");
  await page.getByLabel("Name").fill("Jan de Vries");
  await page.getByLabel("Role title (optional)").fill("Head of Operations");
  await page.getByLabel("Email address (optional)").fill("jan.devries@example.eu");
  await page.getByLabel("Phone number (optional)").fill("+31 70 302 5000");
  await page.getByRole("button", { name: "Add contact" }).click();
  await page.waitForURL(/\/organisations\/europol#contacts$/);
  await page.getByText("Contact added to European Union Agency for Law Enforcement Cooperation").first().waitFor();
  const row = page.locator("table.govuk-table tbody tr", { hasText: "Jan de Vries" });
  await expect(row.innerText()).resolves.toContain("Head of Operations");
  await expect(row.innerText()).resolves.toContain("In post");
  await check("europol-with-contact");

  // Edit the organisation with an invalid value: the error summary, the link to the field, the title.
  await page.getByRole("link", { name: /^Edit details of / }).click();
  await page.waitForURL(/\/organisations\/europol\/edit$/);
  await check("edit");
  await page.getByLabel("Name", { exact: true }).fill("");
  await page.getByLabel("Notes (optional)").fill("Seat in The Hague. Edited in the journey.");
  await page.getByRole("button", { name: "Save changes" }).click();
  const summary = page.locator(".govuk-error-summary");
  await summary.waitFor();
  await expect(summary.innerText()).resolves.toContain("There is a problem");
  const link = summary.getByRole("link", { name: "Enter the organisation's name" });
  await expect(link.getAttribute("href")).resolves.toBe("#name");
  await expect(page.locator("#name-error").innerText()).resolves.toContain("Enter the organisation's name");
  expect(await page.title()).toMatch(/^Error: /);
  // The rest of the input is kept.
  await expect(page.getByLabel("Notes (optional)").inputValue()).resolves.toBe("Seat in The Hague. Edited in the journey.");
  await expect(page.getByLabel("Short name (optional)").inputValue()).resolves.toBe("Europol");
  await check("edit-error");

  // Fix it and save.
  await page.getByLabel("Name", { exact: true }).fill("European Union Agency for Law Enforcement Cooperation (Europol)");
  await page.getByRole("button", { name: "Save changes" }).click();
  await page.waitForURL(/\/organisations\/europol$/);
  await expectHeading(page, "Europol");
  await page
    .locator(".app-organisation-full-name", { hasText: "European Union Agency for Law Enforcement Cooperation (Europol)" })
    .waitFor();
  expect(await page.title()).not.toMatch(/^Error/);
  await page.getByText("Seat in The Hague. Edited in the journey.").first().waitFor();
  await check("europol-edited");

  // Its history shows the change.
  await page.getByRole("link", { name: /^History of / }).click();
  await page.waitForURL(/\/organisations\/europol\/history$/);
  // The address changes before the page renders: wait for the history's own table, not whatever table is there.
  const history = page.locator("table", { has: page.locator("caption", { hasText: "newest first" }) });
  await history.waitFor();
  await expect(history.innerText()).resolves.toContain("European Union Agency for Law Enforcement Cooperation (Europol)");
  await check("history");

  // Sign out: the organisations are no longer reachable.
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL(/\/login\?signedOut=1$/);
  await page.goto(`${server.baseUrl}/organisations/europol`);
  await page.waitForURL(/\/login\?redirectTo=%2Forganisations%2Feuropol$/);
}

describe("the issue-2 journey with JavaScript", () => {
  let server: RunningServer;
  let browser: Browser;
  beforeAll(async () => ({ server, browser } = await startServerAndBrowser()));
  afterAll(() => stopServerAndBrowser({ server, browser }));

  it("sets up, signs in, finds Europol, adds a contact, corrects an invalid edit and signs out, with no axe violations", async () => {
    const page = await browser.context.newPage();
    await runJourney(page, server, { axe: true, label: "orgs-js" });
  });
});

describe("the issue-2 journey without JavaScript", () => {
  let server: RunningServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser({ javaScriptEnabled: false });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  // axe needs JavaScript, so this run checks behaviour only; the run above checks accessibility.
  it("works the same with plain form posts and server-side errors", async () => {
    const page = await browser.context.newPage();
    await runJourney(page, server, { axe: false, label: "orgs-nojs" });
  });
});
