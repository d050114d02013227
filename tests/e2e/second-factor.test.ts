import type { Page } from "playwright-core";
import { Secret, TOTP } from "otpauth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNoAxeViolations, launchBrowser, type Browser } from "../support/browser";
import { createAccount, E2E_PASSWORD } from "../support/e2e-accounts";
import { startServer, type RunningServer } from "../support/server";

// As the brief for Chromium's DevTools WebAuthn domain: a platform authenticator that verifies the user.
const AUTHENTICATOR = {
  protocol: "ctap2",
  transport: "internal",
  hasResidentKey: true,
  hasUserVerification: true,
  isUserVerified: true,
} as const;

async function heading(page: Page) {
  return (await page.locator("h1").textContent())?.trim();
}

const lastStepUsed = new Map<string, number>();

/**
 * A code the server will take for `secret`: for a 30-second step later than the last one used (a used step is
 * refused) and at most one step ahead of the clock (the window). When both steps in reach are spent, wait for the
 * clock to reach the next one: the server's rule, not a guess at timing.
 */
async function appCode(secret: string): Promise<string> {
  const last = lastStepUsed.get(secret) ?? -1;
  let now = Math.floor(Date.now() / 30_000);
  if (last >= now + 1) {
    await new Promise((resolve) => setTimeout(resolve, last * 30_000 - Date.now() + 50));
    now = Math.floor(Date.now() / 30_000);
  }
  const step = Math.max(now, last + 1);
  lastStepUsed.set(secret, step);
  return new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: "SHA1" }).generate({ timestamp: step * 30_000 });
}

async function passwordStep(page: Page, server: RunningServer, email: string) {
  await page.context().clearCookies();
  await page.goto(`${server.baseUrl}/login`);
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(E2E_PASSWORD);
  await page.getByLabel("Password").press("Enter");
}

async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL(/\/login\?signedOut=1$/);
}

/** Set up an authenticator app from the account page; returns the key as typed and the recovery codes shown. */
async function enrolAuthenticatorApp(page: Page, { scan = true } = {}) {
  await page.getByRole("button", { name: "Set up an authenticator app" }).click();
  await expect.poll(() => page.getByText("1. Add this account to your app").count()).toBe(1);
  const img = page.getByRole("img", { name: /QR code to add your Stakeholder Engagement Tracker account/ });
  expect(await img.getAttribute("src")).toMatch(/^data:image\/svg\+xml;base64,/);
  if (scan) await expectNoAxeViolations(page, "authenticator app set-up");
  const typedKey = (await page.locator("#totp-key").textContent())!;
  expect(typedKey).toMatch(/^([A-Z2-7]{4} )+[A-Z2-7]{1,4}$/);
  const secret = typedKey.replace(/\s/g, "");
  await page.getByLabel("Code from your authenticator app").fill(await appCode(secret));
  await page.getByRole("button", { name: "Turn on" }).click();
  await page.waitForURL(/\/account\/recovery-codes$/);
  await page.locator(".app-recovery-codes").waitFor();
  const codes = await page.locator(".app-recovery-codes code").allTextContents();
  expect(codes).toHaveLength(10);
  if (scan) await expectNoAxeViolations(page, "recovery codes shown once");
  return { secret, codes };
}

describe("a second factor in the browser", () => {
  let server: RunningServer;
  let browser: Browser;
  let noScriptBrowser: Browser;
  let totpSecret = "";
  let recoveryCodes: string[] = [];
  let adminSecret = "";

  beforeAll(async () => {
    server = await startServer();
    createAccount(server, "officer", "olu@example.org", "Olu Officer");
    createAccount(server, "viewer", "pat@example.org", "Pat Passkey");
    createAccount(server, "admin", "ada@example.org", "Ada Admin");
    createAccount(server, "viewer", "vic@example.org", "Vic Viewer");
    createAccount(server, "officer", "cal@example.org", "Cal Changer");
    createAccount(server, "officer", "jo@example.org", "Jo Nojs");
    [browser, noScriptBrowser] = await Promise.all([launchBrowser(), launchBrowser({ javaScriptEnabled: false })]);
  });
  afterAll(async () => {
    await browser?.close();
    await noScriptBrowser?.close();
    await server?.stop();
  });

  it("an officer sets up an authenticator app from their account page, then signs in with password and code", async () => {
    const page = await browser.context.newPage();
    await passwordStep(page, server, "olu@example.org");
    await page.waitForURL(`${server.baseUrl}/`);
    await page.getByRole("link", { name: "Your account" }).click();
    await expect.poll(() => heading(page)).toBe("Your account");
    expect(await page.getByRole("link", { name: "See and end your sessions" }).getAttribute("href")).toBe("/account/sessions");
    await expectNoAxeViolations(page, "account hub");
    await page.getByRole("link", { name: "Set up authenticator app" }).click();
    await expect.poll(() => heading(page)).toBe("Authenticator app");
    await expectNoAxeViolations(page, "authenticator app, none yet");

    ({ secret: totpSecret, codes: recoveryCodes } = await enrolAuthenticatorApp(page));
    // Shown once: a reload shows how many are left, not the codes.
    await page.reload();
    await expect.poll(() => page.getByText("You have 10 unused recovery codes").count()).toBe(1);
    expect(await page.locator(".app-recovery-codes").count()).toBe(0);

    await expectNoAxeViolations(page, "recovery codes, how many left");
    await page.goto(`${server.baseUrl}/account/two-factor`);
    await page.getByRole("button", { name: "Turn off the authenticator app" }).waitFor();
    await expectNoAxeViolations(page, "authenticator app on");
    await page.goto(`${server.baseUrl}/account`);
    await expect.poll(() => page.getByText(/^On since/).count()).toBe(1);
    await signOut(page);

    await passwordStep(page, server, "olu@example.org");
    await page.waitForURL(`${server.baseUrl}/login/second-factor`);
    await expect.poll(() => heading(page)).toBe("Check it’s you");
    await expectNoAxeViolations(page, "second factor at sign-in");

    // A wrong code: the error summary, focused, and the field keeps working.
    await page.getByLabel("Code from your authenticator app").fill("000000");
    await page.getByLabel("Code from your authenticator app").press("Enter");
    await page.locator(".govuk-error-summary").waitFor();
    expect(await page.locator(".govuk-error-summary").textContent()).toMatch(/The code is not right\. You can try 4 more times/);
    await expect.poll(() => page.title()).toMatch(/^Error: Check it’s you/);
    await expectNoAxeViolations(page, "second factor with an error");

    // Keyboard only: the error link takes focus to the field; type and press Enter.
    await page.getByRole("link", { name: /The code is not right/ }).press("Enter");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("code");
    await page.keyboard.press("Control+A");
    await page.keyboard.type(await appCode(totpSecret));
    await page.keyboard.press("Enter");
    await page.waitForURL(`${server.baseUrl}/`);
    await page.close();
  });

  it("a recovery code signs in once, and not twice", async () => {
    const page = await browser.context.newPage();
    for (const attempt of ["first", "second"]) {
      await passwordStep(page, server, "olu@example.org");
      await page.waitForURL(`${server.baseUrl}/login/second-factor`);
      await page.getByText("Use a recovery code instead").click();
      await page.getByLabel("Recovery code").fill(recoveryCodes[0]);
      await page.getByRole("button", { name: "Use recovery code" }).click();
      if (attempt === "first") {
        await page.waitForURL(`${server.baseUrl}/`);
        await signOut(page);
      } else {
        await page.locator(".govuk-error-summary").waitFor();
        expect(await page.locator(".govuk-error-summary").textContent()).toMatch(/That recovery code is not right or has been used/);
        expect(new URL(page.url()).pathname).toBe("/login/second-factor");
        await expectNoAxeViolations(page, "recovery code used twice");
      }
    }
    await page.close();
  });

  it("with JavaScript off, the code path works and the page says passkeys need JavaScript", async () => {
    // Its own account and app, set up here without JavaScript: a code of the first test's app would be its third
    // 30-second step, so the test would wait for the clock (a used step is refused; at most one step ahead is taken).
    const page = await noScriptBrowser.context.newPage();
    await passwordStep(page, server, "jo@example.org");
    await page.waitForURL(`${server.baseUrl}/`);
    await page.goto(`${server.baseUrl}/account/two-factor`);
    const { secret } = await enrolAuthenticatorApp(page, { scan: false });
    await passwordStep(page, server, "jo@example.org");
    await page.waitForURL(`${server.baseUrl}/login/second-factor`);
    await page.getByLabel("Code from your authenticator app").fill("12345");
    await page.getByRole("button", { name: "Continue" }).click();
    await page.getByText("The code must be 6 digits, like 123456").first().waitFor();
    expect(await page.title()).toMatch(/^Error: /);
    await page.getByLabel("Code from your authenticator app").fill(await appCode(secret));
    await page.getByRole("button", { name: "Continue" }).click();
    await page.waitForURL(`${server.baseUrl}/`);
    await page.goto(`${server.baseUrl}/account/passkeys`);
    await page.getByText("Adding a passkey needs JavaScript").waitFor();
    await page.close();
  });

  it("a person changes their password from the account page: a wrong current one is refused, and their other sessions end", async () => {
    const other = await noScriptBrowser.context.newPage();
    await passwordStep(other, server, "cal@example.org");
    await other.waitForURL(`${server.baseUrl}/`);

    const page = await browser.context.newPage();
    await passwordStep(page, server, "cal@example.org");
    await page.waitForURL(`${server.baseUrl}/`);
    await page.getByRole("link", { name: "Your account" }).click();
    await page.getByRole("link", { name: "Change password" }).click();
    await expect.poll(() => heading(page)).toBe("Change your password");
    await expectNoAxeViolations(page, "change password");
    await page.getByLabel("Current password").fill("not my password at all");
    await page.getByLabel("New password", { exact: true }).fill("a brand new passphrase");
    await page.getByLabel("Confirm new password").fill("a brand new passphrase");
    await page.getByRole("button", { name: "Change password" }).click();
    await page.locator(".govuk-error-summary").getByText("Your current password is not right").waitFor();
    await expectNoAxeViolations(page, "change password refused");
    await page.getByLabel("Current password").fill(E2E_PASSWORD);
    await page.getByLabel("New password", { exact: true }).fill("a brand new passphrase");
    await page.getByLabel("Confirm new password").fill("a brand new passphrase");
    await page.getByRole("button", { name: "Change password" }).click();
    await page.getByText("Your password has been changed.").waitFor();
    expect(new URL(page.url()).pathname).toBe("/account");

    // This browser stays signed in (with a new session id); the other one is signed out.
    await page.goto(`${server.baseUrl}/engagements`);
    await expect.poll(() => heading(page)).toBe("Engagements");
    await other.goto(`${server.baseUrl}/engagements`);
    expect(new URL(other.url()).pathname).toBe("/login");
    await other.close();
    await page.close();
  });

  it("passkeys: a viewer registers two in Chromium's virtual authenticators, signs in with one, and removes the other", async () => {
    const page = await browser.context.newPage();
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("WebAuthn.enable");
    const laptop = await cdp.send("WebAuthn.addVirtualAuthenticator", { options: AUTHENTICATOR });
    await passwordStep(page, server, "pat@example.org");
    await page.waitForURL(`${server.baseUrl}/`);
    await page.goto(`${server.baseUrl}/account/passkeys`);
    await expect.poll(() => heading(page)).toBe("Passkeys");
    await expectNoAxeViolations(page, "passkeys, none yet");
    // A name is needed first.
    await page.getByRole("button", { name: "Add a passkey" }).click();
    await page.locator(".govuk-error-summary").waitFor();
    await expectNoAxeViolations(page, "passkey without a name");
    await page.getByLabel("Name for this passkey").fill("Work laptop");
    await page.getByRole("button", { name: "Add a passkey" }).click();
    // The first factor brings recovery codes.
    await page.waitForURL(/\/account\/recovery-codes$/);
    await expect.poll(() => page.locator(".app-recovery-codes code").count()).toBe(10);

    // The same authenticator again is refused: the browser is told which passkeys exist.
    await page.goto(`${server.baseUrl}/account/passkeys`);
    await page.getByLabel("Name for this passkey").fill("Same laptop again");
    await page.getByRole("button", { name: "Add a passkey" }).press("Enter");
    await page.locator(".govuk-error-summary").getByText("This passkey is already registered").waitFor();
    // A second authenticator (a security key) makes a second passkey.
    await cdp.send("WebAuthn.removeVirtualAuthenticator", { authenticatorId: laptop.authenticatorId });
    await cdp.send("WebAuthn.addVirtualAuthenticator", { options: AUTHENTICATOR });
    await page.getByLabel("Name for this passkey").fill("Spare key");
    await page.getByRole("button", { name: "Add a passkey" }).click();
    await page.getByText("Passkey “Spare key” added.").waitFor();
    const rows = page.locator("table tbody tr");
    expect(await rows.allTextContents()).toEqual([expect.stringContaining("Work laptop"), expect.stringContaining("Spare key")]);
    await expectNoAxeViolations(page, "passkeys listed");
    await signOut(page);

    await passwordStep(page, server, "pat@example.org");
    await page.waitForURL(`${server.baseUrl}/login/second-factor`);
    await expectNoAxeViolations(page, "second factor with a passkey");
    await page.getByRole("button", { name: "Sign in with a passkey" }).focus();
    await page.keyboard.press("Enter");
    await page.waitForURL(`${server.baseUrl}/`);

    // Signed in with the spare key (the one this browser now holds): it shows as used, and the other can go.
    await page.goto(`${server.baseUrl}/account/passkeys`);
    expect(await page.locator("table tbody tr").nth(1).textContent()).not.toContain("Not yet");
    expect(await page.locator("table tbody tr").nth(0).textContent()).toContain("Not yet");
    await page.getByRole("button", { name: "Remove passkey Work laptop" }).click();
    await page.getByText("Passkey “Work laptop” removed.").waitFor();
    expect(await page.locator("table tbody tr").count()).toBe(1);
    await page.close();

    // Without JavaScript the page says a passkey needs it, and the recovery codes still work.
    const noScript = await noScriptBrowser.context.newPage();
    await passwordStep(noScript, server, "pat@example.org");
    await noScript.waitForURL(`${server.baseUrl}/login/second-factor`);
    await noScript.getByText("Passkeys need JavaScript, which is off in this browser.").waitFor();
    expect(await noScript.getByRole("button", { name: "Sign in with a passkey" }).count()).toBe(0);
    expect(await noScript.getByLabel("Recovery code").isVisible()).toBe(true);
    await noScript.close();
  });

  it("when an admin requires a second factor, a viewer without one is taken to set it up before anything else", async () => {
    const admin = await browser.context.newPage();
    await passwordStep(admin, server, "ada@example.org");
    await admin.waitForURL(`${server.baseUrl}/`);
    await admin.goto(`${server.baseUrl}/admin/users`);
    await admin.getByRole("link", { name: "Sign-in security settings" }).click();
    await expect.poll(() => heading(admin)).toBe("Sign-in security");
    await expectNoAxeViolations(admin, "sign-in security");
    // Password sign-in cannot go while office sign-in is not configured.
    await admin.getByLabel("Off: office sign-in only").check();
    await admin.getByRole("button", { name: "Save settings" }).click();
    await admin.locator(".govuk-error-summary").waitFor();
    await expectNoAxeViolations(admin, "sign-in security refused");
    await admin.getByLabel("On: people may sign in with their email address and password").check();
    await admin.getByLabel("Required of everyone").check();
    await admin.getByRole("button", { name: "Save settings" }).click();
    // Saved, and the admin has no second factor either: they are the first to be sent to set one up.
    await admin.waitForURL(`${server.baseUrl}/account/two-factor`);
    ({ secret: adminSecret } = await enrolAuthenticatorApp(admin, { scan: false }));
    await admin.goto(`${server.baseUrl}/admin/security`);
    expect(await admin.getByLabel("Required of everyone").isChecked()).toBe(true);
    await admin.close();

    const page = await browser.context.newPage();
    await passwordStep(page, server, "vic@example.org");
    await page.waitForURL(`${server.baseUrl}/account/two-factor`);
    await page.getByText("The office requires a second factor").waitFor();
    await expectNoAxeViolations(page, "second factor required");
    await page.goto(`${server.baseUrl}/engagements`);
    await page.waitForURL(`${server.baseUrl}/account/two-factor`);
    await enrolAuthenticatorApp(page, { scan: false });
    await page.goto(`${server.baseUrl}/engagements`);
    await expect.poll(() => heading(page)).toBe("Engagements");
    await page.close();
  });

  it("an admin resets a person's second factor; they sign in with the password and are sent to set one up again", async () => {
    const admin = await browser.context.newPage();
    await passwordStep(admin, server, "ada@example.org");
    await admin.waitForURL(`${server.baseUrl}/login/second-factor`);
    await admin.getByLabel("Code from your authenticator app").fill(await appCode(adminSecret));
    await admin.getByRole("button", { name: "Continue" }).click();
    await admin.waitForURL(`${server.baseUrl}/`);
    await admin.goto(`${server.baseUrl}/admin/users`);
    await admin.getByRole("link", { name: "Olu Officer" }).click();
    await admin.getByRole("button", { name: "Reset second factor" }).click();
    await expect.poll(() => heading(admin)).toBe("Reset Olu Officer's second factor?");
    await expectNoAxeViolations(admin, "reset second factor");
    await admin.getByRole("button", { name: "Reset second factor" }).click();
    await admin.getByText(/second factors have been reset/).waitFor();
    await admin.close();

    const page = await browser.context.newPage();
    await passwordStep(page, server, "olu@example.org");
    // Required of everyone, so straight to setting one up again.
    await page.waitForURL(`${server.baseUrl}/account/two-factor`);
    await page.close();
  });
});

describe("REQUIRE_MFA=true", () => {
  let server: RunningServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await startServer({ REQUIRE_MFA: "true" });
    createAccount(server, "manager", "max@example.org", "Max Manager");
    browser = await launchBrowser({ javaScriptEnabled: false });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("forces enrolment at sign-in, without JavaScript too, and then the code is asked at every sign-in", async () => {
    const page = await browser.context.newPage();
    await passwordStep(page, server, "max@example.org");
    await page.waitForURL(`${server.baseUrl}/account/two-factor`);
    await page.goto(`${server.baseUrl}/actions`);
    await page.waitForURL(`${server.baseUrl}/account/two-factor`);
    const { secret } = await enrolAuthenticatorApp(page, { scan: false });
    await page.goto(`${server.baseUrl}/actions`);
    await expect.poll(() => heading(page)).not.toBe("Authenticator app");
    await passwordStep(page, server, "max@example.org");
    await page.waitForURL(`${server.baseUrl}/login/second-factor`);
    await page.getByLabel("Code from your authenticator app").fill(await appCode(secret));
    await page.getByRole("button", { name: "Continue" }).click();
    await page.waitForURL(`${server.baseUrl}/`);
    await page.close();
  });
});
