import { beforeAll, describe, expect, it } from "vitest";
import { loader as dashboardLoader } from "~/routes/_index";
import { addDays, addMonths, monthStart, todayInUk } from "~/domain/dates";
import { insertEngagement } from "../support/fixtures";
import { describeRoleMatrix } from "../support/role-matrix";
import { readJson, runLoader, signedInAs, type TestUser } from "../support/requests";

const today = todayInUk();
const day = (offset: number) => addDays(today, offset);

let manager: TestUser;
let officer: TestUser;

beforeAll(async () => {
  manager = await signedInAs("manager");
  officer = await signedInAs("officer");
  insertEngagement({
    title: "NCA meeting",
    date: day(-2),
    leadUserId: officer.id,
    organisationSlugs: ["national-crime-agency"],
    actions: [
      { description: "Overdue, officer's", ownerUserId: officer.id, dueDate: day(-4) },
      { description: "Due soon, officer's", ownerUserId: officer.id, dueDate: day(3) },
      { description: "Overdue, stakeholder's", ownerType: "stakeholder", dueDate: day(-1) },
      { description: "Later, office", dueDate: day(40) },
      { description: "Done, not counted", ownerUserId: officer.id, dueDate: day(-9), status: "done", closingNote: "ok" },
    ],
  });
  insertEngagement({
    title: "Kent visit",
    date: day(-1),
    organisationSlugs: ["kent-police"],
    actions: [{ description: "Kent overdue, in progress", ownerUserId: manager.id, dueDate: day(-30), status: "in_progress" }],
  });
  insertEngagement({
    title: "Archived, not counted",
    date: day(-3),
    archivedAt: new Date().toISOString(),
    organisationSlugs: ["europol"],
    actions: [{ description: "Archived overdue", ownerUserId: officer.id, dueDate: day(-10) }],
  });
});

async function dashboard(user: TestUser, query = "") {
  const response = await runLoader(dashboardLoader, `/${query}`, { user });
  expect(response.status).toBe(200);
  return readJson(response);
}

describe("the dashboard", () => {
  it("counts overdue and due-this-week actions by owner and by kind of organisation, leaving out closed and archived ones", async () => {
    const data = await dashboard(manager);
    expect(data.summary.totals).toEqual({ overdue: 3, dueSoon: 1, outstanding: 5 });
    const byOwner = Object.fromEntries(
      data.summary.byOwner.map((o: { key: string; overdue: number; dueSoon: number; outstanding: number }) => [
        o.key,
        [o.overdue, o.dueSoon, o.outstanding],
      ]),
    );
    expect(byOwner).toEqual({ [officer.id]: [1, 1, 2], [manager.id]: [1, 0, 1], stakeholder: [1, 0, 1], office: [0, 0, 1] });
    const byKind = Object.fromEntries(
      data.summary.byOrganisationKind.map((k: { kind: string; overdue: number; outstanding: number }) => [
        k.kind,
        [k.overdue, k.outstanding],
      ]),
    );
    expect(byKind).toEqual({ national_policing_body: [2, 4], police_force: [1, 1] });
  });

  it("tells an officer how many of their own actions are overdue or due soon", async () => {
    const data = await dashboard(officer);
    expect(data.mine).toMatchObject({ overdue: 1, dueSoon: 1 });
    expect(data.me.ownsActions).toBe(true);
  });

  it("lists planned engagements from today on, soonest first, and the most recently logged", async () => {
    insertEngagement({ title: "Planned later", status: "planned", date: day(20), organisationSlugs: ["interpol"] });
    insertEngagement({ title: "Planned soon", status: "planned", date: day(2), organisationSlugs: ["eurojust", "europol"] });
    insertEngagement({ title: "Planned but archived", status: "planned", date: day(1), archivedAt: new Date().toISOString() });
    insertEngagement({ title: "Planned in the past", status: "planned", date: day(-40) });
    const data = await dashboard(manager);
    expect(data.upcoming.map((e: { title: string }) => e.title)).toEqual(["Planned soon", "Planned later"]);
    expect(data.upcoming[0].organisations).toBe("Eurojust, Europol");
    expect(data.recent[0].title).toBe("Planned in the past");
    expect(data.recent.map((e: { title: string }) => e.title)).not.toContain("Planned but archived");
  });

  it("lists organisations engaged before but not in the last 6 months, longest silent first; the months can be changed", async () => {
    insertEngagement({ title: "Old Gwent", date: addMonths(today, -8), organisationSlugs: ["gwent-police"] });
    insertEngagement({ title: "Older Dorset", date: addMonths(today, -20), organisationSlugs: ["dorset-police"] });
    insertEngagement({ title: "Old and recent Kent", date: addMonths(today, -9), organisationSlugs: ["kent-police"] });
    insertEngagement({ title: "Cancelled Essex", date: addMonths(today, -9), status: "cancelled", organisationSlugs: ["essex-police"] });
    const quietSlugs = (data: { quiet: { organisations: { slug: string }[] } }) => data.quiet.organisations.map((o) => o.slug);
    const six = await dashboard(manager);
    expect(six.quiet.months).toBe(6);
    expect(six.quiet.since).toBe(addMonths(today, -6));
    expect(quietSlugs(six)).toEqual(["dorset-police", "gwent-police"]);
    expect(quietSlugs(await dashboard(manager, "?months=12"))).toEqual(["dorset-police"]);
    expect(quietSlugs(await dashboard(manager, "?months=24"))).toEqual([]);
    expect((await dashboard(manager, "?months=abc")).quiet.months).toBe(6);
    expect((await dashboard(manager, "?months=-3")).quiet.months).toBe(6);
    expect((await dashboard(manager, "?months=9999")).quiet.months).toBe(6);
  });

  it("counts engagements per month for the last 12 months, by kind of organisation, without cancelled or future ones", async () => {
    const data = await dashboard(manager);
    expect(data.monthly.months).toHaveLength(12);
    expect(data.monthly.months[11]).toBe(today.slice(0, 7));
    expect(data.monthly.months[0]).toBe(monthStart(today, -11).slice(0, 7));
    const total = data.monthly.totals.reduce((a: number, b: number) => a + b, 0);
    // In range: NCA, Kent, Old Gwent, Old and recent Kent, Planned in the past (with Europol); cancelled, archived, future and 20-month-old ones are left out.
    expect(total).toBe(5);
    const kinds = Object.fromEntries(data.monthly.byKind.map((k: { kind: string; total: number }) => [k.kind, k.total]));
    expect(kinds).toEqual({ police_force: 3, national_policing_body: 1, international_agency: 1 });
  });

  it("an engagement with bodies of two kinds counts once in the month's total and once in each kind", async () => {
    const before = await dashboard(manager);
    insertEngagement({ title: "Joint", date: today, organisationSlugs: ["kent-police", "pcc-kent"] });
    const after = await dashboard(manager);
    expect(after.monthly.totals[11] - before.monthly.totals[11]).toBe(1);
    const kind = (data: { monthly: { byKind: { kind: string; counts: number[] }[] } }, k: string) =>
      data.monthly.byKind.find((x) => x.kind === k)?.counts[11] ?? 0;
    expect(kind(after, "police_force") - kind(before, "police_force")).toBe(1);
    expect(kind(after, "pcc") - kind(before, "pcc")).toBe(1);
  });
});

describeRoleMatrix("dashboard", [{ name: "GET /", minRole: "viewer", run: (user) => runLoader(dashboardLoader, "/", { user }) }]);
