import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { listAuditEvents } from "~/models/audit.server";
import { loader as coverageLoader } from "~/routes/coverage";
import { loader as csvLoader } from "~/routes/coverage[.]csv";
import { addDays, todayInUk, ukFinancialYear } from "~/domain/dates";
import { insertEngagement, organisationId } from "../support/fixtures";
import { describeRoleMatrix } from "../support/role-matrix";
import { readJson, runLoader, signedInAs, type TestUser } from "../support/requests";

const today = todayInUk();
const year = ukFinancialYear(today);
// The data sits in last financial year, wholly in the past whatever today is; the page is asked for it.
const lastYear = ukFinancialYear(addDays(year.from, -1));
const inYear = (monthDay: string) =>
  `${monthDay < "04-01" ? Number(lastYear.from.slice(0, 4)) + 1 : lastYear.from.slice(0, 4)}-${monthDay}`;
const yearBefore = ukFinancialYear(addDays(lastYear.from, -1));
const LAST_YEAR = `?from=${lastYear.from}&to=${lastYear.to}`;

let viewer: TestUser;

type Body = { slug: string; engagements: number; latestInPeriod: string | null; latestBefore: string | null; openActions: number };
type ForceRow = Body & { name: string; notEngaged: boolean; policingBody: Body | null };
type Report = {
  period: { from: string; to: string };
  forces: ForceRow[];
  optionalForces: ForceRow[];
  national: (Body & { notEngaged: boolean })[];
  international: (Body & { notEngaged: boolean })[];
};

async function coverage(
  query = "",
): Promise<{ query: { from: string; to: string; fieldErrors: Record<string, string> | null; sort: string; dir: string }; report: Report }> {
  const response = await runLoader(coverageLoader, `/coverage${query}`, { user: viewer });
  expect(response.status).toBe(200);
  return readJson(response);
}

const force = (report: Report, slug: string) => report.forces.find((f) => f.slug === slug)!;

beforeAll(async () => {
  viewer = await signedInAs("viewer");
  insertEngagement({
    title: "Kent one",
    date: inYear("05-10"),
    organisationSlugs: ["kent-police"],
    actions: [{ description: "Kent open", organisationId: organisationId("kent-police") }],
  });
  insertEngagement({ title: "Kent two", date: inYear("09-01"), organisationSlugs: ["kent-police", "pcc-kent"] });
  insertEngagement({
    title: "Essex body only",
    date: inYear("06-15"),
    organisationSlugs: ["pfcc-essex"],
    actions: [{ description: "Essex open", organisationId: organisationId("pfcc-essex") }],
  });
  insertEngagement({ title: "Dorset the year before", date: `${yearBefore.from.slice(0, 4)}-11-20`, organisationSlugs: ["dorset-police"] });
  insertEngagement({ title: "Devon planned", status: "planned", date: addDays(today, 10), organisationSlugs: ["pcc-devon-and-cornwall"] });
  insertEngagement({ title: "Gwent cancelled", date: inYear("07-07"), status: "cancelled", organisationSlugs: ["gwent-police"] });
  insertEngagement({
    title: "Surrey archived",
    date: inYear("07-07"),
    archivedAt: new Date().toISOString(),
    organisationSlugs: ["surrey-police"],
  });
  insertEngagement({ title: "NCA", date: inYear("08-08"), organisationSlugs: ["national-crime-agency", "europol"] });
  insertEngagement({ title: "Scotland", date: inYear("10-10"), organisationSlugs: ["police-scotland"] });
});

describe("police coverage", () => {
  it("defaults to the current UK financial year, 1 April to 31 March", async () => {
    expect(ukFinancialYear("2026-03-31")).toMatchObject({ from: "2025-04-01", to: "2026-03-31" });
    expect(ukFinancialYear("2026-04-01")).toMatchObject({ from: "2026-04-01", to: "2027-03-31" });
    expect(ukFinancialYear("2026-11-28")).toMatchObject({ from: "2026-04-01", to: "2027-03-31" });
    const data = await coverage();
    expect(data.report.period).toEqual({ from: year.from, to: year.to });
    expect(data.report.forces).toHaveLength(46);
  });

  it("has a row for each of the 43 forces of England and Wales, Police Scotland, PSNI and British Transport Police, with its policing body", async () => {
    const { report } = await coverage();
    expect(report.forces).toHaveLength(46);
    const slugs = report.forces.map((f) => f.slug);
    for (const slug of [
      "police-scotland",
      "psni",
      "british-transport-police",
      "metropolitan-police-service",
      "city-of-london-police",
      "dyfed-powys-police",
    ])
      expect(slugs).toContain(slug);
    expect(slugs).not.toContain("ministry-of-defence-police");
    expect(report.optionalForces.map((f) => f.slug)).toEqual(["ministry-of-defence-police"]);
    expect(report.forces.filter((f) => f.policingBody)).toHaveLength(43);
    expect(force(report, "metropolitan-police-service").policingBody!.slug).toBe("mopac");
    expect(force(report, "essex-police").policingBody!.slug).toBe("pfcc-essex");
    expect(force(report, "police-scotland").policingBody).toBeNull();
  });

  it("counts engagements with the force and with its body in the period, the latest date of each, and open actions; forces with none are flagged", async () => {
    const { report } = await coverage(LAST_YEAR);
    const kent = force(report, "kent-police");
    expect(kent).toMatchObject({ engagements: 2, latestInPeriod: inYear("09-01"), openActions: 1, notEngaged: false });
    expect(kent.policingBody).toMatchObject({ slug: "pcc-kent", engagements: 1, latestInPeriod: inYear("09-01") });
    const essex = force(report, "essex-police");
    expect(essex).toMatchObject({ engagements: 0, notEngaged: false });
    expect(essex.policingBody).toMatchObject({ engagements: 1, openActions: 1 });
    expect(force(report, "dorset-police")).toMatchObject({
      engagements: 0,
      latestInPeriod: null,
      latestBefore: `${yearBefore.from.slice(0, 4)}-11-20`,
      notEngaged: true,
    });
    // Cancelled and archived engagements do not count.
    expect(force(report, "gwent-police")).toMatchObject({ engagements: 0, notEngaged: true });
    expect(force(report, "surrey-police")).toMatchObject({ engagements: 0, notEngaged: true });
    expect(force(report, "police-scotland")).toMatchObject({ engagements: 1, notEngaged: false });
    expect(report.forces.filter((f) => f.notEngaged)).toHaveLength(43);
  });

  it("a planned engagement still to come is shown as next planned, not counted", async () => {
    const { report } = await coverage(`?from=${addDays(today, -30)}&to=${addDays(today, 60)}`);
    const devon = force(report, "devon-and-cornwall-police");
    expect(devon.notEngaged).toBe(true);
    expect(devon.policingBody).toMatchObject({ engagements: 0, nextPlanned: addDays(today, 10) });
  });

  it("lists national bodies and international partners in sections of their own", async () => {
    const { report } = await coverage(LAST_YEAR);
    const national = report.national.map((r) => r.slug);
    for (const slug of [
      "npcc",
      "npcc-modern-slavery-oic-lead",
      "national-crime-agency",
      "border-force",
      "immigration-enforcement",
      "hmicfrs",
    ])
      expect(national).toContain(slug);
    const international = report.international.map((r) => r.slug);
    for (const slug of ["europol", "eurojust", "interpol", "ng-naptip", "vn-ministry-of-public-security", "ro-anitp"])
      expect(international).toContain(slug);
    expect(report.national.find((r) => r.slug === "national-crime-agency")).toMatchObject({ engagements: 1, notEngaged: false });
    expect(report.international.find((r) => r.slug === "interpol")).toMatchObject({ engagements: 0, notEngaged: true });
  });

  it("takes another period from the address, and says so when a date is not a date", async () => {
    const previous = await coverage(`?from=${yearBefore.from}&to=${yearBefore.to}`);
    expect(previous.report.period).toEqual({ from: yearBefore.from, to: yearBefore.to });
    expect(force(previous.report, "dorset-police")).toMatchObject({ engagements: 1, notEngaged: false });
    expect(force(previous.report, "kent-police")).toMatchObject({ engagements: 0, notEngaged: true });

    const bad = await coverage("?from=2026-02-30&to=soon");
    expect(bad.query.fieldErrors).toEqual({
      from: "Start date must be a real date",
      to: "End date must be a real date",
    });
    expect(bad.report.period).toEqual({ from: year.from, to: year.to });

    // The form's date inputs: three fields each.
    const typed = await coverage(
      `?from-day=${Number(yearBefore.from.slice(8))}&from-month=${Number(yearBefore.from.slice(5, 7))}&from-year=${yearBefore.from.slice(0, 4)}` +
        `&to-day=${Number(yearBefore.to.slice(8))}&to-month=${Number(yearBefore.to.slice(5, 7))}&to-year=${yearBefore.to.slice(0, 4)}`,
    );
    expect(typed.report.period).toEqual({ from: yearBefore.from, to: yearBefore.to });
    const missing = await coverage("?from-day=1&from-month=&from-year=2026&to-day=31&to-month=2&to-year=2026");
    expect(missing.query.fieldErrors).toEqual({ from: "Start date must include a month", to: "End date must be a real date" });
    const backwards = await coverage("?from=2026-06-01&to=2026-01-01");
    expect(backwards.query.fieldErrors).toEqual({ to: "End date must be the same as or after the start date" });
  });

  it("sorts on the server: by name, by engagements (force and body together), by latest engagement, by open actions", async () => {
    const byName = (await coverage(LAST_YEAR)).report.forces.map((f) => f.name);
    expect(byName).toEqual([...byName].sort((a, b) => a.localeCompare(b, "en-GB")));
    const fewest = (await coverage(`${LAST_YEAR}&sort=engagements`)).report.forces;
    expect(fewest[0].engagements + (fewest[0].policingBody?.engagements ?? 0)).toBe(0);
    const most = (await coverage(`${LAST_YEAR}&sort=engagements&dir=desc`)).report.forces;
    expect(most[0].slug).toBe("kent-police");
    expect(
      most
        .slice(1, 3)
        .map((f) => f.slug)
        .sort(),
    ).toEqual(["essex-police", "police-scotland"]);
    const latest = (await coverage(`${LAST_YEAR}&sort=latest&dir=desc`)).report.forces.map((f) => f.slug);
    expect(latest.slice(0, 4)).toEqual(["police-scotland", "kent-police", "essex-police", "dorset-police"]);
    const actions = (await coverage(`${LAST_YEAR}&sort=actions`)).report.forces;
    expect(
      actions
        .slice(0, 2)
        .map((f) => f.slug)
        .sort(),
    ).toEqual(["essex-police", "kent-police"]);
    const nonsense = await coverage("?sort=';DROP TABLE x&dir=sideways");
    expect(nonsense.query).toMatchObject({ sort: "name", dir: "asc" });
  });
});

describe("police coverage as CSV", () => {
  it("downloads every row for the period with names, ISO dates and a BOM, and records the export", async () => {
    const response = await runLoader(csvLoader, `/coverage.csv${LAST_YEAR}&sort=engagements&dir=desc`, { user: viewer });
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Disposition")).toBe(
      `attachment; filename="police-coverage-${lastYear.from}-to-${lastYear.to}.csv"`,
    );
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows: string[][] = parse(new TextDecoder().decode(bytes));
    expect(rows[0].slice(0, 5)).toEqual(["Section", "Organisation", "Kind", "Nation or country", "Engagements in period"]);
    const body = rows.slice(1);
    expect(body.filter((r) => r[0] === "Police force")).toHaveLength(46);
    expect(body[0]).toEqual([
      "Police force",
      "Kent Police",
      "Police force",
      "England",
      "2",
      inYear("09-01"),
      "",
      "",
      "1",
      "Kent PCC",
      "1",
      inYear("09-01"),
      "0",
      "No",
      "Kent Police",
    ]);
    const event = listAuditEvents({ actorUserId: viewer.id, action: "export" }).events[0];
    expect(event.entityType).toBe("coverage");
    expect(JSON.parse(event.after!)).toMatchObject({
      rows: body.length,
      filters: { from: lastYear.from, to: lastYear.to, sort: "engagements", dir: "desc" },
    });
  });

  it("refuses a period that is not a date with 400", async () => {
    const response = await runLoader(csvLoader, "/coverage.csv?from=yesterday", { user: viewer });
    expect(response.status).toBe(400);
  });
});

describeRoleMatrix("coverage", [
  { name: "GET /coverage", minRole: "viewer", run: (user) => runLoader(coverageLoader, "/coverage", { user }) },
  { name: "GET /coverage.csv", minRole: "viewer", run: (user) => runLoader(csvLoader, "/coverage.csv", { user }) },
]);
