// Every count on the coverage page links to a list of exactly what it counts: a force's open actions are its own
// and its policing body's, so the link must show both, and the list must say so.
import { beforeAll, describe, expect, it } from "vitest";
import { loader as actionsLoader } from "~/routes/actions._index";
import { loader as coverageLoader } from "~/routes/coverage";
import { loader as recommendationsLoader } from "~/routes/recommendations._index";
import { loader as engagementsLoader } from "~/routes/engagements._index";
import { eq } from "drizzle-orm";
import { db } from "~db/connection";
import { recommendationAddressees } from "~db/schema";
import { createReport } from "~/models/recommendation/report.server";
import { importRecommendations } from "~/models/recommendation/write.server";
import { addDays, todayInUk } from "~/domain/dates";
import { organisationsInWords } from "~/domain/organisation-names";
import { insertEngagement, organisationId } from "../support/fixtures";
import { readJson, runLoader, signedInAs, type TestUser } from "../support/requests";

const today = todayInUk();
let viewer: TestUser;
let officer: TestUser;

type Body = { id: number; slug: string; name: string; openActions: number; engagements: number };
type CoverageData = {
  report: {
    forces: (Body & { policingBody: Body | null })[];
    optionalForces: (Body & { policingBody: Body | null })[];
    national: Body[];
    international: Body[];
  };
  engagementsLinks: Record<string, string>;
  actionsLinks: Record<string, string>;
  openRecommendations: Record<string, number>;
  recommendationsLinks: Record<string, string>;
};
type RecommendationsData = {
  counts: { total: number };
  page: { rows: { organisationId: number; status: string }[] };
  organisationsShown: ActionsData["organisationsShown"];
};
type ActionsData = {
  counts: { total: number };
  page: { rows: { organisationSlug: string | null }[]; next: string | null };
  organisationsShown: { id: number; slug: string; name: string; shortName: string | null; kind: string; forceId: number | null }[];
};

async function coverage(query = ""): Promise<CoverageData> {
  const response = await runLoader(coverageLoader, `/coverage${query}`, { user: viewer });
  expect(response.status).toBe(200);
  return readJson(response);
}

async function follow(href: string, user: TestUser = viewer): Promise<ActionsData> {
  expect(href).toMatch(/^\/actions\?/);
  const response = await runLoader(actionsLoader, href, { user });
  expect(response.status).toBe(200);
  return readJson(response);
}

beforeAll(async () => {
  viewer = await signedInAs("viewer");
  officer = await signedInAs("officer");
  const kent = organisationId("kent-police");
  const kentBody = organisationId("pcc-kent");
  insertEngagement({
    title: "Kent force and body",
    date: addDays(today, -20),
    organisationSlugs: ["kent-police", "pcc-kent"],
    actions: [
      { description: "Force open", organisationId: kent },
      { description: "Force overdue", organisationId: kent, dueDate: addDays(today, -3) },
      { description: "Force in progress", organisationId: kent, status: "in_progress", dueDate: addDays(today, 5) },
      { description: "Force done", organisationId: kent, status: "done", closingNote: "Done" },
      { description: "Body open", organisationId: kentBody },
      { description: "Body overdue", organisationId: kentBody, dueDate: addDays(today, -1) },
    ],
  });
  insertEngagement({
    title: "Kent body alone",
    date: addDays(today, -10),
    organisationSlugs: ["pcc-kent"],
    actions: [{ description: "Body again", organisationId: kentBody, ownerType: "stakeholder" }],
  });
  // Recommendations: R1 to the force and its body (the force has implemented it), R2 to the body and Essex.
  const actor = { id: officer.id, email: officer.email, role: officer.role };
  const report = await createReport({
    input: { title: "Victim care", publisherId: organisationId("hmicfrs"), publishedOn: addDays(today, -60), marking: "OFFICIAL" },
    actor,
  });
  await importRecommendations({
    reportId: report.id,
    rows: [
      { number: "R1", text: "Train call handlers.", kind: "recommendation", addressees: "Kent Police; Kent PCC", due: "" },
      { number: "R2", text: "Share victim data.", kind: "recommendation", addressees: "Kent PCC; Essex Police", due: "" },
    ],
    actor,
  });
  db()
    .update(recommendationAddressees)
    .set({ status: "implemented", statusOn: addDays(today, -1) })
    .where(eq(recommendationAddressees.organisationId, kent))
    .run();
  // Engagements that do not count: cancelled, archived, planned after today, before the period.
  insertEngagement({ title: "Kent cancelled", date: addDays(today, -15), status: "cancelled", organisationSlugs: ["kent-police"] });
  insertEngagement({
    title: "Kent archived",
    date: addDays(today, -14),
    archivedAt: new Date().toISOString(),
    organisationSlugs: ["kent-police", "pcc-kent"],
  });
  insertEngagement({ title: "Kent next week", date: addDays(today, 7), status: "planned", organisationSlugs: ["kent-police"] });
  insertEngagement({ title: "Kent long ago", date: addDays(today, -400), organisationSlugs: ["kent-police"] });
  // Planned and past its date, not yet marked held: it counts.
  insertEngagement({ title: "Kent planned, past", date: addDays(today, -3), status: "planned", organisationSlugs: ["kent-police"] });
  insertEngagement({ title: "MoD Police", date: addDays(today, -4), organisationSlugs: ["ministry-of-defence-police"] });
  // Elsewhere: must not reach Kent's list.
  insertEngagement({
    title: "Essex",
    date: addDays(today, -5),
    organisationSlugs: ["essex-police", "europol"],
    actions: [
      { description: "Essex open", organisationId: organisationId("essex-police") },
      { description: "Europol open", organisationId: organisationId("europol") },
    ],
  });
});

describe("the coverage page's counts and their links", () => {
  it("a force's open actions link to its and its policing body's actions, and the list counts the same number", async () => {
    const { report, actionsLinks } = await coverage();
    const kent = report.forces.find((f) => f.slug === "kent-police")!;
    expect(kent.openActions).toBe(3);
    expect(kent.policingBody).toMatchObject({ slug: "pcc-kent", openActions: 3 });
    const list = await follow(actionsLinks[kent.id]);
    expect(list.counts.total).toBe(6);
    expect(list.page.rows).toHaveLength(6);
    expect(new Set(list.page.rows.map((r) => r.organisationSlug))).toEqual(new Set(["kent-police", "pcc-kent"]));
  });

  it("every count of open actions on the page, followed, lists as many actions as it shows", async () => {
    const { report, actionsLinks } = await coverage();
    const shown = [
      ...report.forces.map((f) => ({ id: f.id, slug: f.slug, n: f.openActions + (f.policingBody?.openActions ?? 0) })),
      ...[...report.national, ...report.international].map((r) => ({ id: r.id, slug: r.slug, n: r.openActions })),
    ].filter((r) => r.n > 0);
    expect(shown.map((r) => r.slug).sort()).toEqual(["essex-police", "europol", "kent-police"]);
    for (const row of shown) {
      const list = await follow(actionsLinks[row.id]);
      expect({ slug: row.slug, total: list.counts.total, rows: list.page.rows.length }).toEqual({
        slug: row.slug,
        total: row.n,
        rows: row.n,
      });
    }
  });

  it("the list says it shows the force and its policing body, and its filters keep the pair", async () => {
    const { report, actionsLinks } = await coverage();
    const kent = report.forces.find((f) => f.slug === "kent-police")!;
    const list = await follow(actionsLinks[kent.id]);
    expect(list.organisationsShown.map((o) => o.slug)).toEqual(["kent-police", "pcc-kent"]);
    expect(organisationsInWords(list.organisationsShown)).toBe("Kent Police and its local policing body, Kent PCC");
  });

  it("the due windows and the other filters count within both organisations", async () => {
    const href = (await coverage()).actionsLinks[organisationId("kent-police")];
    const overdue = await follow(`${href}&due=overdue`);
    expect(overdue.counts.total).toBe(2);
    expect(overdue.page.rows).toHaveLength(2);
    const inProgress = await follow(`${href}&status=in_progress`);
    expect(inProgress.counts.total).toBe(1);
    const stakeholders = await follow(`${href.replace("owner=all", "owner=stakeholder")}`);
    expect(stakeholders.counts.total).toBe(1);
    const text = await follow(`${href}&q=open`);
    expect(text.counts.total).toBe(2);
    // An officer's default ("mine and my meetings'") is a slice of the counters too.
    const mine = await follow(href.replace("owner=all", "owner=mine"), officer);
    expect(mine.counts.total).toBe(0);
  });

  it("every count of open recommendations, followed, lists as many take-ups as it shows, and names the force and its body", async () => {
    const { report, openRecommendations, recommendationsLinks } = await coverage();
    const kent = report.forces.find((f) => f.slug === "kent-police")!;
    expect(openRecommendations[kent.id]).toBe(2);
    const shown = report.forces.filter((f) => openRecommendations[f.id] > 0);
    expect(shown.map((f) => f.slug).sort()).toEqual(["essex-police", "kent-police"]);
    for (const f of shown) {
      const response = await runLoader(recommendationsLoader, recommendationsLinks[f.id], { user: viewer });
      expect(response.status).toBe(200);
      const list: RecommendationsData = await readJson(response);
      expect({ slug: f.slug, total: list.counts.total, rows: list.page.rows.length }).toEqual({
        slug: f.slug,
        total: openRecommendations[f.id],
        rows: openRecommendations[f.id],
      });
      expect(list.page.rows.every((r) => r.status !== "implemented")).toBe(true);
      expect(organisationsInWords(list.organisationsShown)).toBe(
        f.slug === "kent-police"
          ? "Kent Police and its local policing body, Kent PCC"
          : "Essex Police and its local policing body, Essex PFCC",
      );
    }
  });

  it("every count of engagements in the period, followed, lists as many engagements as it shows", async () => {
    // A period that runs past today: only engagements up to today count.
    const { report, engagementsLinks } = await coverage(`?from=${addDays(today, -90)}&to=${addDays(today, 30)}`);
    const kent = report.forces.find((f) => f.slug === "kent-police")!;
    expect(kent.engagements).toBe(2);
    expect(kent.policingBody!.engagements).toBe(2);
    const counted = [
      ...[...report.forces, ...report.optionalForces].flatMap((f) => [f, ...(f.policingBody ? [f.policingBody] : [])]),
      ...report.national,
      ...report.international,
    ].filter((b) => b.engagements > 0);
    expect(counted.map((b) => b.slug).sort()).toEqual(["essex-police", "europol", "kent-police", "ministry-of-defence-police", "pcc-kent"]);
    for (const b of counted) {
      const href = engagementsLinks[b.id];
      expect(href).toMatch(/^\/engagements\?/);
      const response = await runLoader(engagementsLoader, href, { user: viewer });
      expect(response.status).toBe(200);
      const list: { total: number; rows: unknown[]; errors: Record<string, string> } = await readJson(response);
      expect({ slug: b.slug, errors: list.errors, total: list.total, rows: list.rows.length }).toEqual({
        slug: b.slug,
        errors: {},
        total: b.engagements,
        rows: b.engagements,
      });
    }
  });

  it("a single organisation, and an address with one unknown organisation, still work as before", async () => {
    const single = await follow("/actions?owner=all&organisation=kent-police");
    expect(single.counts.total).toBe(3);
    expect(single.organisationsShown).toEqual([]);
    const halfKnown = await follow("/actions?owner=all&organisation=kent-police,no-such-body");
    expect(halfKnown.counts.total).toBe(3);
    const unknown = await follow("/actions?owner=all&organisation=no-such-body");
    expect(unknown.counts.total).toBe(0);
  });
});
