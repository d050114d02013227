// How much work the engagement form is (issue 14): Tab stops from Title to Save on the blank form, and
// the steps to log a two-organisation meeting, printed as figures. Not a timed test: it fails only if a
// journey cannot be completed. The same script ran against the form before issue 14 (see
// docs/decisions/0013-engagement-form-round-trips-and-short-path.md for both sets of figures).
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, type Browser } from "../support/browser";
import { createAccount, signIn } from "../support/e2e-accounts";
import { countTabStops, Steps } from "../support/form-steps";
import { startServer, type RunningServer } from "../support/server";

const SAVE = '.govuk-button-group > button[value="save"]';
const figures: Record<string, number> = {};

/** Wait until the page is live (the type-ahead has replaced the organisation select). */
async function live(page: Page) {
  await page.locator("input#organisations-0-organisationId").waitFor();
}

/** A held meeting with the NCA and Europol: times, place, one more attendee, two agenda items, two commitments, a follow-up. */
async function logTwoBodyMeeting(page: Page, steps: Steps, title: string, opts: { organisationsChosen?: boolean } = {}) {
  await steps.fill(page.locator("#title"), title, "title");
  if (!opts.organisationsChosen) {
    await steps.pick(page.locator("input#organisations-0-organisationId"), "NCA", /\(NCA\)/);
    await steps.click(page.getByRole("button", { name: "Add another organisation" }), "Add another organisation");
    await steps.pick(page.locator("input#organisations-1-organisationId"), "europol", /\(Europol\)/);
  }
  await steps.fill(page.locator("#startTime"), "10:00");
  await steps.fill(page.locator("#endTime"), "11:00");
  await steps.check(page.getByLabel("In person"), "In person");
  await steps.fill(page.locator("#location"), "Europol, The Hague");
  if (!opts.organisationsChosen) {
    await steps.row("attendees-1-person", /^Add (an|another) attendee$/, "Add more attendees");
    await steps.select(page.locator("#attendees-1-person"), "Someone not listed (enter their name)");
    await steps.fill(page.locator("#attendees-1-name"), "DCI Jane Smith");
    await steps.row("agenda-0-title", /^Add (an|another) agenda item$/, "Add agenda items");
    await steps.fill(page.locator("#agenda-0-title"), "Referral trends");
    await steps.row("agenda-1-title", /^Add (an|another) agenda item$/, "Add agenda items");
    await steps.fill(page.locator("#agenda-1-title"), "Joint investigation teams");
  }
  await steps.fill(page.locator("#summary"), "Agreed to share referral data each quarter.", "summary");
  await steps.row("commitments-0-description", /^Add (a|another) commitment$/, "Add commitments");
  await steps.fill(page.locator("#commitments-0-description"), "Send the Q3 referral data");
  await steps.select(page.locator("#commitments-0-organisationId"), /\(NCA\)/);
  await steps.row("commitments-1-description", /^Add (a|another) commitment$/, "Add commitments");
  await steps.fill(page.locator("#commitments-1-description"), "Propose a joint investigation team");
  await steps.select(page.locator("#commitments-1-organisationId"), /\(Europol\)/);
  await steps.row("followUps-0-description", /^Add (a|another) follow-up$/, "Add follow-ups");
  await steps.fill(page.locator("#followUps-0-description"), "Arrange the next meeting");
  await steps.select(page.locator("#followUps-0-organisationId"), /\(Europol\)/);
  await steps.fill(page.locator("#followUps-0-dueDate-day"), "31");
  await steps.fill(page.locator("#followUps-0-dueDate-month"), "1");
  await steps.fill(page.locator("#followUps-0-dueDate-year"), "2027");
  await steps.click(page.locator(SAVE), "Save engagement");
  await page.waitForURL(/\/engagements\/\d+$/);
  await page.locator(".app-marking-banner").first().waitFor();
  const body = await page.locator("main").textContent();
  expect(body).toContain(title);
  expect(body).toContain("Propose a joint investigation team");
}

describe("the engagement form's Tab stops and steps", () => {
  let server: RunningServer;
  let js: Browser;
  let noJs: Browser;

  beforeAll(async () => {
    server = await startServer();
    createAccount(server, "officer", "olivia@example.org", "Olivia Officer");
    js = await launchBrowser();
    noJs = await launchBrowser({ javaScriptEnabled: false });
  });
  afterAll(async () => {
    console.log(
      `Engagement form figures:\n${Object.entries(figures)
        .map(([k, v]) => `  ${k}: ${v}`)
        .join("\n")}`,
    );
    await js?.close();
    await noJs?.close();
    await server?.stop();
  });

  it("counts the Tab stops from Title to Save on the blank form, with and without JavaScript", async () => {
    const page = await js.context.newPage();
    await signIn(page, server, "olivia@example.org");
    await page.goto(`${server.baseUrl}/engagements/new`);
    await live(page);
    figures["Tab stops, Title to Save, blank form, JavaScript on"] = await countTabStops(page, "#title", SAVE);
    const plain = await noJs.context.newPage();
    await signIn(plain, server, "olivia@example.org");
    await plain.goto(`${server.baseUrl}/engagements/new`);
    figures["Tab stops, Title to Save, blank form, JavaScript off"] = await countTabStops(plain, "#title", SAVE);
    await plain.close();
    if (await page.getByRole("link", { name: /Log a call or email/ }).count()) {
      await page.goto(`${server.baseUrl}/engagements/new?quick=1`);
      await live(page);
      figures["Tab stops, Title to Save, Log a call or email"] = await countTabStops(page, "#title", SAVE);
    }
    await page.close();
  });

  it("counts the steps to log a two-organisation meeting from the blank form, and again copying the last one", async () => {
    const page = await js.context.newPage();
    await signIn(page, server, "olivia@example.org");
    await page.goto(`${server.baseUrl}/engagements/new`);
    await live(page);
    const fresh = new Steps(page);
    await logTwoBodyMeeting(page, fresh, "Quarterly meeting with the NCA and Europol");
    figures["Steps, two-organisation meeting, from the blank form"] = fresh.count;

    // The next quarter's meeting, from the NCA's page, copying the last one.
    await page.goto(`${server.baseUrl}/engagements/new?organisation=national-crime-agency`);
    await live(page);
    const copy = page.getByRole("button", { name: /Copy from the last meeting with NCA/ });
    if (await copy.count()) {
      const copying = new Steps(page);
      await copying.click(copy, "Copy from the last meeting with NCA");
      await page.locator("#copied").waitFor();
      await live(page);
      await logTwoBodyMeeting(page, copying, "Next quarterly meeting with the NCA and Europol", { organisationsChosen: true });
      figures["Steps, the next such meeting, copying the last one"] = copying.count;
      expect(await page.locator("main").textContent()).toContain("Joint investigation teams");
    }
    await page.close();
  });
});
