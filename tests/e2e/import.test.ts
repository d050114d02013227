// Issue 12 in real Chromium: the 200-row workbook with ten deliberate problems, uploaded, each problem seen at its
// line and cell, "Met Police" chosen once as the Metropolitan Police Service, the corrected workbook saved whole;
// axe on every step with JavaScript on; with JavaScript off the whole journey (upload, map, put right on the
// page, save), a manager's undo by keyboard alone, and a malformed file refused.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNoAxeViolations, expectNoAxeViolationsWithoutScripts, launchBrowser, type Browser } from "../support/browser";
import { createAccount, signIn } from "../support/e2e-accounts";
import { ROOT, TMP } from "../support/paths";
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

/** Tab from the top of the page until `name` has the focus (keyboard only, as someone without a mouse would). */
async function tabTo(page: Page, name: string) {
  await page.locator("body").focus();
  let reached = false;
  for (let i = 0; i < 60 && !reached; i++) {
    await page.keyboard.press("Tab");
    reached = await page.evaluate((wanted) => document.activeElement?.textContent?.trim() === wanted, name);
  }
  expect(reached, `${name} reached by Tab`).toBe(true);
}

describe("importing the office's spreadsheet", () => {
  let browser: Browser;
  afterAll(async () => browser?.close());

  it("with JavaScript: every problem at its cell, Met Police chosen, the corrected file saved whole", { timeout: 240_000 }, async () => {
    browser = await launchBrowser();
    const page = await browser.context.newPage();
    await signIn(page, server, officer.email);
    await page.goto(`${server.baseUrl}/`);
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

  it(
    "without JavaScript: upload, map, put right on the page, save; undone by keyboard; a malformed file refused",
    { timeout: 240_000 },
    async () => {
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
        const leadColumn = await page.getByLabel("Lead officer (optional)").inputValue();
        await page.getByLabel("Lead officer (optional)").selectOption({ label: "Not in this file" });
        await page.getByRole("button", { name: "Update the preview" }).click();
        await heading(page, "Check the import of engagements-200.csv");
        await expect(page.locator("#problems + p + ul").innerText()).resolves.not.toContain("Sherlock Holmes");
        await page.getByLabel("Lead officer (optional)").selectOption(leadColumn);
        await page.getByRole("button", { name: "Update the preview" }).click();
        await heading(page, "Check the import of engagements-200.csv");
        await expect(page.locator("#problems + p + ul").innerText()).resolves.toContain("Sherlock Holmes");

        // Every organisation we do not know chosen (the first in the list where nothing is suggested).
        const aliasForms = page.locator("form:has(input[name=intent][value=alias])");
        for (let left = await aliasForms.count(); left > 0; left--) {
          const select = aliasForms.first().locator("select");
          if (!(await select.inputValue())) await select.selectOption({ index: 1 });
          await aliasForms.first().getByRole("button").click();
          await page.getByText("will be read as the organisation you chose").first().waitFor();
        }
        expect(await aliasForms.count()).toBe(0);

        // The unknown officer is chosen from the staff, for every row naming him.
        await page.getByLabel(/“Sherlock Holmes”/).selectOption({ label: "Test officer" });
        await page.getByRole("button", { name: "Use this member of staff for “Sherlock Holmes”" }).click();
        await page.getByText("“Sherlock Holmes” is now the member of staff you chose").first().waitFor();
        await expectNoAxeViolationsWithoutScripts(page, browser, "import preview with cells to write again, without JavaScript");

        // The other problem cells typed again: one still wrong is shown again at its cell, then put right.
        await page.getByLabel("Line 28, cell A28 (Date)").fill("31/03/2024");
        await page.getByLabel("Line 104, cell A104 (Date)").fill("30/02/2024");
        await page.getByLabel("Line 89, cell B89 (Title)").fill("Title put right on the page");
        await page.getByLabel("Line 134, cell D134 (Kind)").fill("Meeting");
        await page.getByRole("button", { name: "Check these cells again" }).click();
        await page.getByText("Checked again with your changes").first().waitFor();
        await expect(page.locator("#preview-counts").innerText()).resolves.toContain("1 row with problems");
        expect(await page.getByLabel("Line 104, cell A104 (Date)").inputValue()).toBe("30/02/2024");
        await page.getByLabel("Line 104, cell A104 (Date)").fill("28/02/2024");
        await page.getByRole("button", { name: "Check these cells again" }).click();
        await page.getByText("Checked again with your changes").first().waitFor();
        await expect(page.locator("#preview-counts").innerText()).resolves.toContain("0 rows with problems");
        await expectNoAxeViolationsWithoutScripts(page, browser, "import preview put right, without JavaScript");

        await page.getByRole("button", { name: /Save the import/ }).click();
        await heading(page, "Import of engagements-200.csv");
        await page
          .getByText(/Imported: /)
          .first()
          .waitFor();
        const savedAt = page.url();

        // A manager undoes it by keyboard alone, without JavaScript: Tab to the link and the button, Enter on each.
        await signIn(page, server, "manager@example.org");
        await page.goto(savedAt);
        await heading(page, "Import of engagements-200.csv");
        await tabTo(page, "Undo this import");
        await page.keyboard.press("Enter");
        await heading(page, "Undo the import of engagements-200.csv?");
        await expectNoAxeViolationsWithoutScripts(page, browser, "import undo page");
        await tabTo(page, "Undo the import");
        await page.keyboard.press("Enter");
        await page
          .getByText(/Import undone: \d+ records archived/)
          .first()
          .waitFor();
        await expect(page.locator(".govuk-inset-text").innerText()).resolves.toContain("This import was undone");

        // A file that is not a spreadsheet is refused at the upload with its reason, and nothing else happens.
        await page.goto(`${server.baseUrl}/import`);
        await page
          .getByLabel("Upload a file")
          .setInputFiles({ name: "picture.xlsx", mimeType: "image/png", buffer: Buffer.from("%PNG not a sheet") });
        await page.getByRole("button", { name: "Upload and check" }).click();
        await page.locator(".govuk-error-summary").getByText("The file is not a spreadsheet we can read").waitFor();
        await heading(page, "Import a spreadsheet");
        await expectNoAxeViolationsWithoutScripts(page, browser, "import refused: a malformed file");
      } finally {
        await noJs.close();
      }
    },
  );
});

describe("a file over the limit", () => {
  const MB = 1024 * 1024;
  // Written to disk and chosen by path, as a person picks a file: Chromium reads it itself. A buffer would cross the
  // DevTools protocol as base64 (seconds of CPU for 7 MB); the upload the server sees is the same.
  let folder: string;
  beforeAll(() => {
    folder = mkdtempSync(path.join(TMP, "import-over-limit-"));
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));
  const csv = (name: string, bytes: number) => {
    const file = path.join(folder, name);
    writeFileSync(file, Buffer.alloc(bytes, "a"));
    return file;
  };

  it("without JavaScript: just over 5 MB, the import's message at the field; far over, a page saying so, with the 413", async () => {
    const noJs = await launchBrowser({ javaScriptEnabled: false });
    const scanner = await launchBrowser();
    try {
      const page = await noJs.context.newPage();
      await signIn(page, server, officer.email);
      await page.goto(`${server.baseUrl}/import`);
      await page.getByLabel("Upload a file").setInputFiles(csv("just-over.csv", 5 * MB + 10_000));
      await page.getByLabel("Contacts at organisations").check();
      await page.getByRole("button", { name: "Upload and check" }).click();
      await page.locator(".govuk-error-message", { hasText: "The file is larger than 5 MB: split it into smaller files" }).waitFor();
      expect(await page.getByLabel("Contacts at organisations").isChecked()).toBe(true);

      const answered = page.waitForResponse((r) => r.request().method() === "POST");
      await page.getByLabel("Upload a file").setInputFiles(csv("far-over.csv", 7 * MB));
      await page.getByRole("button", { name: "Upload and check" }).click();
      expect((await answered).status()).toBe(413);
      await heading(page, "What you sent is too large");
      expect(await page.title()).toBe("What you sent is too large – Stakeholder Engagement Tracker");
      await expectNoAxeViolationsWithoutScripts(page, scanner, "the too-large page");
      await page.getByRole("link", { name: "Go back to the page you were on" }).click();
      await heading(page, "Import a spreadsheet");
    } finally {
      await noJs.close();
      await scanner.close();
    }
  });

  it("with JavaScript: the page says so at the field before sending anything, and sends a smaller file", async () => {
    const browser = await launchBrowser();
    try {
      const page = await browser.context.newPage();
      await signIn(page, server, officer.email);
      await page.goto(`${server.baseUrl}/import`);
      await heading(page, "Import a spreadsheet");
      const posts: string[] = [];
      page.on("request", (request) => void (request.method() === "POST" && posts.push(request.url())));
      await page.getByLabel("Upload a file").setInputFiles(csv("far-over.csv", 7 * MB));
      await page.getByLabel("Contacts at organisations").check();
      await page.getByRole("button", { name: "Upload and check" }).click();
      await page.locator(".govuk-error-summary", { hasText: "The file is larger than 5 MB: split it into smaller files" }).waitFor();
      await page.locator("#file-error", { hasText: "The file is larger than 5 MB" }).waitFor();
      await expect.poll(() => page.title()).toMatch(/^Error: Import a spreadsheet/);
      expect(posts).toEqual([]);
      await expectNoAxeViolations(page, "the import page with a file over the limit");
      await page.getByLabel("Upload a file").setInputFiles(fixture("engagements-200.csv"));
      await page.getByLabel("Engagements, with their actions").check();
      await page.getByRole("button", { name: "Upload and check" }).click();
      await heading(page, "Check the import of engagements-200.csv");
    } finally {
      await browser.close();
    }
  });
});
