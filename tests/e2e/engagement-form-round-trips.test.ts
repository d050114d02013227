// Issue 14, the engagement form: no keystroke or click changes what is saved unseen, with JavaScript
// on and off; after any round trip the form's version, baseline and actions describe one state; a
// conflict is seen; a two-organisation meeting is one submit without JavaScript; and the shorter paths.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNoAxeViolations, expectNoAxeViolationsWithoutScripts, screenshot, type Browser } from "../support/browser";
import type { RunningServer } from "../support/server";
import { signInOverHttp, type FormBody } from "../support/http-client";
import { startTwoOfficers, stopTwoOfficers, type TwoOfficers } from "../support/two-officers";

const SAVE = '.govuk-button-group > button[value="save"]';

async function onEngagementPage(page: Page, id?: number) {
  await page.waitForURL(id ? new RegExp(`/engagements/${id}$`) : /\/engagements\/\d+$/);
  await page.locator(".app-marking-banner").first().waitFor();
}

function engagementIdOf(page: Page): number {
  const m = /\/engagements\/(\d+)$/.exec(new URL(page.url()).pathname);
  if (!m) throw new Error(`not an engagement page: ${page.url()}`);
  return Number(m[1]);
}

/** The page is live: the organisation type-ahead has replaced the select. */
async function live(page: Page) {
  await page.locator("input#organisations-0-organisationId").waitFor();
}

/** Choose an option of a plain select by its text. */
async function selectByText(page: Page, selector: string, text: RegExp) {
  const value = await page
    .locator(selector)
    .evaluate((el, src) => [...(el as HTMLSelectElement).options].find((o) => new RegExp(src).test(o.text))?.value ?? "", text.source);
  expect(value, `${selector} has ${text}`).not.toBe("");
  await page.locator(selector).selectOption(value);
}

const hidden = (page: Page, name: string) => page.locator(`input[type=hidden][name="${name}"]`).inputValue();

describe("the engagement form: round trips, conflicts and the shorter path", () => {
  let server: RunningServer;
  let js: Browser;
  let olivia: Page; // JavaScript on
  let omar: Page; // JavaScript off
  let twoBodyId = 0;

  let officers: TwoOfficers | undefined;

  beforeAll(async () => {
    officers = await startTwoOfficers({
      withScripts: { email: "olivia@example.org", name: "Olivia Officer" },
      withoutScripts: { email: "omar@example.org", name: "Omar Officer" },
    });
    ({ server, js, withScripts: olivia, withoutScripts: omar } = officers);
  });
  afterAll(() => stopTwoOfficers(officers));

  it("without JavaScript, one submit logs a two-organisation meeting, each commitment's organisation chosen from all", async () => {
    const page = omar;
    await page.goto(`${server.baseUrl}/engagements/new`);
    await expectNoAxeViolationsWithoutScripts(page, js, "new engagement, no JavaScript");
    await page.locator("#title").fill("Meeting with the NCA and Europol (no JS)");
    await selectByText(page, "#organisations-0-organisationId", /\(NCA\)$/);
    // A second organisation without a reload: the spare row.
    await expect(page.locator("label[for=organisations-1-organisationId]").textContent()).resolves.toBe("Another organisation (optional)");
    await selectByText(page, "#organisations-1-organisationId", /\(Europol\)$/);
    // The empty rows are folded away; opening them is not a post.
    await expect(page.locator("#commitments-0-description").isVisible()).resolves.toBe(false);
    await page.locator("summary", { hasText: "Add commitments" }).click();
    await page.locator("#commitments-0-description").fill("Send the Q3 referral data");
    await selectByText(page, "#commitments-0-organisationId", /\(NCA\)$/);
    await page.locator("#commitments-1-description").fill("Propose a joint investigation team");
    await page.locator("summary", { hasText: "Add agenda items" }).click();
    await page.locator("#agenda-0-title").fill("Referral trends");
    await expectNoAxeViolationsWithoutScripts(page, js, "new engagement, no JavaScript, rows unfolded");
    await screenshot(page, "engagement-new-two-bodies-no-js");
    await page.locator(SAVE).click();
    // Commitment 2 names no organisation: the summary says which commitment.
    await expect
      .poll(() => page.locator(".govuk-error-summary").textContent())
      .toContain("Commitment 2: Choose which organisation this commitment concerns");
    await expect(page.title()).resolves.toMatch(/^Error: /);
    await expectNoAxeViolationsWithoutScripts(page, js, "new engagement, no JavaScript, commitment error");
    await expect(page.locator("#organisations-1-organisationId option:checked").textContent()).resolves.toMatch(/\(Europol\)$/);
    await selectByText(page, "#commitments-1-organisationId", /\(Europol\)$/);
    await page.locator(SAVE).click();
    await onEngagementPage(page);
    twoBodyId = engagementIdOf(page);
    const commitments = await page.getByRole("table", { name: "Commitments" }).textContent();
    expect(commitments).toMatch(/Send the Q3 referral data[\s\S]*(National Crime Agency|NCA)/);
    expect(commitments).toMatch(/Propose a joint investigation team[\s\S]*(Europol|European Union Agency)/);
  });

  it("Enter in a one-line field saves, never presses a row button: without JavaScript", async () => {
    const page = omar;
    await page.goto(`${server.baseUrl}/engagements/${twoBodyId}/edit`);
    await page.locator("#location").fill("The Hague");
    await page.locator("#location").press("Enter");
    await onEngagementPage(page, twoBodyId);
    const main = await page.locator("main").textContent();
    expect(main).toContain("The Hague");
    // Both organisations are still there: Enter did not press "Remove organisation 1".
    expect(main).toMatch(/Europol|European Union Agency/);
    expect(main).toMatch(/National Crime Agency|NCA/);
  });

  it("Enter in a one-line field saves, never presses a row button: with JavaScript", async () => {
    const page = olivia;
    await page.goto(`${server.baseUrl}/engagements/${twoBodyId}/edit`);
    await live(page);
    // Live, each commitment's list offers the two organisations chosen, still on the one it concerns.
    await expect(page.locator("#commitments-0-organisationId option:checked").textContent()).resolves.toMatch(/\(NCA\)$/);
    await expect(page.locator("#commitments-1-organisationId option:checked").textContent()).resolves.toMatch(/\(Europol\)$/);
    await expect(page.locator("#commitments-1-organisationId option").count()).resolves.toBe(3);
    await page.locator("#country").fill("Netherlands");
    await page.locator("#country").press("Enter");
    await onEngagementPage(page, twoBodyId);
    const main = await page.locator("main").textContent();
    expect(main).toContain("Netherlands");
    expect(main).toMatch(/Europol|European Union Agency/);
    expect(main).toMatch(/National Crime Agency|NCA/);
    // On a new form, Enter in the title with nothing else typed does not add an organisation row: it tries to save.
    await page.goto(`${server.baseUrl}/engagements/new`);
    await live(page);
    await page.locator("#title").fill("Half typed");
    await page.locator("#title").press("Enter");
    await expect.poll(() => page.locator(".govuk-error-summary").textContent()).toContain("Choose at least one organisation");
    await expect(page.locator("#organisations-1-organisationId").count()).resolves.toBe(0);
  });

  it("a tampered form (a list posted as a word, rows under names the form never makes, a date field twice) comes back with its errors, never a 500", async () => {
    const http = await signInOverHttp(server, "omar@example.org");
    // No title, so every post is refused and the form handed back: the page that broke on such values.
    const refused = { title: "", kind: "meeting", status: "held", "date-day": "1", "date-month": "11", "date-year": "2026" };
    const tampered: Record<string, FormBody> = {
      "a list posted as a word": { commitments: "abc", agenda: "abc", followUps: "abc", organisations: "abc" },
      "a row under a negative number": { "commitments.-1.description": "Send the data", "followUps.-1.description": "Call back" },
      "a row under a name": { "agenda.x.title": "Referrals" },
      "a date field twice": { "date-day": ["1", "2"], "commitments.0.description": "d", "commitments.0.dueDate-day": ["3", "4"] },
      "a date field with parts of its own": { "date-day.x": "1" },
      "a row's field twice, or with parts of its own": {
        "agenda.0.title": ["Referrals", "Trends"],
        "agenda.1.title.x": "Data",
        "commitments.0.description": ["Send", "Call"],
      },
    };
    for (const [label, fields] of Object.entries(tampered))
      for (const path of ["/engagements/new", `/engagements/${twoBodyId}/edit`]) {
        const response = await http.post(path, { ...refused, ...fields });
        const page = await response.text();
        expect(response.status, `${label}, ${path}`).toBe(400);
        expect(page, `${label}, ${path}`).toContain("Enter a title");
      }
    // A row button pressed on such a form hands it back too.
    const added = await http.post("/engagements/new", {
      ...refused,
      intent: "add:commitments",
      "commitments.-1.description": "Send the data",
    });
    expect(added.status).toBe(200);
    expect(await added.text()).toContain('id="commitments-1-description"');
  });

  it("without JavaScript, a round trip keeps the state the person saw, so a colleague's change is a conflict, never quietly undone", async () => {
    await omar.goto(`${server.baseUrl}/engagements/${twoBodyId}/edit`);
    const loaded = {
      version: await hidden(omar, "version"),
      loadedActions: await hidden(omar, "loadedActions"),
      baseline: await hidden(omar, "baseline"),
    };

    // Olivia (JavaScript on) changes the location and adds a commitment meanwhile.
    await olivia.goto(`${server.baseUrl}/engagements/${twoBodyId}/edit`);
    await live(olivia);
    await olivia.locator("#location").fill("Europol headquarters");
    await olivia.getByRole("button", { name: "Add another commitment" }).click();
    await olivia.locator("#commitments-2-description").fill("Olivia's commitment");
    await selectByText(olivia, "#commitments-2-organisationId", /\(Europol\)$/);
    await olivia.locator(SAVE).click();
    await onEngagementPage(olivia, twoBodyId);

    // Omar: a validation error, then a row button. Each round trip hands back what he loaded, not what is saved now.
    await omar.locator("#title").fill("");
    await omar.locator("#purpose").fill("Omar's purpose");
    await omar.locator(SAVE).click();
    await expect.poll(() => omar.locator(".govuk-error-summary").textContent()).toContain("Enter a title");
    expect({
      version: await hidden(omar, "version"),
      loadedActions: await hidden(omar, "loadedActions"),
      baseline: await hidden(omar, "baseline"),
    }).toEqual(loaded);
    await expect(omar.locator("#location").inputValue()).resolves.toBe("The Hague");
    // The two organisations and the one spare row, however many round trips.
    await expect(omar.locator('select[name^="organisations."]').count()).resolves.toBe(3);
    await omar.getByRole("button", { name: "Add another agenda item" }).click();
    await omar.locator("#agenda-1-title").waitFor();
    expect(await hidden(omar, "version")).toBe(loaded.version);
    expect(await hidden(omar, "loadedActions")).toBe(loaded.loadedActions);
    expect(await hidden(omar, "baseline")).toBe(loaded.baseline);
    await expect(omar.locator('select[name^="organisations."]').count()).resolves.toBe(3);

    // His save is refused and he is told what Olivia changed; nothing of his is lost.
    await omar.locator("#title").fill("Meeting with the NCA and Europol (no JS)");
    await omar.locator(SAVE).click();
    const notice = omar.locator("#conflict");
    await notice.waitFor();
    await expect(omar.title()).resolves.toMatch(/^Error: /);
    await expect(omar.evaluate(() => document.activeElement?.id)).resolves.toBe("conflict");
    const text = await notice.textContent();
    expect(text).toContain("Europol headquarters");
    expect(text).toContain("Olivia's commitment");
    await expect(omar.locator("#location").inputValue()).resolves.toBe("Europol headquarters");
    await expect(omar.locator("#purpose").inputValue()).resolves.toBe("Omar's purpose");
    await expectNoAxeViolationsWithoutScripts(omar, js, "edit engagement, conflict without JavaScript");
    await screenshot(omar, "engagement-conflict-no-js");
    // Saving again keeps Olivia's location and commitment, and Omar's purpose.
    await omar.locator(SAVE).click();
    await onEngagementPage(omar, twoBodyId);
    const main = await omar.locator("main").textContent();
    expect(main).toContain("Europol headquarters");
    expect(main).toContain("Olivia's commitment");
    expect(main).toContain("Omar's purpose");
  });

  it("with JavaScript, a conflict takes focus at the top, is titled an error and lists each difference, also one made in the register", async () => {
    await olivia.goto(`${server.baseUrl}/engagements/${twoBodyId}/edit`);
    await live(olivia);
    // Omar closes a commitment in the register, and changes the location, while Olivia edits.
    await omar.goto(`${server.baseUrl}/engagements/${twoBodyId}`);
    await omar.getByRole("link", { name: /Update or close commitment “Send the Q3 referral data/ }).click();
    await omar.getByLabel("Closing note").fill("Data received");
    await omar.getByRole("button", { name: "Mark as done" }).click();
    await onEngagementPage(omar, twoBodyId);
    await omar.goto(`${server.baseUrl}/engagements/${twoBodyId}/edit`);
    await omar.locator("#location").fill("Omar's location");
    await omar.locator(SAVE).click();
    await onEngagementPage(omar, twoBodyId);

    await olivia.locator("#summary").fill("Olivia's summary");
    await olivia.locator(SAVE).scrollIntoViewIfNeeded();
    await olivia.locator(SAVE).click();
    const notice = olivia.locator("#conflict");
    await notice.waitFor();
    await olivia.waitForFunction(() => document.activeElement?.id === "conflict");
    await expect(olivia.title()).resolves.toMatch(/^Error: /);
    // At the top of the page, in view.
    expect(await notice.evaluate((el) => el.getBoundingClientRect().top)).toBeLessThan(300);
    const text = await notice.textContent();
    expect(text).toContain("Omar's location");
    expect(text).toContain("Changed in the actions register: now done");
    await expectNoAxeViolations(olivia, "edit engagement, conflict with JavaScript");
    await screenshot(olivia, "engagement-conflict-js");
    await expect(olivia.locator("#summary").inputValue()).resolves.toBe("Olivia's summary");
    await olivia.locator(SAVE).click();
    await onEngagementPage(olivia, twoBodyId);
    const main = await olivia.locator("main").textContent();
    expect(main).toContain("Omar's location");
    expect(main).toContain("Olivia's summary");
  });

  it("the blank form starts with its sections empty and an Add button each; keyboard adds a row and goes to it", async () => {
    // A page of its own, watching from before the page's scripts run for rows shown outside their folded-away details.
    const page = await olivia.context().newPage();
    await page.addInitScript(() => {
      const shown: string[] = [];
      (window as unknown as { rowsShown: string[] }).rowsShown = shown;
      new MutationObserver((records) => {
        for (const record of records)
          for (const node of record.addedNodes)
            if (node instanceof Element)
              for (const row of [node, ...node.querySelectorAll(".app-repeat-row")])
                if (row.matches(".app-repeat-row") && !row.closest(".app-folded-rows")) shown.push(row.querySelector("[id]")?.id ?? "?");
      }).observe(document, { childList: true, subtree: true });
    });
    await page.goto(`${server.baseUrl}/engagements/new`);
    await live(page);
    for (const name of ["Add an agenda item", "Add a commitment", "Add a follow-up", "Add another attendee"])
      await expect(page.getByRole("button", { name, exact: true }).count(), name).resolves.toBe(1);
    for (const id of ["agenda-0-title", "commitments-0-description", "followUps-0-description", "attendees-1-person"])
      await expect(page.locator(`#${id}`).count(), id).resolves.toBe(0);
    // The empty rows a person without JavaScript would fill in went from their folded details straight away: never
    // shown and laid out for a moment before going (docs/decisions/0035).
    const shown = await page.evaluate(() => (window as unknown as { rowsShown: string[] }).rowsShown);
    expect(shown.filter((id) => /^(agenda|commitments|followUps)-|^attendees-[1-9]/.test(id))).toEqual([]);
    await expectNoAxeViolations(page, "new engagement, sections empty");
    await screenshot(page, "engagement-new-blank");
    await page.locator("summary", { hasText: "Add themes" }).click();
    await expectNoAxeViolations(page, "new engagement, themes unfolded");
    await page.getByRole("button", { name: "Add a commitment", exact: true }).focus();
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => document.activeElement?.id === "commitments-0-description");
    await expectNoAxeViolations(page, "new engagement, a commitment added");
    await page.close();
  });

  it("a key pressed in the title, the date or a commitment renders no more than it must", async () => {
    // React reports each commit to a developer-tools hook when one is in the page before React loads.
    const page = await olivia.context().newPage();
    await page.addInitScript(() => {
      const w = window as unknown as { reactCommits: number; __REACT_DEVTOOLS_GLOBAL_HOOK__: unknown };
      w.reactCommits = 0;
      w.__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
        supportsFiber: true,
        inject: () => 1,
        onScheduleFiberRoot: () => undefined,
        onCommitFiberRoot: () => void w.reactCommits++,
        onCommitFiberUnmount: () => undefined,
        onPostCommitFiberRoot: () => undefined,
        checkDCE: () => undefined,
      };
    });
    const commits = () => page.evaluate(() => (window as unknown as { reactCommits: number }).reactCommits);
    /** The count once it has stayed the same for half a second (type-aheads and choices arrive after the page). */
    async function settledCommits() {
      let last = -1;
      for (let now = await commits(); now !== last; now = await commits()) {
        last = now;
        await page.waitForTimeout(500);
      }
      return last;
    }
    // What React holds for the title field, as distinct objects seen so far: its props (a new object each time React
    // renders it) and its ref callback (a new one at a render makes React detach the old and attach it, and
    // react-hook-form register the field all over again).
    const titleSeen = () =>
      page.evaluate(() => {
        const title = document.getElementById("title") as unknown as Record<string, unknown>;
        const key = Object.keys(title).find((k) => k.startsWith("__reactFiber$"));
        const fiber = key ? (title[key] as { memoizedProps: unknown; ref: unknown; alternate: { memoizedProps: unknown } | null }) : null;
        const w = window as unknown as { titleProps?: Set<unknown>; titleRefs?: Set<unknown> };
        w.titleProps ??= new Set();
        w.titleRefs ??= new Set();
        for (const props of [fiber?.memoizedProps, fiber?.alternate?.memoizedProps]) if (props) w.titleProps.add(props);
        if (fiber?.ref) w.titleRefs.add(fiber.ref);
        return { renders: w.titleProps.size, refs: w.titleRefs.size };
      });
    const titleRenders = async () => (await titleSeen()).renders;
    const titleRefs = async () => (await titleSeen()).refs;
    await page.goto(`${server.baseUrl}/engagements/new`);
    await live(page);
    expect(await settledCommits(), "the hook sees React's commits: the page turning live").toBeGreaterThan(0);
    expect(await titleRefs(), "the title field has a ref callback").toBe(1);

    // Nothing on the page depends on the title: typing it is the browser's work alone. (A watch of every field
    // rendered all of the form's components again at each key.)
    const atLoad = await titleRenders();
    await page.getByLabel("Title", { exact: true }).pressSequentially("Quarterly meeting");
    expect(await titleRenders(), "the title field rendered again by a key in the title").toBe(atLoad);

    // The date's fields are watched by the fields that show them (its error marks the part that is wrong): a key
    // there renders those, not the rest of the form.
    const beforeDate = await commits();
    await page.locator("#date-day").pressSequentially("7");
    await expect.poll(commits, { message: "a commit after typing the day" }).toBeGreaterThan(beforeDate);
    expect(await titleRenders(), "the title field rendered again by a key in the date").toBe(atLoad);

    // A commitment row is watched by its own section (its owner decides which fields show): typing in one renders
    // that section, not the rest of the form.
    await page.getByRole("button", { name: "Add a commitment", exact: true }).click();
    const description = page.locator("#commitments-0-description");
    await description.waitFor();
    const beforeRow = await settledCommits();
    const titleBeforeRow = await titleRenders();
    await description.pressSequentially("Send the figures");
    await expect.poll(commits, { message: "a commit after typing in the commitment" }).toBeGreaterThan(beforeRow);
    expect(await titleRenders(), "the title field rendered again by a key in a commitment").toBe(titleBeforeRow);

    // What the title field shows does change when the form's errors do (the date is not whole): saving renders it
    // again, which shows the count above sees a render when there is one.
    await page.locator(SAVE).click();
    await page.locator(".govuk-error-summary").waitFor();
    await expect
      .poll(titleRenders, { message: "the title field rendered again when the form showed its errors" })
      .toBeGreaterThan(titleBeforeRow);
    expect(await titleRefs(), "the title field given a new ref callback when it rendered again").toBe(1);
    await page.close();
  });

  it("logs a call or email with fewer fields", async () => {
    const page = olivia;
    await page.goto(`${server.baseUrl}/engagements/new?organisation=europol`);
    await live(page);
    await page.getByRole("link", { name: "Log a call or email instead (fewer fields)" }).click();
    await page.locator("h1", { hasText: "Log a call or email" }).waitFor();
    await live(page);
    await expect(page.locator("#location").count()).resolves.toBe(0);
    await expect(page.locator("#section-agenda").count()).resolves.toBe(0);
    await expect(page.locator("input#organisations-0-organisationId").inputValue()).resolves.toMatch(/Europol/);
    await expectNoAxeViolations(page, "log a call or email");
    await screenshot(page, "engagement-quick");
    await page.locator("#title").fill("Call with the Europol liaison desk");
    await page.getByLabel("Email or letter").check();
    await page.locator("#summary").fill("They will send the contact list.");
    await page.locator(SAVE).click();
    await onEngagementPage(page);
    const main = await page.locator("main").textContent();
    expect(main).toContain("Call with the Europol liaison desk");
    expect(main).toContain("Correspondence");
    expect(main).toContain("Olivia Officer");
  });

  it("copies the organisations, attendees and agenda of the last meeting with an organisation, not its dates", async () => {
    const page = olivia;
    await page.goto(`${server.baseUrl}/engagements/new?organisation=national-crime-agency`);
    await live(page);
    const today = await page.locator("#date-day").inputValue();
    await page.locator("#title").fill("Next meeting with the NCA");
    await page.getByRole("button", { name: /Copy from the last meeting with NCA/ }).click();
    await page.locator("#copied").waitFor();
    await page.waitForFunction(() => document.activeElement?.id === "copied");
    await live(page);
    // Both organisations, the attendees and the agenda topic; the title typed and today's date kept.
    await expect(page.locator("input#organisations-1-organisationId").inputValue()).resolves.toMatch(/Europol/);
    await expect(page.locator("#attendees-1-person option:checked").textContent()).resolves.toBe("Omar Officer");
    await expect(page.locator("#agenda-0-title").inputValue()).resolves.toBe("Referral trends");
    await expect(page.locator("#agenda-0-notes").inputValue()).resolves.toBe("");
    await expect(page.locator("#title").inputValue()).resolves.toBe("Next meeting with the NCA");
    await expect(page.locator("#date-day").inputValue()).resolves.toBe(today);
    await expectNoAxeViolations(page, "new engagement, copied from the last meeting");
    await screenshot(page, "engagement-copied");
    await page.locator(SAVE).click();
    await onEngagementPage(page);
    expect(await page.locator("main").textContent()).toContain("Referral trends");
  });

  it("an engagement that resolves a follow-up inherits the organisations, marking and context of the one it came from", async () => {
    const page = olivia;
    await page.goto(`${server.baseUrl}/engagements/new?organisation=europol`);
    await live(page);
    await page.locator("#title").fill("Sensitive briefing with Europol");
    await page.getByRole("button", { name: "Add a follow-up", exact: true }).click();
    await page.locator("#followUps-0-description").fill("Send the victim referral figures");
    await page.getByLabel("OFFICIAL-SENSITIVE").check();
    await page.locator(SAVE).click();
    await onEngagementPage(page);
    await page.getByRole("link", { name: /Log the engagement that resolves it/ }).click();
    await page.waitForURL(/\/engagements\/new\?resolves=\d+/);
    await live(page);
    await expect(page.getByLabel("OFFICIAL-SENSITIVE").isChecked()).resolves.toBe(true);
    await expect(page.locator("input#organisations-0-organisationId").inputValue()).resolves.toMatch(/Europol/);
    await expect(page.locator("#purpose").inputValue()).resolves.toContain("Sensitive briefing with Europol");
    await expectNoAxeViolations(page, "new engagement resolving a sensitive follow-up");
    await page.locator("#title").fill("Figures sent");
    await page.locator(SAVE).click();
    await onEngagementPage(page);
    await expect(page.locator(".app-marking-banner").first().textContent()).resolves.toContain("OFFICIAL-SENSITIVE");
  });
});
