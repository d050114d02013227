// Reports in real Chromium: build a report for the last quarter from the quick period, download the Word
// document and open it; the builder's error state; the printable summary. With JavaScript (axe on each
// state) and without.
import { strFromU8, unzipSync } from "fflate";
import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { periodPresets } from "~/components/reports/presets";
import { addDays, todayInUk } from "~/domain/dates";
import { closeDatabase } from "~db/connection";
import { expectNoAxeViolations, launchBrowser, screenshot, type Browser } from "../support/browser";
import { createAccount, signIn } from "../support/e2e-accounts";
import { insertAgendaItem, insertAttendee, insertEngagement, insertTheme } from "../support/fixtures";
import { startServer, type RunningServer } from "../support/server";

let server: RunningServer;
let viewer: { email: string };
const lastQuarter = periodPresets(todayInUk()).find((p) => p.id === "last-quarter")!;

beforeAll(async () => {
  server = await startServer();
  viewer = createAccount(server, "viewer");
  // Engagements written straight into the server's database (WAL lets both connections share it).
  process.env.DATABASE_PATH = server.databasePath;
  const theme = insertTheme("Prosecutions");
  const sensitive = insertEngagement({
    title: "Joint operation debrief with the NCA",
    date: addDays(lastQuarter.from, 10),
    marking: "OFFICIAL-SENSITIVE",
    organisationSlugs: ["national-crime-agency"],
    themeIds: [theme],
    purpose: "Debrief on the joint operation.",
    actions: [
      {
        kind: "commitment",
        description: "Share the victim referral figures",
        ownerType: "stakeholder",
        dueDate: addDays(lastQuarter.to, 20),
      },
    ],
  });
  insertAttendee(sensitive.engagement.id, { name: "DCI Jane Smith", roleTitle: "Senior investigating officer", side: "stakeholder" });
  insertAgendaItem(sensitive.engagement.id, { title: "Lessons learned", outcome: "Write them up" });
  insertEngagement({ title: "Call with Kent Police", kind: "call", date: addDays(lastQuarter.to, -5), organisationSlugs: ["kent-police"] });
  insertEngagement({ title: "Meeting outside the quarter", date: addDays(lastQuarter.from, -1), organisationSlugs: ["kent-police"] });
  closeDatabase();
});

afterAll(async () => {
  await server?.stop();
});

async function openReportForLastQuarter(page: Page) {
  await page.goto(`${server.baseUrl}/reports`);
  await page.locator("h1", { hasText: "Reports" }).waitFor();
  await page.getByRole("link", { name: /^Last quarter/ }).click();
  await page.waitForURL((url) => url.searchParams.get("from") === lastQuarter.from && url.searchParams.get("to") === lastQuarter.to);
  await page.locator("#report-heading").waitFor();
}

describe("reports with JavaScript", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("builds the last quarter's report from the quick period and downloads it as a marked Word document", async () => {
    const page = await browser.context.newPage();
    await signIn(page, server, viewer.email);
    await page.goto(`${server.baseUrl}/reports`);
    await expectNoAxeViolations(page, "reports (empty)");
    await screenshot(page, "reports-empty");

    await openReportForLastQuarter(page);
    const [fromYear, fromMonth, fromDay] = lastQuarter.from.split("-");
    expect([await page.inputValue("#from-day"), await page.inputValue("#from-month"), await page.inputValue("#from-year")]).toEqual([
      String(Number(fromDay)),
      String(Number(fromMonth)),
      fromYear,
    ]);
    expect(await page.inputValue("#to-year")).toBe(lastQuarter.to.slice(0, 4));
    expect(await page.locator("#report-marking").innerText()).toBe("OFFICIAL-SENSITIVE");
    // The quick period chosen is marked, and the preview lists the engagements the report holds.
    expect(await page.locator('a[aria-current="true"][data-preset="last-quarter"]').count()).toBe(1);
    expect(await page.locator("a[aria-current][data-preset]").count()).toBe(1);
    const included = page.getByRole("list", { name: "Engagements included" });
    await expect(included.getByRole("listitem").count()).resolves.toBe(2);
    await expect(included.innerText()).resolves.toContain("Joint operation debrief with the NCA");
    await expect(included.innerText()).resolves.toContain("Call with Kent Police");
    await expectNoAxeViolations(page, "reports (preview)");
    await screenshot(page, "reports-preview");

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Engagement summary (Word document)" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`OFFICIAL-SENSITIVE engagement summary ${lastQuarter.from} to ${lastQuarter.to}.docx`);
    const file = await download.path();
    const zip = unzipSync(new Uint8Array(readFileSync(file)));
    const document = strFromU8(zip["word/document.xml"]);
    expect(document).toContain("Joint operation debrief with the NCA");
    expect(document).toContain("Call with Kent Police");
    expect(document).not.toContain("Meeting outside the quarter");
    expect(document).toContain("DCI Jane Smith");
    const header = Object.keys(zip).find((name) => /^word\/header\d*\.xml$/.test(name))!;
    const footer = Object.keys(zip).find((name) => /^word\/footer\d*\.xml$/.test(name))!;
    expect(strFromU8(zip[header])).toContain("OFFICIAL-SENSITIVE");
    expect(strFromU8(zip[footer])).toContain("OFFICIAL-SENSITIVE");

    const [csv] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Engagements spreadsheet (CSV)" }).click(),
    ]);
    const text = readFileSync(await csv.path(), "utf8");
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text.split("\r\n").filter(Boolean)).toHaveLength(3); // header and two engagements
  });

  it("finds an organisation by typing part of its name, and narrows the report to it", async () => {
    const page = await browser.context.newPage();
    await signIn(page, server, viewer.email);
    await openReportForLastQuarter(page);
    // The short name finds a body too.
    await page.getByLabel("Find an organisation").fill("NCA");
    await page.getByRole("status").filter({ hasText: "match" }).waitFor();
    expect(await page.getByLabel("NCA (National Crime Agency)", { exact: true }).isVisible()).toBe(true);
    await page.getByLabel("Find an organisation").fill("kent");
    await page.getByRole("status").filter({ hasText: "organisations match" }).waitFor();
    expect(await page.getByLabel("Kent Police", { exact: true }).isVisible()).toBe(true);
    expect(await page.getByLabel("NCA (National Crime Agency)", { exact: true }).isVisible()).toBe(false);
    await page.getByLabel("Kent Police", { exact: true }).check();
    await page.getByRole("button", { name: "Show report" }).click();
    await page.waitForURL(/organisation=kent-police/);
    await page.locator("#report-heading").waitFor();
    // The address changes before the new report is drawn: poll what is on screen.
    await expect
      .poll(() => page.locator(".govuk-summary-list__row", { hasText: "Engagements" }).first().innerText())
      .toMatch(/Engagements\s+1/);
    expect(new URL(page.url()).searchParams.getAll("organisation")).toEqual(["kent-police"]);
    await expectNoAxeViolations(page, "reports (organisation found)");
  });

  it("shows what is wrong with the period, with an error summary", async () => {
    const page = await browser.context.newPage();
    await signIn(page, server, viewer.email);
    await openReportForLastQuarter(page);
    await page.fill("#from-day", "30");
    await page.fill("#from-month", "2");
    await page.fill("#from-year", "2026");
    await page.fill("#to-month", "");
    await page.getByRole("button", { name: "Show report" }).click();
    await page.locator(".govuk-error-summary").waitFor();
    expect(await page.title()).toMatch(/^Error: Reports/);
    expect(await page.locator(".govuk-error-summary").innerText()).toContain("The date the period starts must be a real date");
    expect(await page.locator(".govuk-error-summary").innerText()).toContain("The date the period ends must include a month");
    expect(await page.inputValue("#from-day")).toBe("30");
    // Only the field that is wrong is marked.
    expect(await page.locator("#from-day").getAttribute("class")).toContain("govuk-input--error");
    expect(await page.locator("#from-month").getAttribute("class")).not.toContain("govuk-input--error");
    expect(await page.locator("#to-month").getAttribute("class")).toContain("govuk-input--error");
    await expectNoAxeViolations(page, "reports (errors)");
    await screenshot(page, "reports-errors");
    await page.getByRole("link", { name: "The date the period starts must be a real date" }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("from-day");
  });

  it("prints the report with the marking at top and bottom and no navigation", async () => {
    const page = await browser.context.newPage();
    await signIn(page, server, viewer.email);
    await openReportForLastQuarter(page);
    await page.getByRole("link", { name: "Printable summary" }).click();
    await page.waitForURL(/\/reports\/print\?/);
    await page.locator("h1").waitFor();
    expect(await page.locator(".app-print-marking").allInnerTexts()).toEqual(["OFFICIAL-SENSITIVE", "OFFICIAL-SENSITIVE"]);
    expect(await page.locator(".govuk-service-navigation").count()).toBe(0);
    expect(await page.getByText("Joint operation debrief with the NCA").count()).toBeGreaterThan(0);
    await expectNoAxeViolations(page, "reports print");
    await screenshot(page, "reports-print");
    await page.emulateMedia({ media: "print" });
    expect(await page.locator(".app-print-toolbar").isVisible()).toBe(false);
    expect(await page.locator(".app-print-marking").first().isVisible()).toBe(true);
  });
});

describe("reports without JavaScript", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser({ javaScriptEnabled: false });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("builds, narrows and downloads a report with plain links and a GET form", async () => {
    const page = await browser.context.newPage();
    await signIn(page, server, viewer.email);
    await openReportForLastQuarter(page);
    expect(await page.locator("#report-heading").innerText()).toContain("Report");
    // The checkbox groups are folded (details): open the one wanted, which works without JavaScript too.
    await page.locator("summary", { hasText: "Kinds of organisation" }).click();
    await page.getByLabel("Police force", { exact: true }).check();
    await page.getByRole("button", { name: "Show report" }).click();
    await page.waitForURL(/orgKind=police_force/);
    const engagementsRow = page.locator(".govuk-summary-list__row", { hasText: "Engagements" }).first();
    await expect.poll(() => engagementsRow.innerText()).toMatch(/Engagements\s+1/);
    await expect.poll(() => page.locator("#report-marking").innerText()).toBe("OFFICIAL");

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Calendar for Outlook (iCalendar)" }).click(),
    ]);
    const ics = readFileSync(await download.path(), "utf8");
    expect(ics.startsWith("BEGIN:VCALENDAR\r\n")).toBe(true);
    await screenshot(page, "reports-nojs-preview");
  });
});
