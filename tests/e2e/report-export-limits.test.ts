// A summary too large for its format, in real Chromium: the builder warns beside the download, and following the
// link anyway brings the builder back with the GOV.UK error pattern at the period (axe-clean), with JavaScript
// and without. Nothing is downloaded.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SUMMARY_EXPORT_LIMITS } from "~/domain/report-limits";
import { closeDatabase, db } from "~db/connection";
import { expectNoAxeViolations, launchBrowser, screenshot, type Browser } from "../support/browser";
import { createAccount, signIn } from "../support/e2e-accounts";
import { startServer, type RunningServer } from "../support/server";

let server: RunningServer;
let viewer: { email: string };
const TOO_MANY_TO_PRINT = "from=2031-01-01&to=2031-01-31";
const TOO_MANY_FOR_WORD = "from=2030-01-01&to=2030-01-31";

function insertManyEngagements(date: string, count: number): void {
  db().run(sql`
    with recursive n(i) as (select 1 union all select i + 1 from n where i < ${count})
    insert into engagements (title, kind, status, date) select 'Bulk meeting ' || i, 'meeting', 'held', ${date} from n`);
}

beforeAll(async () => {
  server = await startServer();
  viewer = createAccount(server, "viewer");
  process.env.DATABASE_PATH = server.databasePath; // written straight into the server's database (WAL)
  insertManyEngagements("2031-01-15", SUMMARY_EXPORT_LIMITS.print + 1);
  insertManyEngagements("2030-01-15", SUMMARY_EXPORT_LIMITS.docx + 1);
  closeDatabase();
});

afterAll(async () => {
  await server?.stop();
});

describe.each([
  ["with JavaScript", true],
  ["without JavaScript", false],
])("a summary too large, %s", (_label, javaScriptEnabled) => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser({ javaScriptEnabled });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("the printable summary is refused with the error at the period, and the report still shown", async () => {
    const page = await browser.context.newPage();
    let downloaded = false;
    page.on("download", () => (downloaded = true));
    await signIn(page, server, viewer.email);
    await page.goto(`${server.baseUrl}/reports?${TOO_MANY_TO_PRINT}`);
    await page.locator("#report-heading").waitFor();
    expect(await page.locator(".app-report-downloads").innerText()).toContain("Too many engagements for one page (at most 2,000)");

    await page.getByRole("link", { name: "Printable summary" }).click();
    await page.waitForURL(/refused=print/);
    await page.locator(".govuk-error-summary").waitFor();
    const message =
      "This report has 2,001 engagements, too many for one printable summary (at most 2,000). Choose a shorter period, " +
      "or download the Word summary or the engagements spreadsheet (CSV)";
    expect(await page.title()).toMatch(/^Error: Reports/);
    expect(await page.locator(".govuk-error-summary").innerText()).toContain(message);
    expect(await page.locator("#from-error").innerText()).toContain(message);
    expect(await page.locator("#report-heading").isVisible()).toBe(true);
    if (javaScriptEnabled) {
      await expectNoAxeViolations(page, "reports (summary refused)");
      await screenshot(page, "reports-summary-refused");
    }
    await page.getByRole("link", { name: message }).click();
    if (javaScriptEnabled) expect(await page.evaluate(() => document.activeElement?.id)).toBe("from-day");
    expect(downloaded).toBe(false);
  });

  it("the Word summary is refused the same way, suggesting the CSV", async () => {
    const page = await browser.context.newPage();
    await signIn(page, server, viewer.email);
    await page.goto(`${server.baseUrl}/reports?${TOO_MANY_FOR_WORD}`);
    await page.locator("#report-heading").waitFor();
    await page.getByRole("link", { name: "Engagement summary (Word document)" }).click();
    await page.waitForURL(/refused=docx/);
    await page.locator(".govuk-error-summary").waitFor();
    expect(await page.locator("#from-error").innerText()).toContain(
      "This report has 20,001 engagements, too many for one Word summary (at most 20,000). Choose a shorter period, " +
        "or download the engagements spreadsheet (CSV), which has no limit",
    );
  });
});
