// Issue 14, outside the engagement form: names people read, the dashboard's own items first, the
// register keeping its filters, histories in words, the organisation page's own counts, the report preview.
import { beforeAll, describe, expect, it } from "vitest";
import { loader as dashboardLoader } from "~/routes/_index";
import { action as actionPageAction, loader as actionPageLoader } from "~/routes/actions.$actionId";
import { loader as coverageLoader } from "~/routes/coverage";
import { loader as engagementHistoryLoader } from "~/routes/engagements.$engagementId.history";
import { loader as engagementsLoader } from "~/routes/engagements._index";
import { loader as organisationLoader } from "~/routes/organisations.$slug._index";
import { loader as reportsLoader } from "~/routes/reports._index";
import { addDays, todayInUk } from "~/domain/dates";
import { readableSummary, shortenWords } from "~/domain/history-words";
import { shortAndFullName, shortNameOf } from "~/domain/organisation-names";
import { insertEngagement, organisationId } from "../support/fixtures";
import { changeAction } from "../support/records";
import { readJson, redirectedTo, runAction, runLoader, signedInAs, type TestUser } from "../support/requests";

const today = todayInUk();
const day = (offset: number) => addDays(today, offset);

let officer: TestUser;
let manager: TestUser;
let shared: ReturnType<typeof insertEngagement>;

beforeAll(async () => {
  officer = await signedInAs("officer");
  manager = await signedInAs("manager");
  // One meeting with Europol and Eurojust: two of Europol's actions, one of Eurojust's.
  shared = insertEngagement({
    title: "Joint action day planning",
    date: day(-3),
    leadUserId: officer.id,
    createdById: officer.id,
    organisationSlugs: ["europol", "eurojust"],
    actions: [
      { description: "Send the list of priority targets to the analysts", ownerUserId: officer.id, dueDate: day(-1) },
      { description: "Confirm the liaison officer", ownerUserId: officer.id, dueDate: day(3) },
      { description: "Share the judicial cooperation checklist", ownerType: "stakeholder", organisationId: organisationId("eurojust") },
    ],
  });
});

describe("the names people read", () => {
  it("leads with the short name and keeps the full one at hand", () => {
    const europol = { name: "European Union Agency for Law Enforcement Cooperation", shortName: "Europol" };
    expect(shortNameOf(europol)).toBe("Europol");
    expect(shortAndFullName(europol)).toBe("Europol (European Union Agency for Law Enforcement Cooperation)");
    expect(shortNameOf({ name: "Kent Police", shortName: null })).toBe("Kent Police");
    expect(shortAndFullName({ name: "Kent Police", shortName: "" })).toBe("Kent Police");
  });

  it("coverage names Europol as Europol, with its full name beside it", async () => {
    const data = await readJson(await runLoader(coverageLoader, "/coverage", { user: officer }));
    const europol = data.report.international.find((r: { slug: string }) => r.slug === "europol");
    expect(europol).toMatchObject({ name: "Europol", fullName: "European Union Agency for Law Enforcement Cooperation" });
  });

  it("a search of engagements for Europol finds the meetings with Europol", async () => {
    const data = await readJson(await runLoader(engagementsLoader, "/engagements?q=Europol", { user: officer }));
    expect(data.rows.map((r: { title: string }) => r.title)).toContain("Joint action day planning");
    const row = data.rows.find((r: { title: string }) => r.title === "Joint action day planning");
    expect(row.organisations.map((o: { shortName: string }) => o.shortName)).toEqual(["Eurojust", "Europol"]);
  });
});

describe("the dashboard", () => {
  it("puts the officer's own overdue and due-soon actions first, most overdue first", async () => {
    const data = await readJson(await runLoader(dashboardLoader, "/", { user: officer }));
    expect(data.myDue.total).toBe(2);
    expect(data.myDue.rows.map((a: { description: string; overdue: boolean }) => [a.description, a.overdue])).toEqual([
      ["Send the list of priority targets to the analysts", true],
      ["Confirm the liaison officer", false],
    ]);
    expect(data.myDue.rows[0].organisationShortName).toBe("Europol");
  });
});

describe("an action's page keeps the register's filters", () => {
  it("goes back, and after a change returns, to the filtered register; another site's address is never followed", async () => {
    const id = shared.actions[1].id;
    const back = "/actions?owner=all&due=week";
    const page = await readJson(
      await runLoader(actionPageLoader, `/actions/${id}?returnTo=${encodeURIComponent(back)}`, {
        user: officer,
        params: { actionId: String(id) },
      }),
    );
    expect(page.returnTo).toBe(back);
    const saved = await runAction(
      actionPageAction,
      `/actions/${id}`,
      { intent: "in_progress", version: "1", returnTo: back },
      {
        user: officer,
        params: { actionId: String(id) },
      },
    );
    expect(redirectedTo(saved)).toBe(back);
    const elsewhere = await readJson(
      await runLoader(actionPageLoader, `/actions/${id}?returnTo=${encodeURIComponent("//evil.example.com/actions")}`, {
        user: officer,
        params: { actionId: String(id) },
      }),
    );
    expect(elsewhere.returnTo).toBeNull();
  });
});

describe("history in words", () => {
  it("names people, and an action by its words rather than its number", async () => {
    const action = shared.actions[0];
    await changeAction({
      id: action.id,
      version: action.version,
      change: { status: "in_progress" },
      actor: { id: manager.id, email: manager.email, role: "manager" },
    });
    const data = await readJson(
      await runLoader(engagementHistoryLoader, `/engagements/${shared.engagement.id}/history`, {
        user: officer,
        params: { engagementId: String(shared.engagement.id) },
      }),
    );
    const event = data.events[0];
    expect(event.who).toBe(manager.name);
    expect(event.summary).toBe("Commitment: “Send the list of priority targets to the analysts” marked in progress");
    expect(JSON.stringify(data.events)).not.toContain("@example.org");
  });

  it("shortens long words and says 'this engagement'", () => {
    expect(shortenWords("a ".repeat(50), 20).length).toBeLessThanOrEqual(20);
    expect(
      readableSummary("Follow-up #7 recorded on engagement #3", { actions: { 7: "Write to the Chief Constable" }, thisEngagementId: 3 }),
    ).toBe("Follow-up: “Write to the Chief Constable” recorded on this engagement");
    expect(readableSummary("Commitment #8 removed", { actions: {} })).toBe("Commitment #8 removed");
  });
});

describe("an organisation's page", () => {
  it("counts only its own actions of a shared meeting, and says who else was there and the marking", async () => {
    const data = await readJson(
      await runLoader(organisationLoader, "/organisations/eurojust", { user: officer, params: { slug: "eurojust" } }),
    );
    const entry = data.engagements.engagements.find((e: { id: number }) => e.id === shared.engagement.id);
    expect(entry.commitments).toBe(1);
    expect(entry.marking).toBe("OFFICIAL");
    expect(entry.otherOrganisations.map((o: { shortName: string }) => o.shortName)).toEqual(["Europol"]);
    expect(data.engagements.openActions.map((a: { description: string }) => a.description)).toEqual([
      "Share the judicial cooperation checklist",
    ]);
    expect(data.engagements.lastEngagement).toMatchObject({ id: shared.engagement.id, title: "Joint action day planning" });
    const europol = await readJson(
      await runLoader(organisationLoader, "/organisations/europol", { user: officer, params: { slug: "europol" } }),
    );
    expect(europol.engagements.engagements.find((e: { id: number }) => e.id === shared.engagement.id).commitments).toBe(2);
  });
});

describe("the report builder", () => {
  it("marks the chosen quick period and lists the engagements the report holds", async () => {
    const empty = await readJson(await runLoader(reportsLoader, "/reports", { user: officer }));
    const preset = empty.presets.find((p: { id: string }) => p.id === "this-financial-year");
    expect(empty.presets.every((p: { current: boolean }) => !p.current)).toBe(true);
    const data = await readJson(await runLoader(reportsLoader, preset.href, { user: officer }));
    expect(data.presets.filter((p: { current: boolean }) => p.current).map((p: { id: string }) => p.id)).toEqual(["this-financial-year"]);
    const listed = data.report.engagements.find((e: { id: number }) => e.id === shared.engagement.id);
    expect(listed).toMatchObject({ title: "Joint action day planning", organisations: "Europol, Eurojust" });
  });
});
