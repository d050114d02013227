// Issue 12 in real Chromium: the 200-row workbook with ten deliberate problems, uploaded, each problem seen at its
// line and cell, "Met Police" chosen once as the Metropolitan Police Service, the corrected workbook saved whole;
// axe on every step with JavaScript on, and upload to preview with JavaScript off.
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNoAxeViolations, launchBrowser, type Browser } from "../support/browser";
import { createAccount, signIn } from "../support/e2e-accounts";
import { ROOT } from "../support/paths";
import { startServer, type RunningServer } from "../support/server";

const fixture = (name: string) => path.join(ROOT, "tests/fixtures/import", name);
let server: RunningServer;
let officer: { email: string };

beforeAll(async () => {
  server = await startServer();
  officer = createAccount(server, "officer");
  createAccount(server, "manager");
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

async function heading(page: Page, text: string) {
  await page.locator("h1", { hasText: text }).first().waitFor();
}

async function upload(page: Page, file: string) {
  await page.goto(`${server.baseUrl}/import`);
  await heading(page, "Import a spreadsheet");
  await page.getByLabel("Upload a file").setInputFiles(fixture(file));
  await page.getByLabel("Engagements, with their actions").check();
  await page.getByRole("button", { name: "Upload and check" }).click();
  await heading(page, `Check the import of ${file}`);
}

describe("importing the office's spreadsheet", () => {
  let browser: Browser;
  afterAll(async () => browser?.close());

  it("with JavaScript: every problem at its cell, Met Police chosen, the corrected file saved whole", { timeout: 240_000 }, async () => {
    browser = await launchBrowser();
    const page = await browser.context.newPage();
    await signIn(page, server, officer.email);
    await page.getByRole("navigation", { name: "Menu" }).getByRole("link", { name: "Import", exact: true }).click();
    await heading(page, "Import a spreadsheet");
    await expectNoAxeViolations(page, "import upload");

    await upload(page, "engagements-200.xlsx");
    const problems = page.locator("#problems + p + ul");
    for (const text of [
      "Line 13, cell C13 (Organisations): Met Police is not an organisation we know",
      "Line 28, cell A28 (Date): 03/31/2024 looks like a US date",
      "Line 43, cell E43 (Lead officer): Sherlock Holmes is not a member of staff",
      "Line 89, cell B89 (Title): Title is missing",
      "Line 104, cell A104 (Date): 31/02/2024 is not a real date",
      "Line 119, cell C119 (Organisations): Ministry of Magic is not an organisation we know",
      "Line 134, cell D134 (Kind): Kind “Webinar” is not one of",
    ])
      await expect(problems.innerText()).resolves.toContain(text);
    await expect(page.locator(".govuk-inset-text").innerText()).resolves.toMatch(/Line 1 above the headers ignored[\s\S]*Line 73 is blank/);
    await expect(page.locator("#line-58").locator("xpath=..").innerText()).resolves.toContain("The same as line 57: left out");
    await expect(page.locator("#preview-counts").innerText()).resolves.toContain(
      "192 rows to import, 7 rows with problems, 1 row left out",
    );
    await expectNoAxeViolations(page, "import preview with problems");

    // Met Police: the suggestion is already chosen; using it is remembered.
    await expect(
      page
        .getByLabel(/“Met Police”/)
        .locator("option:checked")
        .innerText(),
    ).resolves.toContain("Metropolitan Police Service");
    await page.getByRole("button", { name: "Use this organisation for “Met Police”" }).click();
    await page.getByText("“Met Police” will be read as the organisation you chose").first().waitFor();
    await expect(page.locator("#preview-counts").innerText()).resolves.toContain("193 rows to import, 6 rows with problems");
    await expectNoAxeViolations(page, "import preview after choosing an organisation");

    // Saving with problems left: refused, nothing written, the error summary says why.
    await page.getByRole("button", { name: /Save the import/ }).click();
    await page.locator(".govuk-error-summary").getByText("6 rows have problems: put them right before saving").waitFor();
    await expectNoAxeViolations(page, "import save refused");

    // The corrected workbook: Met Police now known, every row saved.
    await upload(page, "engagements-200-fixed.xlsx");
    await expect(page.locator("#preview-counts").innerText()).resolves.toContain(
      "199 rows to import, 0 rows with problems, 1 row left out",
    );
    await expectNoAxeViolations(page, "import preview ready");
    await page.getByRole("button", { name: "Save the import (199 rows)" }).click();
    await heading(page, "Import of engagements-200-fixed.xlsx");
    await page
      .getByText(/Imported: 199 engagements, 67 actions/)
      .first()
      .waitFor();
    await expectNoAxeViolations(page, "import saved");
  });

  it("without JavaScript: upload, then the preview with its problems", { timeout: 180_000 }, async () => {
    const noJs = await launchBrowser({ javaScriptEnabled: false });
    try {
      const page = await noJs.context.newPage();
      await signIn(page, server, officer.email);
      await upload(page, "engagements-200.csv");
      // Met Police was remembered above: the CSV has six rows with problems left.
      await expect(page.locator("#preview-counts").innerText()).resolves.toContain("6 rows with problems");
      await expect(page.locator("#problems + p + ul").innerText()).resolves.toContain(
        "Line 28, cell A28 (Date): 03/31/2024 looks like a US date",
      );
      // Columns changed without JavaScript: the form posts and the preview follows.
      await page.getByLabel("Lead officer (optional)").selectOption({ label: "Not in this file" });
      await page.getByRole("button", { name: "Update the preview" }).click();
      await heading(page, "Check the import of engagements-200.csv");
      await expect(page.locator("#problems + p + ul").innerText()).resolves.not.toContain("Sherlock Holmes");
    } finally {
      await noJs.close();
    }
  });
});
