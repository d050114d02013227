import { spawnSync } from "node:child_process";
import Database from "better-sqlite3";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNoAxeViolations, launchBrowser, screenshot, type Browser } from "../support/browser";
import { createAccount, signIn } from "../support/e2e-accounts";
import { holdBack } from "../support/hold-back";
import { ROOT } from "../support/paths";
import { seedActionsForBrowserTests, type SeededActions } from "../support/seed-e2e-actions";
import { startServer, type RunningServer } from "../support/server";

const OVERDUE_NCA_COMMITMENTS = "/actions?owner=all&due=overdue&kind=commitment&organisation=national-crime-agency";

async function overdueOnDashboard(page: Page, server: RunningServer): Promise<number> {
  await page.goto(`${server.baseUrl}/`);
  const text = await page.locator(".app-figure", { hasText: "Overdue actions" }).locator(".app-figure__number").textContent();
  return Number(text!.replace(/,/g, ""));
}

describe("the manager's review of outstanding actions", () => {
  let server: RunningServer;
  let seeded: SeededActions;

  beforeAll(async () => {
    server = await startServer();
    // Realistic surroundings first (a few hundred demo engagements), then the actions this test acts on.
    const demo = spawnSync(
      process.execPath,
      // The compiled script `npm test` builds: running the TypeScript through tsx compiled it again every time.
      [path.join(ROOT, "build/scripts/seed-demo.js"), "--engagements", "300"],
      {
        cwd: ROOT,
        env: { ...process.env, DATABASE_PATH: server.databasePath },
        encoding: "utf8",
      },
    );
    if (demo.status !== 0) throw new Error(`seed:demo failed: ${demo.stderr}${demo.stdout}`);
    createAccount(server, "manager", "manager@example.org", "Morgan Manager");
    seeded = seedActionsForBrowserTests(server.databasePath);
  });
  afterAll(async () => {
    await server?.stop();
  });

  describe("with JavaScript", () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await launchBrowser();
    });
    afterAll(async () => {
      await browser?.close();
    });

    it("filters to overdue NCA commitments, closes two at once, and sees the dashboard count fall by two", async () => {
      const page = await browser.context.newPage();
      await signIn(page, server, "manager@example.org");
      const before = await overdueOnDashboard(page, server);
      expect(before).toBeGreaterThanOrEqual(5);
      await expect.poll(() => page.locator("h1").textContent()).toBe("Dashboard");
      await expectNoAxeViolations(page, "dashboard");
      await screenshot(page, "actions-dashboard");

      await page.getByRole("link", { name: "Actions", exact: true }).click();
      await page.waitForURL(/\/actions$/);
      await expectNoAxeViolations(page, "register");
      await page.getByLabel("Whose", { exact: true }).selectOption("all");
      await page.getByLabel("Due", { exact: true }).selectOption("overdue");
      await page.getByLabel("Kind", { exact: true }).selectOption("commitment");
      await page.getByLabel("Organisation", { exact: true }).selectOption("national-crime-agency");
      await page.getByRole("button", { name: "Apply filters" }).click();
      await page.waitForURL(
        (url) => url.searchParams.get("organisation") === "national-crime-agency" && url.searchParams.get("due") === "overdue",
      );
      const rows = page.locator(".app-register-table tbody tr");
      // The address changes before the filtered rows are drawn: wait until the table shows the filter.
      await expect
        .poll(async () => (await rows.allTextContents()).every((text) => text.includes("Overdue") && text.includes("NCA")))
        .toBe(true);
      const count = await rows.count();
      expect(count).toBeGreaterThanOrEqual(4);
      for (let i = 0; i < count; i++) {
        await expect(rows.nth(i).getByText("Overdue", { exact: true }).count()).resolves.toBe(1);
        await expect.poll(() => rows.nth(i).textContent()).toContain("Commitment");
      }
      await expectNoAxeViolations(page, "register filtered");
      await screenshot(page, "actions-register-filtered");

      // Nothing selected: the error is shown at the table, and the page still passes axe.
      await page.getByLabel("Mark as done").check();
      await page.getByRole("button", { name: "Apply to the selected actions" }).click();
      await expect.poll(() => page.locator(".govuk-error-summary").textContent()).toContain("Select at least one action");
      await expect(page.title()).resolves.toMatch(/^Error: /);
      await expectNoAxeViolations(page, "register with errors");

      await page.getByLabel("Select: NCA overdue 1: share the referral figures for the quarter").check();
      await page.getByLabel("Select: NCA overdue 2: send the joint letter to chief constables").check();
      await page.getByLabel("Mark as done").check();
      await page.getByLabel("Closing note").fill("Both sent to the NCA on Monday");
      await page.getByRole("button", { name: "Apply to the selected actions" }).click();
      await expect.poll(() => page.locator(".govuk-notification-banner--success").textContent()).toContain("2 actions marked as done");
      await expect(page.getByRole("link", { name: /^NCA overdue 1:/ }).count()).resolves.toBe(0);
      await expect(page.getByRole("link", { name: /^NCA overdue 2:/ }).count()).resolves.toBe(0);
      await expect(page.getByRole("link", { name: /^NCA overdue 3:/ }).count()).resolves.toBe(1);
      expect(page.url()).toContain("organisation=national-crime-agency");
      await expectNoAxeViolations(page, "register after bulk close");

      expect(await overdueOnDashboard(page, server)).toBe(before - 2);

      await page.goto(`${server.baseUrl}/actions/${seeded.actionIds["NCA overdue 1"]}`);
      await expect.poll(() => page.locator("h1").textContent()).toContain("NCA overdue 1");
      await expect.poll(() => page.locator(".govuk-summary-list").textContent()).toContain("Both sent to the NCA on Monday");
      await expectNoAxeViolations(page, "closed action page");
      await page.goto(`${server.baseUrl}/actions/${seeded.actionIds["NCA next week"]}`);
      await expectNoAxeViolations(page, "open action page");
      await screenshot(page, "actions-action-page");
      // The one-at-a-time form: a missing closing note is refused at the field.
      await page.getByRole("button", { name: "Mark as done" }).click();
      await expect.poll(() => page.locator("#closingNote-error").textContent()).toContain("Enter a closing note");
      await expectNoAxeViolations(page, "action page with an error");

      await page.goto(`${server.baseUrl}/coverage`);
      await expect(page.locator("#forces tbody tr").count()).resolves.toBe(46);
      await expectNoAxeViolations(page, "coverage");
      await page
        .getByRole("link", { name: /Engagements in period/ })
        .first()
        .click();
      await page.waitForURL(/sort=engagements/);
      await expect.poll(() => page.locator("#forces th[aria-sort=ascending]").count()).toBe(1);
      await screenshot(page, "actions-coverage");
      // A force's open actions are its own and its policing body's: the count's link lists as many, and the register says so.
      const kentActions = page.getByRole("link", { name: /^\d+ open actions with Kent Police and its local policing body$/ });
      const shown = Number((await kentActions.textContent())?.match(/^\d+/)?.[0]);
      expect(shown).toBeGreaterThan(0);
      await kentActions.click();
      await page.waitForURL(/\/actions\?/);
      await expect
        .poll(() => page.locator("#organisations-shown").textContent())
        .toBe("Showing the actions of Kent Police and its local policing body, Kent PCC.");
      await expect(page.locator("#results-heading").textContent()).resolves.toBe(
        shown === 1 ? "1 outstanding action matches these filters" : `${shown} outstanding actions match these filters`,
      );
      await expect(page.locator("select[name=organisation] option:checked").textContent()).resolves.toBe(
        `Kent Police and its local policing body, Kent PCC (${shown})`,
      );
      await expectNoAxeViolations(page, "actions of a force and its policing body");
      await page.close();
    });

    it("a box ticked after an error, while the page is still catching up with the server, stays ticked and keeps focus", async () => {
      const page = await browser.context.newPage();
      await signIn(page, server, "manager@example.org");
      await page.goto(`${server.baseUrl}/actions?owner=all&organisation=national-crime-agency&due=overdue`);
      // GOV.UK Frontend starts after hydration (app/root.tsx): from then on the form is submitted by the page's script.
      await page.locator("[data-govuk-checkboxes-init]").first().waitFor({ state: "attached" });
      // After a submission comes back with errors, the page shows them at once and then reloads its data. Hold that
      // reload back, as a slow server or connection would, while the person ticks a box.
      const release = await holdBack(page, /[?&]_data=/, (request) => request.method() === "GET");
      await page.getByLabel("Mark as done").check();
      await page.getByRole("button", { name: "Apply to the selected actions" }).click();
      await page.locator(".govuk-error-summary", { hasText: "Select at least one action" }).waitFor();
      const box = page.getByLabel("Select: NCA overdue 3: confirm attendance at the training day");
      await box.check();
      const reloaded = page.waitForResponse((response) => response.request().method() === "GET" && /_data=routes/.test(response.url()));
      release();
      await reloaded;
      await page.waitForFunction(
        () =>
          (window as unknown as { __remixRouter: { state: { navigation: { state: string } } } }).__remixRouter.state.navigation.state ===
          "idle",
      );
      expect(await box.isChecked()).toBe(true);
      expect(await page.getByLabel("Mark as done").isChecked()).toBe(true);
      // Nor has focus jumped back to the error summary: the next Space still ticks or unticks the box.
      expect(await page.evaluate(() => document.activeElement?.id)).toBe(await box.getAttribute("id"));
      await page.close();
    });

    it("words matching more than 1,000 actions: says 'more than', offers the filters without figures, pages as usual", async () => {
      // 1,001 undated office actions with a word nothing else has (undated: the other tests' overdue figures stay).
      const sqlite = new Database(server.databasePath);
      sqlite.pragma("busy_timeout = 5000");
      const now = new Date().toISOString();
      sqlite.transaction(() => {
        const engagementId = Number(
          sqlite
            .prepare("INSERT INTO engagements (title, kind, status, date, created_at, updated_at) VALUES (?, 'meeting', 'held', ?, ?, ?)")
            .run("Workshop with many follow-ups", now.slice(0, 10), now, now).lastInsertRowid,
        );
        const insert = sqlite.prepare(
          "INSERT INTO actions (engagement_id, kind, description, owner_type, status, position, created_at, updated_at) VALUES (?, 'follow_up', ?, 'office', 'open', ?, ?, ?)",
        );
        for (let i = 0; i < 1001; i++) insert.run(engagementId, `Send the zanzibar pack ${i + 1}`, i, now, now);
      })();
      sqlite.close();

      const page = await browser.context.newPage();
      await signIn(page, server, "manager@example.org");
      await page.goto(`${server.baseUrl}/actions?owner=all&q=zanzibar`);
      await expect
        .poll(() => page.locator("#results-heading").textContent())
        .toBe("More than 1,000 outstanding actions match these filters");
      await expect(page.locator("#words-capped").textContent()).resolves.toContain("match more than 1,000 outstanding actions");
      // No figure is guessed: the due-date figures are gone and the choices carry no counts.
      await expect(page.locator(".app-figures").count()).resolves.toBe(0);
      await expect(page.locator("select[name=kind] option[value=follow_up]").textContent()).resolves.toBe("Follow-up");
      await expect(page.locator("table tbody tr").count()).resolves.toBe(25);
      await expectNoAxeViolations(page, "register with words matching more than 1,000 actions");
      // A filter narrows it to a figure again: within the limit, the total is exact.
      await page.goto(`${server.baseUrl}/actions?owner=all&q=zanzibar&kind=commitment`);
      await expect.poll(() => page.locator("p.govuk-body", { hasText: "No outstanding actions match these filters." }).count()).toBe(1);
      await expect(page.locator("#results-heading").textContent()).resolves.toBe("0 outstanding actions match these filters");
      await page.close();
    });
  });

  describe("without JavaScript", () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await launchBrowser({ javaScriptEnabled: false });
    });
    afterAll(async () => {
      await browser?.close();
    });

    it("the pages load, and ticking two rows and submitting closes them", async () => {
      const page = await browser.context.newPage();
      await signIn(page, server, "manager@example.org");
      for (const [url, heading] of [
        ["/", "Dashboard"],
        ["/coverage", "Police coverage"],
        [`/actions/${seeded.actionIds["Kent"]}`, "Kent: send the victim care leaflet"],
        ["/actions", "Actions"],
      ] as const) {
        const response = await page.goto(`${server.baseUrl}${url}`);
        expect(response?.status(), url).toBe(200);
        await expect.poll(() => page.locator("h1").textContent()).toContain(heading);
      }
      await page.goto(`${server.baseUrl}${OVERDUE_NCA_COMMITMENTS}`);
      await page.getByLabel("Select: NCA overdue 3: confirm attendance at the training day").check();
      await page.getByLabel("Select: NCA overdue 4: circulate the note of the meeting").check();
      await page.getByLabel("Mark as done").check();
      // The closing note forgotten: the error at it, and the rows and the choice kept, so nothing is ticked twice.
      await page.getByRole("button", { name: "Apply to the selected actions" }).click();
      await page.locator(".govuk-error-summary", { hasText: "Enter a closing note" }).waitFor();
      for (const label of [
        "Select: NCA overdue 3: confirm attendance at the training day",
        "Select: NCA overdue 4: circulate the note of the meeting",
        "Mark as done",
      ])
        expect(await page.getByLabel(label).isChecked(), label).toBe(true);
      // Without JavaScript every revealed field shows; only the chosen one is read.
      await page.getByLabel("Closing note").fill("Confirmed and circulated");
      await page.getByRole("button", { name: "Apply to the selected actions" }).click();
      await page.waitForLoadState();
      await expect.poll(() => page.locator(".govuk-notification-banner--success").textContent()).toContain("2 actions marked as done");
      await expect(page.getByRole("link", { name: /^NCA overdue 3:/ }).count()).resolves.toBe(0);
      await expect(page.getByRole("link", { name: /^NCA overdue 4:/ }).count()).resolves.toBe(0);
      expect(page.url()).toContain("organisation=national-crime-agency");

      // A one-at-a-time change without JavaScript.
      await page.goto(`${server.baseUrl}/actions/${seeded.actionIds["Kent"]}`);
      await page.getByLabel("Reason for dropping it").fill("Kent already have the leaflet");
      await page.getByRole("button", { name: "Drop this action" }).click();
      await page.waitForLoadState();
      await expect.poll(() => page.locator(".govuk-notification-banner--success").textContent()).toContain("Action dropped");
      await expect(page.locator(".govuk-tag", { hasText: "Dropped" }).count()).resolves.toBe(1);
      await page.close();
    });
  });
});
