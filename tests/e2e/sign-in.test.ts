import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNoAxeViolations, launchBrowser, type Browser } from "../support/browser";
import { createAccount } from "../support/e2e-accounts";
import { startServer, type RunningServer } from "../support/server";

describe("sign-in errors", () => {
  let server: RunningServer;
  let email: string;
  beforeAll(async () => {
    server = await startServer();
    email = createAccount(server, "viewer").email;
  });
  afterAll(async () => {
    await server?.stop();
  });

  for (const javaScriptEnabled of [true, false]) {
    it(`a wrong password shows the error summary and an "Error:" title (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async () => {
      const browser: Browser = await launchBrowser({ javaScriptEnabled });
      try {
        const page = await browser.context.newPage();
        await page.goto(`${server.baseUrl}/organisations`);
        expect(new URL(page.url()).pathname).toBe("/login");
        await page.getByLabel("Email address").fill(email);
        await page.getByLabel("Password").fill("not the right password");
        await page.getByRole("button", { name: "Sign in" }).click();
        await page.getByText("There is a problem").waitFor();
        await expect.poll(() => page.title()).toMatch(/^Error: Sign in/);
        expect(await page.getByLabel("Email address").inputValue()).toBe(email);
        if (javaScriptEnabled) {
          await expectNoAxeViolations(page, "sign-in with errors");
          await page.getByRole("link", { name: "Enter a correct email address and password" }).click();
          expect(await page.evaluate(() => document.activeElement?.id)).toBe("email");
        }
      } finally {
        await browser.close();
      }
    });
  }
});
