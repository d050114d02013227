import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNoAxeViolations, launchBrowser, screenshot, type Browser } from "../support/browser";
import { createAccount, signIn } from "../support/e2e-accounts";
import { holdBack } from "../support/hold-back";
import { startServer, type RunningServer } from "../support/server";

/** A date typed in a GOV.UK date input: day, month and year fields (#ID-day, #ID-month, #ID-year). */
async function fillDate(page: Page, id: string, day: string, month: string, year: string) {
  await page.locator(`#${id}-day`).fill(day);
  await page.locator(`#${id}-month`).fill(month);
  await page.locator(`#${id}-year`).fill(year);
}

/**
 * Make a section's row ready to type in: with JavaScript the section starts empty and its "Add" button
 * adds the row; without, the empty rows are folded away under "Add agenda items" (and the like).
 */
async function ensureRow(page: Page, id: string, add: RegExp, folded: string) {
  if (await page.locator(`#${id}`).isVisible()) return;
  const summary = page.locator("summary", { hasText: folded });
  if (await summary.count()) await summary.click();
  else await page.getByRole("button", { name: add }).click();
  await page.locator(`#${id}`).waitFor();
}

/** The common case, typed as an officer would just after the meeting. */
async function fillCommonCase(page: Page, title: string) {
  await page.locator("#title").fill(title);
  await page.locator("#startTime").fill("10:00");
  await page.locator("#endTime").fill("11:00");
  await ensureRow(page, "agenda-0-title", /^Add (an|another) agenda item$/, "Add agenda items");
  await page.locator("#agenda-0-title").fill("Referral trends");
  await page.locator("#agenda-0-notes").fill("Referrals up a fifth on last quarter.");
  await ensureRow(page, "agenda-1-title", /^Add (an|another) agenda item$/, "Add agenda items");
  await page.locator("#agenda-1-title").fill("Joint operations");
  await ensureRow(page, "agenda-2-title", /^Add (an|another) agenda item$/, "Add agenda items");
  await page.locator("#agenda-2-title").fill("Victim support");
  await page.locator("#summary").fill("Agreed to share referral data every quarter.");
  await ensureRow(page, "commitments-0-description", /^Add (a|another) commitment$/, "Add commitments");
  await page.locator("#commitments-0-description").fill("Send the Q3 referral data");
  await fillDate(page, "commitments-0-dueDate", "15", "12", "2026");
  await ensureRow(page, "commitments-1-description", /^Add (a|another) commitment$/, "Add commitments");
  await page.locator("#commitments-1-description").fill("Circulate the office's guidance note");
  await page.locator("#commitments-1-ownerType-2").check();
  await ensureRow(page, "followUps-0-description", /^Add (a|another) follow-up$/, "Add follow-ups");
  await page.locator("#followUps-0-description").fill("Arrange the next quarterly meeting");
  await fillDate(page, "followUps-0-dueDate", "31", "1", "2027");
}

/** Wait until the engagement's own page is shown (the address changes a moment before the page does). */
async function onEngagementPage(page: Page, id?: number) {
  await page.waitForURL(id ? new RegExp(`/engagements/${id}$`) : /\/engagements\/\d+$/);
  await page.locator(".app-marking-banner").first().waitFor();
}

/** The date errors typed in both tests: the engagement's date without a month, a follow-up due on 31 February. */
async function expectDateErrors(page: Page) {
  const summary = page.locator(".govuk-error-summary");
  await expect.poll(() => summary.textContent()).toContain("Date of the engagement must include a month");
  await expect(summary.textContent()).resolves.toContain("Due date of follow-up 1 must be a real date");
  const marked = (id: string) => page.locator(`#${id}`).evaluate((el) => el.classList.contains("govuk-input--error"));
  await expect(marked("date-month")).resolves.toBe(true);
  await expect(marked("date-day")).resolves.toBe(false);
  await expect(marked("date-year")).resolves.toBe(false);
  await expect(marked("followUps-0-dueDate-day")).resolves.toBe(true);
  await expect(marked("followUps-0-dueDate-month")).resolves.toBe(false);
  // The message sits above the fields, inside the date's fieldset.
  await expect(page.locator("#date-error").innerText()).resolves.toContain("Date of the engagement must include a month");
  await expect(page.locator("#date-day").inputValue()).resolves.toBe("20");
}

function engagementIdOf(page: Page): number {
  const m = /\/engagements\/(\d+)$/.exec(new URL(page.url()).pathname);
  if (!m) throw new Error(`not an engagement page: ${page.url()}`);
  return Number(m[1]);
}

describe("engagements in a real browser", () => {
  let server: RunningServer;
  let js: Browser;
  let noJs: Browser;
  let olivia: Page;
  let engagementId = 0;

  beforeAll(async () => {
    server = await startServer();
    createAccount(server, "officer", "olivia@example.org", "Olivia Officer");
    createAccount(server, "officer", "omar@example.org", "Omar Officer");
    js = await launchBrowser();
    noJs = await launchBrowser({ javaScriptEnabled: false });
    olivia = await js.context.newPage();
    await signIn(olivia, server, "olivia@example.org");
  });
  afterAll(async () => {
    await js?.close();
    await noJs?.close();
    await server?.stop();
  });

  it("with JavaScript: logs the common case from an organisation's page in one submit, with instant errors", async () => {
    const page = olivia;
    await page.goto(`${server.baseUrl}/organisations/national-crime-agency`);
    await expectNoAxeViolations(page, "organisation page, no engagements");
    await page.getByRole("button", { name: "Record an engagement with NCA" }).click();
    await page.waitForURL(/\/engagements\/new\?organisation=national-crime-agency/);
    // The organisation is filled in, and the type-ahead has replaced the select.
    await page.locator("input#organisations-0-organisationId").waitFor();
    await expect(page.locator("#organisations-0-organisationId").inputValue()).resolves.toBe("National Crime Agency (NCA)");
    await expectNoAxeViolations(page, "new engagement, empty");
    await screenshot(page, "engagement-new-empty");

    // Type part of a name to add a second organisation, then think better of it.
    await page.getByRole("button", { name: "Add another organisation" }).click();
    const second = page.locator("input#organisations-1-organisationId");
    await page.waitForFunction(
      () => document.activeElement?.id === "organisations-1-organisationId" && document.activeElement.tagName === "INPUT",
    );
    await second.fill("europ");
    await page.getByRole("option", { name: /\(Europol\)/ }).click();
    await expect(page.locator('input[type=hidden][name="organisations.1.organisationId"]').inputValue()).resolves.toMatch(/^\d+$/);
    await page.getByRole("button", { name: "Remove organisation 2" }).click();
    await expect(page.locator("#organisations-1-organisationId").count()).resolves.toBe(0);

    // Saving without a title: the browser says so at once, nothing is posted.
    await ensureRow(page, "agenda-0-title", /^Add an agenda item$/, "Add agenda items");
    await page.locator("#agenda-0-title").fill("Referral trends");
    await page.getByRole("button", { name: "Save engagement" }).click();
    await expect.poll(() => page.locator(".govuk-error-summary").textContent()).toContain("Enter a title");
    await expect(page.title()).resolves.toMatch(/^Error: /);
    expect(new URL(page.url()).pathname).toBe("/engagements/new");
    await expectNoAxeViolations(page, "new engagement, with errors");
    await screenshot(page, "engagement-new-errors");

    await fillCommonCase(page, "Quarterly meeting with the NCA (JS)");
    // Dates checked in the browser with the same messages as the server's: nothing is posted.
    await fillDate(page, "date", "20", "", "2026");
    await fillDate(page, "followUps-0-dueDate", "31", "2", "2027");
    await page.getByRole("button", { name: "Save engagement" }).click();
    await expectDateErrors(page);
    expect(new URL(page.url()).pathname).toBe("/engagements/new");
    await expectNoAxeViolations(page, "new engagement, date errors");
    await screenshot(page, "engagement-date-errors");
    // The summary's link goes to the first field in error.
    await page.getByRole("link", { name: "Date of the engagement must include a month" }).click();
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe("date-month");
    await fillDate(page, "date", "20", "11", "2026");
    await fillDate(page, "followUps-0-dueDate", "31", "1", "2027");
    await expectNoAxeViolations(page, "new engagement, filled");
    await page.getByRole("button", { name: "Save engagement" }).click();
    await onEngagementPage(page);
    engagementId = engagementIdOf(page);
    await expect.poll(() => page.locator("h1").textContent()).toContain("Quarterly meeting with the NCA (JS)");
    await expect.poll(() => page.locator(".govuk-notification-banner").textContent()).toContain("recorded");
    await expect(page.locator(".app-marking-banner").allTextContents()).resolves.toEqual([
      "Protective marking: OFFICIAL",
      "Protective marking: OFFICIAL",
    ]);
    const commitments = page.getByRole("table", { name: "Commitments" });
    await expect(commitments.getByRole("row").count()).resolves.toBe(3);
    await expect
      .poll(() => page.getByRole("table", { name: "Follow-ups the office owes" }).textContent())
      .toContain("Arrange the next quarterly meeting");
    await expect(page.locator("ol.govuk-list--number > li").count()).resolves.toBe(3);
    await expectNoAxeViolations(page, "engagement page");
    await screenshot(page, "engagement-page");

    // The organisation's timeline now shows it.
    await page.goto(`${server.baseUrl}/organisations/national-crime-agency`);
    await expect.poll(() => page.locator("#glance-heading + dl").textContent()).toContain("Last engagement");
    await expect.poll(() => page.locator(".app-timeline").textContent()).toContain("Quarterly meeting with the NCA (JS)");
    await expectNoAxeViolations(page, "organisation page with its timeline");
  });

  it("without JavaScript: the same form works, its row buttons restructure it, and it saves in one submit", async () => {
    const page = await noJs.context.newPage();
    await signIn(page, server, "omar@example.org");
    await page.goto(`${server.baseUrl}/organisations/national-crime-agency`);
    await page.getByRole("button", { name: "Record an engagement with NCA" }).click();
    // A plain select, with the organisation chosen.
    await expect
      .poll(() => page.locator("select#organisations-0-organisationId option:checked").textContent())
      .toBe("National Crime Agency (NCA)");
    await fillCommonCase(page, "Quarterly meeting with the NCA (no JS)");
    await page.getByRole("button", { name: "Add another agenda item" }).click();
    await expect(page.locator("#agenda-3-title").count()).resolves.toBe(1);
    await expect(page.locator("#agenda-3-title").evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await expect(page.title()).resolves.not.toMatch(/^Error/);
    await page.locator("#agenda-3-title").fill("Any other business");
    await page.getByRole("button", { name: "Move up agenda item 4" }).click();
    await expect(page.locator("#agenda-2-title").inputValue()).resolves.toBe("Any other business");
    await page.getByRole("button", { name: "Remove agenda item 4" }).click();
    await expect(page.locator("#agenda-3-title").count()).resolves.toBe(0);
    await expect(page.locator("#title").inputValue()).resolves.toBe("Quarterly meeting with the NCA (no JS)");

    // The server's errors, with everything typed kept.
    await fillDate(page, "commitments-0-dueDate", "", "", "");
    await page.locator("#endTime").fill("09:00");
    // A date missing its month, and one that is not a real date: GOV.UK's messages, only the wrong fields marked.
    await fillDate(page, "date", "20", "", "2026");
    await fillDate(page, "followUps-0-dueDate", "31", "2", "2027");
    await page.getByRole("button", { name: "Save engagement" }).click();
    await expect.poll(() => page.locator(".govuk-error-summary").textContent()).toContain("End time must be after the start time");
    await expect(page.title()).resolves.toMatch(/^Error: /);
    await expectDateErrors(page);
    await screenshot(page, "engagement-date-errors-no-js");
    await fillDate(page, "date", "20", "11", "2026");
    await fillDate(page, "followUps-0-dueDate", "31", "1", "2027");
    await expect(page.locator("#summary").inputValue()).resolves.toBe("Agreed to share referral data every quarter.");
    await page.locator("#endTime").fill("11:00");
    await page.getByRole("button", { name: "Save engagement" }).click();
    await onEngagementPage(page);
    await expect.poll(() => page.locator("h1").textContent()).toContain("Quarterly meeting with the NCA (no JS)");
    await expect(page.locator("ol.govuk-list--number > li h3").allTextContents()).resolves.toEqual([
      "Referral trends",
      "Joint operations",
      "Any other business",
    ]);
    await expect(page.locator("body").textContent()).resolves.not.toContain("Victim support");
    await page.close();
  });

  it("edits it: a planned meeting completed, an agenda item added and moved", async () => {
    const page = olivia;
    await page.goto(`${server.baseUrl}/engagements/${engagementId}`);
    await page.getByRole("button", { name: "Edit engagement" }).click();
    await page.waitForURL(/\/edit$/);
    await page.locator("#section-about").waitFor();
    await expectNoAxeViolations(page, "edit engagement");
    await page.locator("#summary").fill("Agreed to share referral data every month.");
    await page.getByRole("button", { name: "Add another agenda item" }).click();
    await expect(page.locator("#agenda-3-title").evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await page.locator("#agenda-3-title").fill("Next steps");
    await page.getByRole("button", { name: "Move up agenda item 4" }).click();
    await expect(page.locator("#agenda-2-title").inputValue()).resolves.toBe("Next steps");
    await page.getByRole("button", { name: "Save changes" }).click();
    await onEngagementPage(page, engagementId);
    await expect(page.locator("ol.govuk-list--number > li h3").allTextContents()).resolves.toEqual([
      "Referral trends",
      "Joint operations",
      "Next steps",
      "Victim support",
    ]);
    await expect.poll(() => page.locator("body").textContent()).toContain("Agreed to share referral data every month.");
    await page.getByRole("link", { name: "History" }).first().click();
    await page.locator("h1", { hasText: "History" }).waitFor();
    await expectNoAxeViolations(page, "engagement history");
  });

  it("closes a commitment with a closing note", async () => {
    const page = olivia;
    await page.goto(`${server.baseUrl}/engagements/${engagementId}`);
    // The link opens the action's own page, which knows to come back here.
    await page.getByRole("link", { name: /Update or close commitment “Send the Q3 referral data/ }).click();
    await page.waitForURL(/\/actions\/\d+\?returnTo=/);
    expect(await page.getByRole("link", { name: "Back", exact: true }).getAttribute("href")).toBe(`/engagements/${engagementId}`);
    await expectNoAxeViolations(page, "update commitment");
    await page.getByRole("button", { name: "Mark as done" }).click();
    await expect.poll(() => page.locator(".govuk-error-summary").textContent()).toContain("Enter a closing note saying what was done");
    await expectNoAxeViolations(page, "update commitment, with errors");
    await page.getByLabel("Closing note").fill("Data received on 10 December");
    await page.getByRole("button", { name: "Mark as done" }).click();
    await onEngagementPage(page, engagementId);
    const row = page.getByRole("table", { name: "Commitments" }).getByRole("row", { name: /Send the Q3 referral data/ });
    await expect.poll(() => row.textContent()).toContain("Done");
    await expect.poll(() => row.textContent()).toContain("Data received on 10 December");
  });

  it("logs a follow-up engagement that resolves a follow-up, and both pages show the link", async () => {
    const page = olivia;
    await page.goto(`${server.baseUrl}/engagements/${engagementId}`);
    await page.getByRole("link", { name: /Log the engagement that resolves it/ }).click();
    await page.waitForURL(/\/engagements\/new\?resolves=\d+/);
    await page.locator("#section-about").waitFor();
    await expect.poll(() => page.locator(".govuk-inset-text").textContent()).toContain("Arrange the next quarterly meeting");
    await expectNoAxeViolations(page, "new engagement resolving a follow-up");
    await page.locator("#title").fill("Next quarterly meeting with the NCA");
    await page.getByLabel("Planned").check();
    await page.getByRole("button", { name: "Save engagement" }).click();
    await onEngagementPage(page);
    const secondId = engagementIdOf(page);
    const resolves = page.locator(".govuk-summary-list__row", { hasText: "Resolves" });
    await expect.poll(() => resolves.textContent()).toContain("Arrange the next quarterly meeting");
    await resolves.getByRole("link").click();
    await onEngagementPage(page, engagementId);
    await page.locator("h1", { hasText: "Quarterly meeting with the NCA (JS)" }).waitFor();
    const followUps = page.getByRole("table", { name: "Follow-ups the office owes" });
    await expect.poll(() => followUps.textContent()).toContain("Resolved by");
    await expect(followUps.getByRole("link", { name: "Next quarterly meeting with the NCA" }).getAttribute("href")).resolves.toBe(
      `/engagements/${secondId}`,
    );
  });

  it("two people editing at once: the second is told what changed and keeps their input", async () => {
    const other = await launchBrowser();
    try {
      const omar = await other.context.newPage();
      await signIn(omar, server, "omar@example.org");
      await olivia.goto(`${server.baseUrl}/engagements/${engagementId}/edit`);
      await omar.goto(`${server.baseUrl}/engagements/${engagementId}/edit`);
      await olivia.locator("#location").fill("NCA headquarters");
      await olivia.locator("#country").fill("England");
      await olivia.getByRole("button", { name: "Save changes" }).click();
      await onEngagementPage(olivia, engagementId);

      await omar.locator("#location").fill("The office, London");
      await omar.locator("#purpose").fill("Omar's purpose");
      await omar.getByRole("button", { name: "Save changes" }).click();
      const notice = omar.locator(".govuk-notification-banner", { hasText: "Someone else changed this engagement" });
      await notice.waitFor();
      await expect.poll(() => notice.textContent()).toContain("NCA headquarters");
      await expect.poll(() => notice.textContent()).toContain("The office, London");
      await expect(omar.locator("#purpose").inputValue()).resolves.toBe("Omar's purpose");
      await expect(omar.locator("#location").inputValue()).resolves.toBe("The office, London");
      await expect.poll(() => notice.getByRole("table", { name: /You both changed these/ }).textContent()).toContain("Location");
      // Only Olivia changed the country: Omar's form now shows hers, so his second save keeps it.
      await expect.poll(() => notice.getByRole("table", { name: /Only they changed these/ }).textContent()).toContain("England");
      await expect(omar.locator("#country").inputValue()).resolves.toBe("England");
      await expectNoAxeViolations(omar, "edit engagement, conflict");
      await screenshot(omar, "engagement-conflict");
      // Saving again applies Omar's input on purpose.
      await omar.getByRole("button", { name: "Save changes" }).click();
      await onEngagementPage(omar, engagementId);
      await expect.poll(() => omar.locator("body").textContent()).toContain("The office, London, England");
    } finally {
      await other.close();
    }
  });

  it("archives and restores an engagement, nothing deleted", async () => {
    const page = olivia;
    await page.goto(`${server.baseUrl}/engagements/${engagementId}`);
    await page.getByRole("link", { name: "Archive this engagement" }).click();
    await page.locator("h1", { hasText: "Archive this engagement?" }).waitFor();
    await expectNoAxeViolations(page, "archive engagement");
    await page.getByRole("button", { name: "Archive engagement" }).click();
    await page.locator(".govuk-notification-banner", { hasText: "archived" }).waitFor();
    await expect.poll(() => page.locator("h1").textContent()).toContain("Archived");
    await expectNoAxeViolations(page, "archived engagement");
    await page.getByRole("button", { name: "Restore engagement" }).click();
    await page.locator(".govuk-notification-banner", { hasText: "restored" }).waitFor();
    await expect(page.getByRole("button", { name: "Edit engagement" }).count()).resolves.toBe(1);
  });

  it("themes: added, archived and restored from their page", async () => {
    const page = olivia;
    await page.goto(`${server.baseUrl}/engagements`);
    await page.getByRole("link", { name: "Themes", exact: true }).click();
    await page.locator("h1", { hasText: "Themes" }).waitFor();
    await page.getByLabel("Add a theme").fill("Forced criminality");
    await page.getByRole("button", { name: "Add theme" }).click();
    await page.locator(".govuk-notification-banner", { hasText: "Theme “Forced criminality” added" }).waitFor();
    await expectNoAxeViolations(page, "themes");
    await page.getByRole("button", { name: "Archive Forced criminality" }).click();
    await page.getByRole("button", { name: "Restore Forced criminality" }).waitFor();
    await page.getByLabel("Add a theme").fill("forced criminality");
    await page.getByRole("button", { name: "Add theme" }).click();
    await expect.poll(() => page.locator(".govuk-error-summary").textContent()).toContain("already exists, archived: restore it instead");
    await expectNoAxeViolations(page, "themes, with errors");
  });

  it("hostile text is shown as text, and the list finds it", async () => {
    const page = olivia;
    let dialogs = 0;
    page.on("dialog", (d) => {
      dialogs++;
      void d.dismiss();
    });
    await page.goto(`${server.baseUrl}/engagements/new?organisation=europol`);
    await page.locator("#title").fill(`<script>alert(1)</script> =HYPERLINK("http://evil.example")`);
    await page.locator("#summary").fill(`<img src=x onerror=alert(2)> '; DROP TABLE engagements; --`);
    await page.getByRole("button", { name: "Save engagement" }).click();
    await onEngagementPage(page);
    await expect.poll(() => page.locator("h1").textContent()).toContain("<script>alert(1)</script>");
    await page.goto(`${server.baseUrl}/engagements?q=${encodeURIComponent("DROP TABLE")}`);
    await expect(page.getByRole("link", { name: /<script>alert\(1\)<\/script>/ }).count()).resolves.toBe(1);
    await expectNoAxeViolations(page, "engagements list, filtered");
    expect(dialogs).toBe(0);
  });

  it("a keyboard user on a field that goes when the form turns enhanced is moved to the next field, not to the page", async () => {
    const page = await js.context.newPage();
    try {
      // Hold the form's own script back, so the page is the plain form while the person tabs through it.
      const release = await holdBack(page, /\/routes\/engagements\.new-\w+\.js$/);
      await page.goto(`${server.baseUrl}/engagements/new`, { waitUntil: "commit" });
      await page.locator("#organisations-1-organisationId").waitFor(); // the spare row, there only until enhanced
      await page.locator("#title").focus();
      await page.keyboard.press("Tab");
      await page.keyboard.press("Tab");
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("organisations-1-organisationId");
      release();
      await page.locator("#organisations-1-organisationId").waitFor({ state: "detached" });
      // The next field still there: the button that adds a second organisation with JavaScript.
      const addAnother = page.getByRole("button", { name: "Add another organisation" });
      await expect.poll(() => addAnother.evaluate((button) => button === document.activeElement)).toBe(true);
    } finally {
      await page.close();
    }
  });

  it("a keyboard user on the organisation list when its type-ahead arrives keeps focus, and typing goes on as a search", async () => {
    const page = await js.context.newPage();
    try {
      // Hold the type-ahead's script back until the person is on the plain list and typing in it.
      const release = await holdBack(page, /\/autocomplete-\w+\.js$/);
      await page.goto(`${server.baseUrl}/engagements/new`);
      await page.locator("#title").focus();
      await page.keyboard.type("Meeting with the NCA");
      await page.keyboard.press("Tab");
      await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe("SELECT");
      await page.keyboard.type("Nat"); // the browser's own type-to-find in a list chooses an organisation
      release();
      await page.locator("input#organisations-0-organisationId").waitFor();
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("organisations-0-organisationId");
      await page.keyboard.type("Crime Agency");
      await page.getByRole("option", { name: "National Crime Agency (NCA)" }).waitFor();
      await page.keyboard.press("Enter");
      await expect(page.locator('input[type="hidden"][name="organisations.0.organisationId"]').inputValue()).resolves.not.toBe("");
      await expect(page.locator("input#organisations-0-organisationId").inputValue()).resolves.toBe("National Crime Agency (NCA)");
    } finally {
      await page.close();
    }
  });
});
