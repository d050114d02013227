import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNoAxeViolations, launchBrowser, screenshot, type Browser } from "../support/browser";
import { createAccount, signIn, signInOnThePage } from "../support/e2e-accounts";
import { startServer, type RunningServer } from "../support/server";

const OFFICER_PASSWORD = "officer passphrase typed by keyboard";

// The address changes before the new page is drawn: poll what is on screen rather than read it once.

async function heading(page: Page) {
  return (await page.locator("h1").textContent())?.trim();
}

describe("staff accounts in the browser", () => {
  let server: RunningServer;
  let adminBrowser: Browser;
  let officerBrowser: Browser;
  beforeAll(async () => {
    server = await startServer();
    createAccount(server, "admin", "ada@example.org", "Ada Admin");
    [adminBrowser, officerBrowser] = await Promise.all([launchBrowser(), launchBrowser()]);
  });
  afterAll(async () => {
    await adminBrowser?.close();
    await officerBrowser?.close();
    await server?.stop();
  });

  it("an admin creates an officer account with the keyboard alone, the officer signs in, and deactivation signs them out", async () => {
    const admin = await adminBrowser.context.newPage();
    await signIn(admin, server, "ada@example.org");

    await admin.goto(`${server.baseUrl}/admin/users`);
    await expect.poll(() => heading(admin)).toBe("Staff accounts");
    await expectNoAxeViolations(admin, "staff accounts");
    await admin.getByRole("button", { name: "Create an account" }).click();
    await admin.waitForURL(`${server.baseUrl}/admin/users/new`);
    await expectNoAxeViolations(admin, "create an account");

    // Submitting the empty form shows the error summary, linked to each field.
    await admin.getByRole("button", { name: "Create account" }).click();
    const summary = admin.locator(".govuk-error-summary");
    await summary.waitFor();
    expect(await admin.title()).toMatch(/^Error: Create an account/);
    expect(await summary.locator("a").allTextContents()).toEqual([
      "Enter the person's full name",
      "Enter an email address",
      "Select a role",
      "Enter a password",
      "Enter the password again",
    ]);
    await expectNoAxeViolations(admin, "create an account with errors");
    await screenshot(admin, "admin-new-errors");

    // Keyboard only: from the error summary (which has focus), Tab past its links into the form,
    // then type, Tab, arrow keys for the role and Enter to submit.
    expect(await admin.evaluate(() => document.activeElement?.classList.contains("govuk-error-summary"))).toBe(true);
    for (let i = 0; i < 10 && (await admin.evaluate(() => document.activeElement?.id)) !== "name"; i++) await admin.keyboard.press("Tab");
    expect(await admin.evaluate(() => document.activeElement?.id)).toBe("name");
    await admin.keyboard.type("Olly Officer");
    await admin.keyboard.press("Tab");
    await admin.keyboard.type("olly@example.org");
    await admin.keyboard.press("Tab"); // into the role radios: Viewer
    await admin.keyboard.press("ArrowDown"); // Officer
    await admin.keyboard.press("Tab");
    await admin.keyboard.type(OFFICER_PASSWORD);
    await admin.keyboard.press("Tab");
    await admin.keyboard.type(OFFICER_PASSWORD);
    await admin.keyboard.press("Enter");
    await admin.waitForURL(/\/admin\/users\/\d+$/);
    const accountUrl = admin.url();
    await expect.poll(() => heading(admin)).toBe("Olly Officer");
    await expect.poll(() => admin.locator(".govuk-notification-banner").textContent()).toContain("Account created for Olly Officer");
    await expect.poll(() => admin.locator(".govuk-summary-list").textContent()).toContain("Officer");
    await expectNoAxeViolations(admin, "account page");

    // The officer signs in with the password the admin set.
    const officer = await officerBrowser.context.newPage();
    await signInOnThePage(officer, server, "olly@example.org", OFFICER_PASSWORD);
    expect(new URL(officer.url()).pathname).toBe("/");
    // An officer cannot reach the admin pages.
    const refused = await officer.goto(`${server.baseUrl}/admin/users`);
    expect(refused?.status()).toBe(403);
    await expect.poll(() => heading(officer)).toBe("You do not have permission to see or do this");

    // The admin deactivates the account, confirming with the keyboard.
    await admin.getByRole("button", { name: "Deactivate account" }).click();
    await admin.waitForURL(`${accountUrl}/status`);
    await expect.poll(() => heading(admin)).toBe("Deactivate Olly Officer's account?");
    await expectNoAxeViolations(admin, "deactivate account");
    await admin.getByRole("button", { name: "Deactivate account" }).focus();
    await admin.keyboard.press("Enter");
    await admin.waitForURL(accountUrl);
    await expect.poll(() => admin.locator(".govuk-notification-banner").textContent()).toContain("deactivated and their sessions ended");
    await expect.poll(() => admin.locator(".govuk-summary-list .govuk-tag").textContent()).toBe("Deactivated");
    await expectNoAxeViolations(admin, "deactivated account page");

    // The officer's next page load lands on sign in, and they cannot sign back in.
    await officer.goto(`${server.baseUrl}/`);
    expect(new URL(officer.url()).pathname).toBe("/login");
    await officer.getByLabel("Email address").fill("olly@example.org");
    await officer.getByLabel("Password").fill(OFFICER_PASSWORD);
    await officer.getByRole("button", { name: "Sign in" }).click();
    await officer.locator(".govuk-error-summary").waitFor();
    expect(new URL(officer.url()).pathname).toBe("/login");

    // The audit trail shows the deactivation, filtered with the keyboard, with its changes.
    await admin.goto(`${server.baseUrl}/admin/audit`);
    await expect.poll(() => heading(admin)).toBe("Audit trail");
    await expectNoAxeViolations(admin, "audit trail");
    await admin.getByLabel("What happened").selectOption({ label: "Account deactivated" });
    await admin.getByLabel("Text contains").focus();
    await admin.keyboard.type("olly");
    await admin.keyboard.press("Enter");
    await admin.waitForURL(/action=deactivate/);
    const rows = admin.locator("main table").first().locator(":scope > tbody > tr");
    await expect.poll(() => rows.count()).toBe(1);
    await expect(rows.first().textContent()).resolves.toContain("Account olly@example.org deactivated");
    await rows.first().locator("summary").focus();
    await admin.keyboard.press("Enter");
    await expect(rows.first().locator("details").getAttribute("open")).resolves.not.toBeNull();
    await expect(rows.first().locator("details table").textContent()).resolves.toMatch(/Deactivated at\(empty\)\d{1,2} \w+ \d{4} at/);
    await expectNoAxeViolations(admin, "audit trail filtered, changes open");
    await screenshot(admin, "admin-audit-filtered");

    // Bad filter values are explained, not fatal.
    await admin.goto(`${server.baseUrl}/admin/audit?from=31/02/2026&actor=nobody`);
    expect(await admin.title()).toMatch(/^Error: Audit trail/);
    await expect.poll(() => admin.locator(".govuk-error-summary").textContent()).toContain("The from date must be a real date");
    await expectNoAxeViolations(admin, "audit trail with filter errors");
  });

  it("without JavaScript, the create form shows the server's errors, keeps the input, and creates the account", async () => {
    const noJs = await launchBrowser({ javaScriptEnabled: false });
    try {
      const page = await noJs.context.newPage();
      await signIn(page, server, "ada@example.org");
      await page.goto(`${server.baseUrl}/admin/users/new`);
      await page.getByLabel("Full name").fill("<b>Nina</b> No-Script");
      await page.getByLabel("Email address").fill("nina@example.org");
      await page.getByLabel("Viewer").check();
      await page.getByLabel("Password", { exact: true }).fill("too short");
      await page.getByRole("button", { name: "Create account" }).click();
      await page.locator(".govuk-error-summary").waitFor();
      expect(await page.title()).toMatch(/^Error: Create an account/);
      await expect(page.locator("#password-error").textContent()).resolves.toContain("Password must be at least 12 characters");
      expect(await page.getByLabel("Full name").inputValue()).toBe("<b>Nina</b> No-Script");
      expect(await page.getByLabel("Email address").inputValue()).toBe("nina@example.org");
      expect(await page.getByLabel("Viewer").isChecked()).toBe(true);
      expect(await page.getByLabel("Password", { exact: true }).inputValue()).toBe("");

      await page.getByLabel("Password", { exact: true }).fill("a long enough passphrase");
      await page.getByLabel("Confirm password").fill("a long enough passphrase");
      await page.getByRole("button", { name: "Create account" }).click();
      await page.waitForURL(/\/admin\/users\/\d+$/);
      // Markup typed into a name is shown as text.
      await expect.poll(() => heading(page)).toBe("<b>Nina</b> No-Script");
      expect(await page.locator("h1 b").count()).toBe(0);

      // Reset the password and deactivate, still without JavaScript.
      await page.getByRole("button", { name: "Reset password" }).click();
      await page.waitForURL(/\/password$/);
      await page.getByLabel("New password", { exact: true }).fill("another long passphrase");
      await page.getByLabel("Confirm new password").fill("another long passphrase");
      await page.getByRole("button", { name: "Reset password" }).click();
      await page.waitForURL(/\/admin\/users\/\d+$/);
      await expect(page.locator(".govuk-notification-banner").textContent()).resolves.toContain("password has been reset");
      await page.getByRole("button", { name: "Deactivate account" }).click();
      await page.waitForURL(/\/status$/);
      await page.getByRole("button", { name: "Deactivate account" }).click();
      await page.waitForURL(/\/admin\/users\/\d+$/);
      await expect(page.locator(".govuk-summary-list .govuk-tag").textContent()).resolves.toBe("Deactivated");
    } finally {
      await noJs.close();
    }
  });
});
