// Issue 11, the last parts (docs/decisions/0021): agenda items and commitments name recommendations by typed
// reference ("HMICFRS 2026 R1"), without JavaScript as text and with it through the type-ahead; the links show on
// the engagement, the recommendation ("Discussed at"), the take-up, the organisation, the dashboard's figures and
// the coverage column; and a body is taken off a recommendation and put back, by keyboard, in its history.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNoAxeViolations, expectNoAxeViolationsWithoutScripts, type Browser } from "../support/browser";
import type { RunningServer } from "../support/server";
import { startTwoOfficers, stopTwoOfficers, type TwoOfficers } from "../support/two-officers";

const SAVE = '.govuk-button-group > button[value="save"]';
const REPORT = "Kent: victim care inspection";
const NO_JS_MEETING = "Victim care meeting with Kent Police (no JS)";
const JS_MEETING = "Data sharing call with Kent Police";

async function heading(page: Page) {
  return (await page.locator("h1").first().textContent())?.trim();
}

async function onEngagementPage(page: Page) {
  await page.waitForURL(/\/engagements\/\d+$/);
  await page.locator(".app-marking-banner").first().waitFor();
}

/** Choose an option of a plain select by its text. */
async function selectByText(page: Page, selector: string, text: RegExp) {
  const value = await page
    .locator(selector)
    .evaluate((el, src) => [...(el as HTMLSelectElement).options].find((o) => new RegExp(src).test(o.text))?.value ?? "", text.source);
  expect(value, `${selector} has ${text}`).not.toBe("");
  await page.locator(selector).selectOption(value);
}

/** The form group (label, hint, error, input) of a field. */
const groupOf = (page: Page, id: string) => page.locator(".govuk-form-group", { has: page.locator(`input#${id}`) });

describe("engagements name inspection recommendations; a body is taken off and put back", () => {
  let server: RunningServer;
  let js: Browser;
  let olive: Page; // JavaScript on
  let oscar: Page; // JavaScript off
  const rec: Record<string, string> = {}; // "R1" → "/recommendations/7"
  const body: Record<string, string> = {}; // "Kent Police" → its organisation id
  let noJsMeeting = "";
  let reportPath = "";

  let officers: TwoOfficers | undefined;

  beforeAll(async () => {
    officers = await startTwoOfficers({
      withScripts: { email: "olive@example.org", name: "Olive Officer" },
      withoutScripts: { email: "oscar@example.org", name: "Oscar Officer" },
    });
    ({ server, js, withScripts: olive, withoutScripts: oscar } = officers);
  });
  afterAll(() => stopTwoOfficers(officers));

  it("without JavaScript: adds a report about Kent Police whose two recommendations are addressed to Kent and Essex Police", async () => {
    const page = oscar;
    await page.goto(`${server.baseUrl}/recommendations/reports/new`);
    await page.getByLabel("Title").fill(REPORT);
    await page.getByLabel("Publisher").selectOption({ label: "His Majesty's Inspectorate of Constabulary and Fire & Rescue Services" });
    await page.locator("#publishedOn-day").fill("1");
    await page.locator("#publishedOn-month").fill("6");
    await page.locator("#publishedOn-year").fill("2026");
    await page.getByLabel("Force inspected (optional)").selectOption({ label: "Kent Police" });
    await page.getByRole("button", { name: "Add report" }).click();
    await expect.poll(() => heading(page), { timeout: 15_000 }).toBe("Add recommendations");
    await page
      .getByLabel("Paste the recommendations")
      .fill("R1 Forces should train call handlers to identify victims.\n\nR2 Forces should share victim data with partners.");
    await page.getByLabel(/Addressed to \(for every/).fill("Kent Police; Essex Police");
    await page.getByRole("button", { name: "Check the recommendations" }).click();
    await expect.poll(() => heading(page), { timeout: 15_000 }).toBe("Check the recommendations");
    await page.locator("#rows-0-due").fill("1 9 2026"); // R1 is past its date
    await page.getByRole("button", { name: "Save recommendations" }).click();
    await expect.poll(() => heading(page), { timeout: 15_000 }).toBe(REPORT);
    await expect(page.locator(".govuk-notification-banner").textContent()).resolves.toContain("2 recommendations added");
    reportPath = new URL(page.url()).pathname;

    // Each recommendation's link in the grid: its number, then its text (hidden).
    const links = await page
      .locator("main a")
      .evaluateAll((as) => as.map((a) => [a.textContent?.trim() ?? "", a.getAttribute("href") ?? ""] as const));
    for (const number of ["R1", "R2"]) {
      const href = links.find(([text, to]) => /^\/recommendations\/\d+$/.test(to) && text.startsWith(number))?.[1];
      expect(href, number).toMatch(/^\/recommendations\/\d+$/);
      rec[number] = href!;
    }
    for (const name of ["Kent Police", "Essex Police"]) {
      const href = await page
        .getByRole("link", { name: `${name}: Not yet known` })
        .first()
        .getAttribute("href");
      body[name] = /\/bodies\/(\d+)$/.exec(href ?? "")?.[1] ?? "";
      expect(body[name], name).not.toBe("");
    }
    // Kent has implemented R1: one take-up in four.
    await page.goto(`${server.baseUrl}${rec.R1}/bodies/${body["Kent Police"]}`);
    await page.getByLabel("Implemented", { exact: true }).check();
    await page.locator("#statusOn-day").fill("1");
    await page.locator("#statusOn-month").fill("10");
    await page.locator("#statusOn-year").fill("2026");
    await page.getByRole("button", { name: "Save take-up" }).click();
    await expect.poll(() => page.locator(".govuk-notification-banner").textContent(), { timeout: 15_000 }).toContain("Take-up recorded");

    // Each recommendation's page shows the reference a person types.
    await page.goto(`${server.baseUrl}${rec.R1}`);
    await expect(page.locator(".govuk-summary-list").first().textContent()).resolves.toContain("HMICFRS 2026 R1");
  });

  it("without JavaScript: typed references are saved; a wrong one is shown at its field with everything typed kept", async () => {
    const page = oscar;
    await page.goto(`${server.baseUrl}/engagements/new?organisation=kent-police`);
    await page.locator("#title").fill(NO_JS_MEETING);
    await selectByText(page, "#organisations-0-organisationId", /^Kent Police$/);
    await page.locator("summary", { hasText: "Add agenda items" }).click();
    await page.locator("#agenda-0-title").fill("Victim care");
    await page.locator("#agenda-0-recommendations").fill("HMICFRS 2026 R1; HMICFRS 2019 R99");
    await page.locator("summary", { hasText: "Add commitments" }).click();
    await page.locator("#commitments-0-description").fill("Send the call handling figures");
    await page.locator("#commitments-0-recommendations").fill("hmicfrs 2026 r1"); // any case
    await page.locator(SAVE).click();

    const message = "“HMICFRS 2019 R99” is not a recommendation we know";
    await expect.poll(() => page.locator(".govuk-error-summary").textContent(), { timeout: 15_000 }).toContain(message);
    await expect(page.title()).resolves.toMatch(/^Error: /);
    expect(new URL(page.url()).pathname, "nothing saved").toBe("/engagements/new");
    // At its field, not at the commitment's.
    await expect(groupOf(page, "agenda-0-recommendations").getAttribute("class")).resolves.toContain("govuk-form-group--error");
    await expect(groupOf(page, "agenda-0-recommendations").locator(".govuk-error-message").textContent()).resolves.toContain(message);
    await expect(groupOf(page, "commitments-0-recommendations").locator(".govuk-error-message").count()).resolves.toBe(0);
    // The summary's link goes to the field.
    await expect(page.locator(".govuk-error-summary a", { hasText: message }).getAttribute("href")).resolves.toBe(
      "#agenda-0-recommendations",
    );
    // The rest of the input is kept.
    await expect(page.locator("#title").inputValue()).resolves.toBe(NO_JS_MEETING);
    await expect(page.locator("#agenda-0-title").inputValue()).resolves.toBe("Victim care");
    await expect(page.locator("#agenda-0-recommendations").inputValue()).resolves.toBe("HMICFRS 2026 R1; HMICFRS 2019 R99");
    await expect(page.locator("#commitments-0-description").inputValue()).resolves.toBe("Send the call handling figures");
    await expect(page.locator("#commitments-0-recommendations").inputValue()).resolves.toBe("hmicfrs 2026 r1");
    await expectNoAxeViolationsWithoutScripts(page, js, "new engagement without JavaScript, a wrong reference");

    await page.locator("#agenda-0-recommendations").fill("HMICFRS 2026 R1");
    await page.locator(SAVE).click();
    await onEngagementPage(page);
    noJsMeeting = new URL(page.url()).pathname;
    const main = page.locator("main");
    // Named on the agenda item and on the commitment, each a link to the recommendation.
    await expect(main.getByRole("link", { name: "HMICFRS 2026 R1", exact: true }).count()).resolves.toBe(2);
    await expect(main.getByRole("link", { name: "HMICFRS 2026 R2", exact: true }).count()).resolves.toBe(0);
    await expect(
      main
        .locator("ol.govuk-list--number > li", { hasText: "Victim care" })
        .getByRole("link", { name: "HMICFRS 2026 R1" })
        .getAttribute("href"),
    ).resolves.toBe(rec.R1);
  });

  it("with JavaScript: the type-ahead adds each reference chosen by keyboard to the field, after those already there", async () => {
    const page = olive;
    await page.goto(`${server.baseUrl}/engagements/new?organisation=kent-police`);
    await page.locator("input#organisations-0-organisationId").waitFor(); // the page is live
    await page.locator("#title").fill(JS_MEETING);
    await page.getByRole("button", { name: "Add an agenda item", exact: true }).click();
    await page.locator("#agenda-0-title").fill("Sharing victim data");
    await page.getByRole("button", { name: "Add a commitment", exact: true }).click();
    await page.locator("#commitments-0-description").fill("Draft a data sharing agreement");

    const pickerOf = (field: string) =>
      page.locator(".app-recommendation-refs", { has: page.locator(`input#${field}`) }).getByLabel("Find a recommendation to add");
    async function choose(field: string, typed: string, reference: string) {
      const picker = pickerOf(field);
      await picker.waitFor();
      await picker.focus();
      await page.keyboard.type(typed);
      await page.getByRole("option", { name: new RegExp(`^${reference}:`) }).waitFor();
      await page.keyboard.press("ArrowDown");
      await page.keyboard.press("Enter");
      await expect.poll(() => page.locator(`#${field}`).inputValue()).toContain(reference);
    }
    await choose("agenda-0-recommendations", "share victim", "HMICFRS 2026 R2");
    await expect(page.locator("#agenda-0-recommendations").inputValue()).resolves.toBe("HMICFRS 2026 R2");
    await expect(pickerOf("agenda-0-recommendations").inputValue()).resolves.toBe(""); // ready for the next
    await expectNoAxeViolations(page, "new engagement, a recommendation chosen");
    // A second choice is added after the first, separated by a semicolon.
    await choose("commitments-0-recommendations", "R1", "HMICFRS 2026 R1");
    await choose("commitments-0-recommendations", "R2", "HMICFRS 2026 R2");
    await expect(page.locator("#commitments-0-recommendations").inputValue()).resolves.toBe("HMICFRS 2026 R1; HMICFRS 2026 R2");

    await page.locator(SAVE).click();
    await onEngagementPage(page);
    const main = page.locator("main");
    await expect(main.getByRole("link", { name: "HMICFRS 2026 R2", exact: true }).count()).resolves.toBe(2);
    await expect(main.getByRole("link", { name: "HMICFRS 2026 R1", exact: true }).count()).resolves.toBe(1);
    await expectNoAxeViolations(page, "engagement naming recommendations");
  });

  it("the recommendation, its take-ups, the organisation, the dashboard and coverage show the links and figures", async () => {
    const page = olive;
    // The recommendation: discussed at both meetings, with where it was named.
    await page.goto(`${server.baseUrl}${rec.R1}`);
    await expect.poll(() => heading(page)).toBe("Recommendation R1");
    const discussed = page.getByRole("table", { name: "Discussed at" });
    await expect(discussed.textContent()).resolves.toMatch(/Victim care meeting with Kent Police[\s\S]*Agenda: Victim care/);
    await expect(discussed.textContent()).resolves.toContain("Commitment: Send the call handling figures");
    const jsRow = discussed.locator("tr", { hasText: JS_MEETING });
    await expect(jsRow.textContent()).resolves.toContain("Commitment: Draft a data sharing agreement");
    await expect(jsRow.textContent()).resolves.not.toContain("Agenda:"); // it named R2 on its agenda, not R1
    await expect(discussed.getByRole("link", { name: NO_JS_MEETING }).getAttribute("href")).resolves.toBe(noJsMeeting);
    await expectNoAxeViolations(page, "recommendation discussed at");

    // Kent's take-up counts the meetings with Kent; Essex's does not (Essex was not at them).
    await page.goto(`${server.baseUrl}${rec.R1}/bodies/${body["Kent Police"]}`);
    await expect.poll(() => heading(page)).toBe("Kent Police: take-up of recommendation R1");
    const moved = page.getByRole("table", { name: "Engagements with Kent Police that named it" });
    await expect(moved.getByRole("link", { name: NO_JS_MEETING }).count()).resolves.toBe(1);
    await expect(moved.getByRole("link", { name: JS_MEETING }).count()).resolves.toBe(1);
    await expectNoAxeViolations(page, "take-up with engagements");
    await page.goto(`${server.baseUrl}${rec.R1}/bodies/${body["Essex Police"]}`);
    await expect.poll(() => heading(page)).toBe("Essex Police: take-up of recommendation R1");
    await expect(page.locator("main").textContent()).resolves.toContain(
      "No engagement with Essex Police has named this recommendation yet",
    );

    // The organisation's section lists its take-ups.
    await page.goto(`${server.baseUrl}/organisations/kent-police`);
    const section = page.locator("section", { has: page.locator("h2", { hasText: "Inspection recommendations" }) });
    await expect(section.textContent()).resolves.toContain(
      "2 recommendations are addressed to Kent Police: 1 implemented, 0 past their date.",
    );
    await expect(section.locator(`a[href="${rec.R1}/bodies/${body["Kent Police"]}"]`).count()).resolves.toBe(1);
    await expect(section.locator(`a[href="${rec.R2}/bodies/${body["Kent Police"]}"]`).count()).resolves.toBe(1);
    await expectNoAxeViolations(page, "organisation with recommendations");

    // The dashboard: 1 of 4 take-ups implemented, Essex's R1 past its date, Kent's statutory response overdue.
    await page.goto(`${server.baseUrl}/`);
    const figures = page.locator("section", { has: page.locator("h2", { hasText: "Inspection recommendations" }) });
    await expect(figures.textContent()).resolves.toContain("25% (1 of 4 take-ups by the bodies addressed)");
    await expect(figures.getByRole("link", { name: "1 take-up", exact: true }).getAttribute("href")).resolves.toBe(
      "/recommendations?overdue=yes",
    );
    await expect(figures.textContent()).resolves.toContain("0 due, 1 overdue");
    await expectNoAxeViolations(page, "dashboard with recommendation figures");

    // Coverage: the open take-ups of each force.
    await page.goto(`${server.baseUrl}/coverage`);
    const forces = page.getByRole("table", { name: /^Police forces/ });
    await expect(forces.locator("thead").textContent()).resolves.toContain("Open recommendations");
    // The count is the force's and its policing body's take-ups not implemented: its link lists exactly those.
    const kentLink = forces.getByRole("link", { name: /^1 open recommendations of Kent Police\b/ });
    await expect(kentLink.getAttribute("href")).resolves.toBe(
      "/recommendations?organisation=kent-police%2Cpcc-kent&status=not_implemented",
    );
    await expect(forces.getByRole("link", { name: /^2 open recommendations of Essex Police\b/ }).count()).resolves.toBe(1);
    await expectNoAxeViolations(page, "coverage with open recommendations");
    await kentLink.click();
    await page.waitForURL(/\/recommendations\?/);
    await expect
      .poll(() => page.locator("#organisations-shown").textContent())
      .toBe("Showing the take-ups of Kent Police and its local policing body, Kent PCC.");
    await expect(page.locator(".app-results-bar h2").textContent()).resolves.toBe("1 take-up matches these filters");
    await expectNoAxeViolations(page, "recommendations of a force and its policing body");
  });

  it("with the keyboard, takes Essex Police off a recommendation and puts it back, each in the take-up's history", async () => {
    const page = olive;
    const takeUp = `${rec.R1}/bodies/${body["Essex Police"]}`;
    await page.goto(`${server.baseUrl}${takeUp}`);
    await expect.poll(() => heading(page)).toBe("Essex Police: take-up of recommendation R1");
    await expectNoAxeViolations(page, "take-up, before taking the body off");
    await page.getByRole("button", { name: "Take Essex Police off" }).focus();
    await page.keyboard.press("Enter");
    await page.waitForURL(new RegExp(`${rec.R1}$`));
    await expect.poll(() => page.locator(".govuk-notification-banner").textContent()).toContain("Body taken off the recommendation");
    await expect(page.getByRole("table", { name: "Take-up by body" }).textContent()).resolves.not.toContain("Essex Police");
    const takenOff = page.locator("main").getByRole("link", { name: "Essex Police", exact: true });
    await expect(takenOff.getAttribute("href")).resolves.toBe(takeUp);
    await expectNoAxeViolations(page, "recommendation with a body taken off");

    // Out of the figures: 1 of 3 take-ups, none past its date.
    await page.goto(`${server.baseUrl}/`);
    const figures = page.locator("section", { has: page.locator("h2", { hasText: "Inspection recommendations" }) });
    await expect(figures.textContent()).resolves.toContain("(1 of 3 take-ups by the bodies addressed)");

    await page.goto(`${server.baseUrl}${rec.R1}`);
    await page.locator("main").getByRole("link", { name: "Essex Police", exact: true }).focus();
    await page.keyboard.press("Enter");
    await page.waitForURL(new RegExp(`${takeUp}$`));
    await expect.poll(() => page.locator(".govuk-warning-text").textContent()).toContain("Essex Police was taken off this recommendation");
    await expect(page.locator("table").last().textContent()).resolves.toContain("Taken off the recommendation");
    await expect(page.getByRole("button", { name: "Save take-up" }).count()).resolves.toBe(0);
    await expectNoAxeViolations(page, "take-up of a body taken off");
    await page.getByRole("button", { name: "Put Essex Police back" }).focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => page.locator(".govuk-notification-banner").textContent(), { timeout: 15_000 }).toContain("Body put back");
    await expect(page.locator(".govuk-warning-text").count()).resolves.toBe(0);
    const history = page.locator("table").last();
    await expect(history.locator("tbody tr").count()).resolves.toBe(2);
    await expect(history.locator("tbody tr").nth(0).textContent()).resolves.toContain("Put back on the recommendation");
    await expect(history.locator("tbody tr").nth(1).textContent()).resolves.toContain("Taken off the recommendation");
    await expect(history.textContent()).resolves.toContain("Olive Officer");
    await expectNoAxeViolations(page, "take-up of a body put back");

    await page.goto(`${server.baseUrl}/`);
    await expect(figures.textContent()).resolves.toContain("25% (1 of 4 take-ups by the bodies addressed)");
  });

  it("the report's take-up grid prints on one landscape page", async () => {
    await olive.goto(`${server.baseUrl}${reportPath}`);
    await expect.poll(() => heading(olive), { timeout: 15_000 }).toBe(REPORT);
    await olive.emulateMedia({ media: "print" });
    const pdf = (await olive.pdf({ preferCSSPageSize: true, printBackground: true })).toString("latin1");
    await olive.emulateMedia({ media: "screen" });
    const pages = [...pdf.matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)].map((m) => ({
      width: Number(m[1]),
      height: Number(m[2]),
    }));
    expect(pages).toHaveLength(1);
    expect(pages[0].width).toBeGreaterThan(pages[0].height);
  });
});
