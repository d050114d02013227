import { count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "~db/connection";
import { auditEvents, organisations, recommendationAddressees, recommendations, takeUpChanges } from "~db/schema";
import { parseLooseDate, parsePastedRecommendations } from "~/domain/recommendation-paste";
import { percentImplemented, statutoryResponse } from "~/domain/recommendations";
import { ConflictError, RuleError } from "~/models/errors";
import { countRecommendations, listRecommendations, parseCursor } from "~/models/recommendation/list.server";
import { getRecommendation, getTakeUp, recommendationsOfOrganisation, reportGrid } from "~/models/recommendation/read.server";
import { createReport, setReportArchived } from "~/models/recommendation/report.server";
import {
  importRecommendations,
  previewRecommendations,
  setRecommendationArchived,
  setTakeUp,
  setTakeUpRemoved,
  updateRecommendation,
  type RecommendationRowInput,
} from "~/models/recommendation/write.server";
import { organisationId } from "../support/fixtures";
import { signedInAs } from "../support/requests";

const TODAY = "2026-11-30";

async function actor() {
  const user = await signedInAs("officer");
  return { id: user.id, email: user.email, role: user.role };
}

function countRows() {
  return {
    recommendations: db().select({ n: count() }).from(recommendations).get()!.n,
    addressees: db().select({ n: count() }).from(recommendationAddressees).get()!.n,
    changes: db().select({ n: count() }).from(takeUpChanges).get()!.n,
    audit: db().select({ n: count() }).from(auditEvents).get()!.n,
  };
}

async function newReport(title = "Modern slavery: the police response", extra: Partial<Parameters<typeof createReport>[0]["input"]> = {}) {
  return createReport({
    input: { title, publisherId: organisationId("hmicfrs"), publishedOn: "2026-06-01", marking: "OFFICIAL", ...extra },
    actor: await actor(),
    today: TODAY,
  });
}

const row = (over: Partial<RecommendationRowInput> = {}): RecommendationRowInput => ({
  number: "1",
  text: "Chief constables should make sure victims are identified.",
  kind: "recommendation",
  addressees: "National Crime Agency",
  due: "",
  ...over,
});

/** The import must be refused with a message at `field`, and nothing written. */
async function expectImportRefused(reportId: number, rows: RecommendationRowInput[], field: string, message: RegExp) {
  const before = countRows();
  const error = await importRecommendations({ reportId, rows, actor: await actor() }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RuleError);
  expect((error as RuleError).fieldErrors[field]).toMatch(message);
  expect(countRows()).toEqual(before);
}

describe("pasting recommendations", () => {
  it("finds one recommendation a paragraph, with numbers as printed and areas for improvement from AFI", () => {
    const pasted = [
      "1. Chief constables should",
      "review their training.",
      "",
      "R7 The NCA should publish data.",
      "",
      "AFI 2: Forces could share intelligence better.",
      "",
      "Recommendation 4: The College of Policing should update guidance.",
      "3 Forces should appoint a lead.",
      "",
      "A paragraph with no number.",
    ].join("\n");
    expect(parsePastedRecommendations(pasted)).toEqual([
      { number: "1", kind: "recommendation", text: "Chief constables should review their training." },
      { number: "R7", kind: "recommendation", text: "The NCA should publish data." },
      { number: "AFI 2", kind: "area_for_improvement", text: "Forces could share intelligence better." },
      { number: "4", kind: "recommendation", text: "The College of Policing should update guidance." },
      { number: "3", kind: "recommendation", text: "Forces should appoint a lead." },
      { number: null, kind: "recommendation", text: "A paragraph with no number." },
    ]);
  });

  it("does not take a sentence that starts with a figure for a number", () => {
    expect(parsePastedRecommendations("12 forces have no lead for modern slavery.")).toEqual([
      { number: null, kind: "recommendation", text: "12 forces have no lead for modern slavery." },
    ]);
  });

  it("reads dates typed loosely and refuses ones that are not real", () => {
    expect(parseLooseDate("31/3/2027")).toBe("2027-03-31");
    expect(parseLooseDate("31 3 2027")).toBe("2027-03-31");
    expect(parseLooseDate("2027-03-31")).toBe("2027-03-31");
    expect(parseLooseDate("31/2/2027")).toBeNull();
    expect(parseLooseDate("soon")).toBeNull();
  });
});

describe("the rules", () => {
  it("counts implemented and confirmed take-ups as implemented, rounded to a whole percent", () => {
    expect(percentImplemented(["implemented", "confirmed", "accepted"])).toBe(67);
    expect(percentImplemented([])).toBeNull();
  });

  it("makes a force's statutory response due 56 days after publication, overdue after, received once recorded", () => {
    const report = { publishedOn: "2026-01-01", subjectForceId: 7, responseReceivedOn: null };
    expect(statutoryResponse(report, "2026-02-26")).toEqual({ state: "due", dueOn: "2026-02-26" });
    expect(statutoryResponse(report, "2026-02-27")).toEqual({ state: "overdue", dueOn: "2026-02-26" });
    expect(statutoryResponse({ ...report, responseReceivedOn: "2026-02-20" }, "2026-03-01")?.state).toBe("received");
    expect(statutoryResponse({ ...report, subjectForceId: null }, "2026-03-01")).toBeNull();
  });
});

describe("bringing recommendations into a report", () => {
  it("saves every row in one go, expanding a group to its bodies once, each at 'Not yet known', audited", async () => {
    const report = await newReport("Group expansion");
    const before = countRows();
    const result = await importRecommendations({
      reportId: report.id,
      rows: [
        row({ number: "1", addressees: "All 43 territorial forces; NCA" }),
        row({ number: "AFI 1", kind: "area_for_improvement", addressees: "all pccs" }),
      ],
      actor: await actor(),
    });
    const forces = db()
      .select({ id: organisations.id, nation: organisations.nation })
      .from(organisations)
      .where(eq(organisations.kind, "police_force"))
      .all()
      .filter((o) => o.nation === "England" || o.nation === "Wales");
    expect(forces).toHaveLength(43);
    const pccs = db().select({ n: count() }).from(organisations).where(eq(organisations.kind, "pcc")).get()!.n;
    expect(result).toEqual({ added: 2, addressees: 44 + pccs });
    const after = countRows();
    expect(after.recommendations - before.recommendations).toBe(2);
    expect(after.audit - before.audit).toBe(2);
    const grid = reportGrid({ reportId: report.id, today: TODAY });
    expect(grid.rows.map((r) => r.number)).toEqual(["1", "AFI 1"]);
    expect(Object.values(grid.rows[0].cells).every((c) => c.status === "not_known")).toBe(true);
    expect(grid.bodies.find((b) => b.slug === "kent-police")?.viaGroup).toBe("territorial_forces");
    expect(grid.percentImplemented).toBe(0);
  });

  it("refuses a recommendation with empty text", async () => {
    const report = await newReport("Empty text");
    await expectImportRefused(report.id, [row(), row({ number: "2", text: "   " })], "rows.1.text", /Enter the text/);
  });

  it("refuses a recommendation addressed to no body", async () => {
    const report = await newReport("No body");
    await expectImportRefused(report.id, [row({ addressees: " ; " })], "rows.0.addressees", /at least one body/);
  });

  it("refuses an unknown body", async () => {
    const report = await newReport("Unknown body");
    await expectImportRefused(
      report.id,
      [row({ addressees: "NCA; Ministry of Magic" })],
      "rows.0.addressees",
      /“Ministry of Magic” is not a body/,
    );
  });

  it("refuses an archived body", async () => {
    const report = await newReport("Archived body");
    const id = organisationId("europol");
    db().update(organisations).set({ archivedAt: "2026-01-01T00:00:00Z" }).where(eq(organisations.id, id)).run();
    try {
      await expectImportRefused(
        report.id,
        [row({ addressees: "europol" })],
        "rows.0.addressees",
        /European Union Agency for Law Enforcement Cooperation is archived/,
      );
    } finally {
      db().update(organisations).set({ archivedAt: null }).where(eq(organisations.id, id)).run();
    }
  });

  it("refuses a number used twice within the paste, and one already in the report", async () => {
    const report = await newReport("Duplicates");
    await expectImportRefused(report.id, [row({ number: "R1" }), row({ number: "r1" })], "rows.1.number", /also used by row 1/);
    await importRecommendations({ reportId: report.id, rows: [row({ number: "R1" })], actor: await actor() });
    await expectImportRefused(report.id, [row({ number: "R1 " })], "rows.0.number", /already in this report/);
  });

  it("refuses more than 500 recommendations in one paste", async () => {
    const report = await newReport("Too many");
    const rows = Array.from({ length: 501 }, (_, i) => row({ number: String(i + 1) }));
    await expectImportRefused(report.id, rows, "rows", /at most 500/);
  });

  it("refuses a date to be met by that is not a real date, and a row with no number", async () => {
    const report = await newReport("Bad rows");
    await expectImportRefused(report.id, [row({ due: "31/2/2027" })], "rows.0.due", /real date/);
    await expectImportRefused(report.id, [row({ number: "" })], "rows.0.number", /Enter the number/);
  });

  it("previews the problems of each row without writing anything", async () => {
    const report = await newReport("Preview");
    const before = countRows();
    const errors = previewRecommendations({ reportId: report.id, rows: [row(), row({ number: "1", addressees: "" })] });
    expect(Object.keys(errors).sort()).toEqual(["rows.1.addressees", "rows.1.number"]);
    expect(countRows()).toEqual(before);
  });

  it("refuses to add to an archived report", async () => {
    const report = await newReport("Archived report");
    const archived = await setReportArchived({ id: report.id, version: report.version, archived: true, actor: await actor() });
    expect(archived.archivedAt).not.toBeNull();
    await expectImportRefused(report.id, [row()], "rows", /archived/);
  });
});

describe("take-up", () => {
  async function oneTakeUp(title: string) {
    const report = await newReport(title);
    await importRecommendations({ reportId: report.id, rows: [row({ addressees: "NCA; NPCC", due: "1/1/2026" })], actor: await actor() });
    const rec = getRecommendation({ id: reportGrid({ reportId: report.id }).rows[0].id, today: TODAY });
    return { report, rec, nca: organisationId("national-crime-agency") };
  }

  it("records a status with its date, source and note, keeps each change in the history and audits it in the same transaction", async () => {
    const { rec, nca } = await oneTakeUp("History");
    const first = getTakeUp({ recommendationId: rec.id, organisationId: nca });
    expect(first.status).toBe("not_known");
    const before = countRows();
    const saved = await setTakeUp({
      recommendationId: rec.id,
      organisationId: nca,
      version: first.version,
      input: { status: "accepted", statusOn: "2026-07-01", source: "Letter from the Director General", note: null },
      actor: await actor(),
      today: TODAY,
    });
    await setTakeUp({
      recommendationId: rec.id,
      organisationId: nca,
      version: saved.version,
      input: { status: "implemented", statusOn: "2026-11-01", source: "NCA annual report", note: "Seen in the annual report" },
      actor: await actor(),
      today: TODAY,
    });
    const after = countRows();
    expect(after.changes - before.changes).toBe(2);
    expect(after.audit - before.audit).toBe(2);
    const takeUp = getTakeUp({ recommendationId: rec.id, organisationId: nca });
    expect(takeUp.status).toBe("implemented");
    expect(takeUp.history.map((h) => [h.status, h.statusOn, h.changedBy])).toEqual([
      ["implemented", "2026-11-01", "Test officer officer"],
      ["accepted", "2026-07-01", "Test officer officer"],
    ]);
    const updated = getRecommendation({ id: rec.id, today: TODAY });
    expect(updated.percentImplemented).toBe(50);
    expect(updated.addressees.find((a) => a.organisationId === nca)?.overdue).toBe(false);
    expect(updated.addressees.find((a) => a.organisationId !== nca)?.overdue).toBe(true);
    expect(recommendationsOfOrganisation({ organisationId: nca, today: TODAY }).some((r) => r.recommendationId === rec.id)).toBe(true);
  });

  it("refuses a status date in the future, writing nothing", async () => {
    const { rec, nca } = await oneTakeUp("Future date");
    const before = countRows();
    const error = await setTakeUp({
      recommendationId: rec.id,
      organisationId: nca,
      version: 1,
      input: { status: "accepted", statusOn: "2026-12-01", source: null, note: null },
      actor: await actor(),
      today: TODAY,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RuleError);
    expect((error as RuleError).fieldErrors.statusOn).toMatch(/today or in the past/);
    expect(countRows()).toEqual(before);
  });

  it("refuses a change based on a stale version with a conflict, writing nothing", async () => {
    const { rec, nca } = await oneTakeUp("Conflict");
    const input = { status: "accepted" as const, statusOn: "2026-07-01", source: null, note: null };
    await setTakeUp({ recommendationId: rec.id, organisationId: nca, version: 1, input, actor: await actor(), today: TODAY });
    const before = countRows();
    const error = await setTakeUp({
      recommendationId: rec.id,
      organisationId: nca,
      version: 1,
      input: { ...input, status: "not_accepted" },
      actor: await actor(),
      today: TODAY,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect(countRows()).toEqual(before);
  });
});

describe("editing and archiving a recommendation", () => {
  it("changes the text, adds bodies, and refuses a number another recommendation of the report has", async () => {
    const report = await newReport("Editing");
    await importRecommendations({ reportId: report.id, rows: [row({ number: "1" }), row({ number: "2" })], actor: await actor() });
    const [one, two] = reportGrid({ reportId: report.id }).rows;
    const changed = await updateRecommendation({
      id: one.id,
      version: one.version,
      input: { number: "1", text: "New text", kind: "recommendation", dueOn: null, addAddressees: "Europol" },
      actor: await actor(),
    });
    expect(changed.text).toBe("New text");
    expect(
      getRecommendation({ id: one.id })
        .addressees.map((a) => a.slug)
        .sort(),
    ).toEqual(["europol", "national-crime-agency"]);
    const error = await updateRecommendation({
      id: two.id,
      version: two.version,
      input: { number: "1", text: "x", kind: "recommendation", dueOn: null, addAddressees: "" },
      actor: await actor(),
    }).catch((e: unknown) => e);
    expect((error as RuleError).fieldErrors.number).toMatch(/already in this report/);
    await setRecommendationArchived({ id: two.id, version: two.version, archived: true, actor: await actor() });
    expect(reportGrid({ reportId: report.id }).rows.map((r) => r.number)).toEqual(["1"]);
  });
});

describe("the list", () => {
  it("leaves out a take-up whose body was taken off, whose recommendation or whose report is archived, in the list, its counts and an organisation's page", async () => {
    const report = await newReport("Left out when archived");
    await importRecommendations({
      reportId: report.id,
      rows: [
        row({ number: "1", addressees: "Kent Police" }),
        row({ number: "2", addressees: "Kent Police" }),
        row({ number: "3", addressees: "Kent Police; NCA" }),
      ],
      actor: await actor(),
    });
    const kent = organisationId("kent-police");
    const [, two, three] = reportGrid({ reportId: report.id }).rows;
    const shown = () => ({
      list: listRecommendations({ filters: { reportId: report.id }, today: TODAY })
        .rows.map((r) => r.number)
        .sort(),
      count: countRecommendations({ filters: { reportId: report.id }, today: TODAY }).total,
      organisation: recommendationsOfOrganisation({ organisationId: kent, today: TODAY })
        .filter((r) => r.reportId === report.id)
        .map((r) => r.number)
        .sort(),
    });
    expect(shown()).toEqual({ list: ["1", "2", "3", "3"], count: 4, organisation: ["1", "2", "3"] });
    await setRecommendationArchived({ id: two.id, version: two.version, archived: true, actor: await actor() });
    const takeUp = getTakeUp({ recommendationId: three.id, organisationId: kent });
    await setTakeUpRemoved({
      recommendationId: three.id,
      organisationId: kent,
      version: takeUp.version,
      removed: true,
      actor: await actor(),
    });
    // Recommendation 3 stays in the list for the NCA.
    expect(shown()).toEqual({ list: ["1", "3"], count: 2, organisation: ["1"] });
    await setReportArchived({ id: report.id, version: report.version, archived: true, actor: await actor() });
    expect(shown()).toEqual({ list: [], count: 0, organisation: [] });
  });

  it("filters by report, body, kind of body, status and overdue, with counts beside each value, in keyset pages", async () => {
    const report = await newReport("Listing");
    await importRecommendations({
      reportId: report.id,
      rows: [row({ number: "1", addressees: "NCA; NPCC", due: "1/1/2026" }), row({ number: "2", addressees: "Kent Police", due: "" })],
      actor: await actor(),
    });
    const nca = organisationId("national-crime-agency");
    const all = countRecommendations({ filters: { reportId: report.id }, today: TODAY });
    expect(all.total).toBe(3);
    expect(all.status).toEqual({ not_known: 3 });
    expect(all.overdue).toBe(2);
    expect(all.orgKind.police_force).toBe(1);
    const byBody = countRecommendations({ filters: { reportId: report.id, organisationIds: [nca] }, today: TODAY });
    expect(byBody.total).toBe(1);
    // The body facet's counts ignore the body filter itself.
    expect(Object.values(byBody.organisation).reduce((a, b) => a + b, 0)).toBe(3);
    const overdue = listRecommendations({ filters: { reportId: report.id, overdue: true }, today: TODAY });
    expect(overdue.rows.map((r) => r.organisationSlug).sort()).toEqual(["national-crime-agency", "npcc"]);

    const page1 = listRecommendations({ filters: { reportId: report.id }, limit: 2, today: TODAY });
    expect(page1.rows).toHaveLength(2);
    expect(page1.rows[0].number).toBe("2");
    const page2 = listRecommendations({ filters: { reportId: report.id }, limit: 2, after: parseCursor(page1.next!), today: TODAY });
    expect(page2.rows).toHaveLength(1);
    expect(page2.next).toBeNull();
    const back = listRecommendations({ filters: { reportId: report.id }, limit: 2, before: parseCursor(page2.previous!), today: TODAY });
    expect(back.rows.map((r) => r.addresseeId)).toEqual(page1.rows.map((r) => r.addresseeId));
  });
});
