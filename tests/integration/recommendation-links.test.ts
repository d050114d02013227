// Issue 11: agenda items, commitments and follow-ups name inspection recommendations by reference
// ("HMICFRS 2026 R3"); the links show on the engagement, the recommendation ("discussed at") and the take-up.
// And a body can be taken off a recommendation (its take-up archived, audited, in its history) and put back.
import { and, count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { action as editAction, loader as editLoader } from "~/routes/engagements.$engagementId.edit";
import { db } from "~db/connection";
import { agendaItems, auditEvents, recommendationLinks, takeUpChanges } from "~db/schema";
import { getEngagement } from "~/models/engagement/read.server";
import { RuleError } from "~/models/errors";
import { engagementsOfRecommendation, recommendationChoices, referenceOf } from "~/models/recommendation/links.server";
import { getRecommendation, getTakeUp, recommendationsOfOrganisation, reportGrid } from "~/models/recommendation/read.server";
import { createReport } from "~/models/recommendation/report.server";
import { countRecommendations } from "~/models/recommendation/list.server";
import {
  importRecommendations,
  setRecommendationArchived,
  setTakeUpRemoved,
  updateRecommendation,
} from "~/models/recommendation/write.server";
import { insertAgendaItem, insertEngagement, organisationId } from "../support/fixtures";
import { readJson, runAction, runLoader, signedInAs, type TestUser } from "../support/requests";

type Body = Record<string, string | string[] | undefined>;

let officer: TestUser;
let other: TestUser;
let reportId: number;
const rec: Record<string, number> = {};

const actorOf = (u: TestUser) => ({ id: u.id, email: u.email, role: u.role });

beforeAll(async () => {
  officer = await signedInAs("officer", "links");
  other = await signedInAs("officer", "links-other");
  const report = await createReport({
    input: {
      title: "Modern slavery: the police response",
      publisherId: organisationId("hmicfrs"),
      publishedOn: "2026-06-01",
      marking: "OFFICIAL",
    },
    actor: actorOf(officer),
    today: "2026-11-30",
  });
  reportId = report.id;
  await importRecommendations({
    reportId,
    rows: [
      {
        number: "R3",
        text: "Forces should identify victims.",
        kind: "recommendation",
        addressees: "europol; National Crime Agency",
        due: "",
      },
      { number: "R4", text: "Forces should share intelligence.", kind: "recommendation", addressees: "National Crime Agency", due: "" },
      { number: "R5", text: "An archived one.", kind: "recommendation", addressees: "National Crime Agency", due: "" },
    ],
    actor: actorOf(officer),
  });
  for (const r of reportGrid({ reportId }).rows) rec[r.number] = r.id;
  const r5 = getRecommendation({ id: rec.R5 });
  await setRecommendationArchived({ id: rec.R5, version: r5.version, archived: true, actor: actorOf(officer) });
});

function flatten(values: unknown, body: Body = {}) {
  const flat = (prefix: string, value: unknown) => {
    if (Array.isArray(value) && value.every((v) => typeof v === "string")) body[prefix] = value as string[];
    else if (Array.isArray(value)) value.forEach((row, i) => flat(`${prefix}.${i}`, row));
    else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) flat(prefix ? `${prefix}.${k}` : k, v);
    else body[prefix] = String(value ?? "");
  };
  flat("", values);
  for (const key of Object.keys(body).filter((k) => k === "date" || k.endsWith(".dueDate"))) {
    const [year = "", month = "", day = ""] = String(body[key]).split("-");
    Object.assign(body, { [`${key}-day`]: day, [`${key}-month`]: month, [`${key}-year`]: year });
    delete body[key];
  }
  return body;
}

async function editForm(id: number, user = officer) {
  const data = await readJson(await runLoader(editLoader, `/engagements/${id}/edit`, { user, params: { engagementId: String(id) } }));
  const loadedActions = Object.entries(data.loadedActions as Record<string, number>)
    .map(([a, v]) => `${a}:${v}`)
    .join(",");
  return flatten(data.initial, { intent: "save", loadedActions, baseline: JSON.stringify(data.baseline) });
}

const post = (id: number, body: Body, user = officer) =>
  runAction(editAction, `/engagements/${id}/edit`, body, { user, params: { engagementId: String(id) } });

const linkCount = (engagementId: number) =>
  db().select({ n: count() }).from(recommendationLinks).where(eq(recommendationLinks.engagementId, engagementId)).get()!.n;

function meeting(title: string, extra: Parameters<typeof insertEngagement>[0] = {}) {
  const made = insertEngagement({
    title,
    leadUserId: officer.id,
    organisationSlugs: ["europol"],
    actions: [{ description: "Send the victim figures", ownerUserId: officer.id }],
    ...extra,
  });
  insertAgendaItem(made.engagement.id, { title: "Victim identification" });
  return made;
}

describe("naming recommendations on the engagement form", () => {
  it("each recommendation has a reference of publisher, year and number, and the type-ahead offers those addressed to the organisations first", () => {
    expect(referenceOf(rec.R3)).toBe("HMICFRS 2026 R3");
    const choices = recommendationChoices({ organisationIds: [organisationId("europol")] });
    expect(choices[0]).toMatchObject({ reference: "HMICFRS 2026 R3", addressed: true });
    expect(choices.map((c) => c.reference)).not.toContain("HMICFRS 2026 R5"); // archived
  });

  it("saves references (publisher short name or slug, any case) on an agenda item and a commitment, and shows them on the engagement, the recommendation and the take-up", async () => {
    const { engagement } = meeting("Links saved");
    const body = await editForm(engagement.id);
    const response = await post(engagement.id, {
      ...body,
      "agenda.0.recommendations": "hmicfrs 2026 r3; HMICFRS 2026 R4",
      "commitments.0.recommendations": "HMICFRS 2026 R3",
    });
    expect(response.status).toBe(302);
    const details = getEngagement(engagement.id)!;
    expect(details.agenda[0].recommendations.map((r) => r.reference)).toEqual(["HMICFRS 2026 R3", "HMICFRS 2026 R4"]);
    expect(details.commitments[0].recommendations.map((r) => r.reference)).toEqual(["HMICFRS 2026 R3"]);

    const discussed = engagementsOfRecommendation({ recommendationId: rec.R3 }).find((e) => e.id === engagement.id);
    expect(discussed?.how).toEqual(["Agenda: Victim identification", "Commitment: Send the victim figures"]);
    // The take-up of Europol (an organisation of the meeting) counts it; the NCA's does not (not at the meeting).
    expect(engagementsOfRecommendation({ recommendationId: rec.R3, organisationId: organisationId("europol") }).map((e) => e.id)).toContain(
      engagement.id,
    );
    expect(
      engagementsOfRecommendation({ recommendationId: rec.R3, organisationId: organisationId("national-crime-agency") }).map((e) => e.id),
    ).not.toContain(engagement.id);

    // The edit form shows them again, and saving it unchanged changes nothing.
    const again = await editForm(engagement.id);
    expect(again["agenda.0.recommendations"]).toBe("HMICFRS 2026 R3; HMICFRS 2026 R4");
    const audits = db()
      .select({ n: count() })
      .from(auditEvents)
      .where(eq(auditEvents.entityId, String(engagement.id)))
      .get()!.n;
    expect((await post(engagement.id, again)).status).toBe(302);
    expect(linkCount(engagement.id)).toBe(3);
    const linkAudits = db()
      .select({ summary: auditEvents.summary })
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, String(engagement.id)), eq(auditEvents.entityType, "engagement")))
      .all()
      .filter((a) => a.summary.startsWith("Recommendations named"));
    expect(linkAudits).toHaveLength(1);
    expect(
      db()
        .select({ n: count() })
        .from(auditEvents)
        .where(eq(auditEvents.entityId, String(engagement.id)))
        .get()!.n,
    ).toBeGreaterThan(audits);
  });

  it("refuses an unknown reference with the message at its field, keeps what was typed, and writes nothing", async () => {
    const { engagement } = meeting("Unknown reference");
    const body = await editForm(engagement.id);
    const response = await post(engagement.id, {
      ...body,
      "agenda.0.recommendations": "HMICFRS 2026 R3; HMICFRS 2019 R99",
      title: "Changed",
    });
    expect(response.status).toBe(400);
    const failure = await readJson(response);
    expect(failure.fieldErrors["agenda.0.recommendations"]).toMatch(/“HMICFRS 2019 R99” is not a recommendation we know/);
    expect(failure.values.agenda[0].recommendations).toBe("HMICFRS 2026 R3; HMICFRS 2019 R99");
    expect(linkCount(engagement.id)).toBe(0);
    expect(getEngagement(engagement.id)!.engagement.title).toBe("Unknown reference");
  });

  it("refuses an archived recommendation not already named, and more than 20 on one item", async () => {
    const { engagement } = meeting("Archived reference");
    const body = await editForm(engagement.id);
    const archived = await readJson(await post(engagement.id, { ...body, "commitments.0.recommendations": "HMICFRS 2026 R5" }));
    expect(archived.fieldErrors["commitments.0.recommendations"]).toMatch(/R5 is archived/);
    const many = Array.from({ length: 21 }, () => "HMICFRS 2026 R3").join("; ");
    const tooMany = await readJson(await post(engagement.id, { ...body, "agenda.0.recommendations": many }));
    expect(tooMany.fieldErrors["agenda.0.recommendations"]).toMatch(/at most 20/);
    expect(linkCount(engagement.id)).toBe(0);
  });

  it("keeps the typed references when another field is wrong (a round trip)", async () => {
    const { engagement } = meeting("Round trip");
    const body = await editForm(engagement.id);
    const failure = await readJson(await post(engagement.id, { ...body, title: "", "agenda.0.recommendations": "HMICFRS 2026 R4" }));
    expect(failure.fieldErrors.title).toBeTruthy();
    expect(failure.values.agenda[0].recommendations).toBe("HMICFRS 2026 R4");
    expect(linkCount(engagement.id)).toBe(0);
  });

  it("writes no link when the form is out of date (the engagement's version)", async () => {
    const { engagement } = meeting("Stale");
    const body = await editForm(engagement.id);
    expect((await post(engagement.id, { ...body, title: "First save" })).status).toBe(302);
    const stale = await post(engagement.id, { ...body, "agenda.0.recommendations": "HMICFRS 2026 R3" });
    expect(stale.status).toBe(409);
    expect(linkCount(engagement.id)).toBe(0);
  });

  it("refuses (and audits) a change to the recommendations of a commitment the officer may not change", async () => {
    const { engagement, actions } = insertEngagement({
      title: "Someone else's",
      organisationSlugs: ["europol"],
      actions: [{ description: "Their commitment", ownerUserId: other.id }],
    });
    const body = await editForm(engagement.id);
    const response = await post(engagement.id, { ...body, "commitments.0.recommendations": "HMICFRS 2026 R3" });
    expect(response.status).toBe(400);
    const failure = await readJson(response);
    expect(failure.fieldErrors["commitments.0.recommendations"]).toMatch(/You may not change commitment 1/);
    expect(linkCount(engagement.id)).toBe(0);
    const refusal = db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityType, "action"), eq(auditEvents.entityId, String(actions[0].id))))
      .all();
    expect(refusal.some((a) => a.summary.includes("recommendations"))).toBe(true);
  });

  it("removing an agenda item removes its links, and the archived one already named may stay", async () => {
    const { engagement } = meeting("Removal");
    const body = await editForm(engagement.id);
    expect((await post(engagement.id, { ...body, "agenda.0.recommendations": "HMICFRS 2026 R4" })).status).toBe(302);
    expect(linkCount(engagement.id)).toBe(1);
    const again = await editForm(engagement.id);
    const withoutAgenda = Object.fromEntries(Object.entries(again).filter(([k]) => !k.startsWith("agenda.")));
    expect((await post(engagement.id, withoutAgenda)).status).toBe(302);
    expect(db().select().from(agendaItems).where(eq(agendaItems.engagementId, engagement.id)).all()).toHaveLength(0);
    expect(linkCount(engagement.id)).toBe(0);
  });
});

describe("taking a body off a recommendation", () => {
  it("archives its take-up (kept, out of the grid, list and counts), in its history and the audit trail, and puts it back", async () => {
    const europol = organisationId("europol");
    const before = getTakeUp({ recommendationId: rec.R3, organisationId: europol });
    await setTakeUpRemoved({
      recommendationId: rec.R3,
      organisationId: europol,
      version: before.version,
      removed: true,
      actor: actorOf(officer),
    });
    const after = getTakeUp({ recommendationId: rec.R3, organisationId: europol });
    expect(after.archivedAt).toBeTruthy();
    expect(after.history[0]).toMatchObject({ change: "removed" });
    const r = getRecommendation({ id: rec.R3 });
    expect(r.addressees.map((a) => a.organisationId)).not.toContain(europol);
    expect(r.removedAddressees.map((a) => a.organisationId)).toEqual([europol]);
    expect(reportGrid({ reportId }).bodies.map((b) => b.id)).not.toContain(europol);
    expect(recommendationsOfOrganisation({ organisationId: europol }).map((x) => x.recommendationId)).not.toContain(rec.R3);
    expect(countRecommendations({ filters: { reportId } }).organisation[europol]).toBeUndefined();
    const audit = db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityType, "take_up"), eq(auditEvents.entityId, String(before.id))))
      .all();
    expect(audit.at(-1)).toMatchObject({ action: "archive" });

    // Naming the body again on the recommendation puts it back with the take-up it had.
    const current = getRecommendation({ id: rec.R3 });
    await updateRecommendation({
      id: rec.R3,
      version: current.version,
      input: { number: "R3", text: current.text, kind: "recommendation", dueOn: null, addAddressees: "europol" },
      actor: actorOf(officer),
    });
    const back = getTakeUp({ recommendationId: rec.R3, organisationId: europol });
    expect(back.archivedAt).toBeNull();
    expect(back.id).toBe(before.id);
    expect(back.history[0]).toMatchObject({ change: "restored" });
    expect(db().select({ n: count() }).from(takeUpChanges).where(eq(takeUpChanges.addresseeId, before.id)).get()!.n).toBe(2);
  });

  it("refuses to take off the only body, and a stale version", async () => {
    const nca = organisationId("national-crime-agency");
    const takeUp = getTakeUp({ recommendationId: rec.R4, organisationId: nca });
    const only = await setTakeUpRemoved({
      recommendationId: rec.R4,
      organisationId: nca,
      version: takeUp.version,
      removed: true,
      actor: actorOf(officer),
    }).catch((e: unknown) => e);
    expect(only).toBeInstanceOf(RuleError);
    expect((only as RuleError).message).toMatch(/only body/);
    const stale = await setTakeUpRemoved({
      recommendationId: rec.R4,
      organisationId: nca,
      version: takeUp.version + 5,
      removed: true,
      actor: actorOf(officer),
    }).catch((e: unknown) => e);
    expect((stale as Error).name).toMatch(/Conflict/);
    expect(getTakeUp({ recommendationId: rec.R4, organisationId: nca }).archivedAt).toBeNull();
  });
});

describe("figures for the dashboard, coverage and the Word report", () => {
  it("counts live take-ups implemented and past their date, and open take-ups per body, leaving out archived ones", async () => {
    const { recommendationFigures, openTakeUpsByOrganisation, recommendationsOfPeriod } =
      await import("~/models/recommendation/figures.server");
    const figures = recommendationFigures({ today: "2026-11-30" });
    // R3 (Europol and NCA) and R4 (NCA) are live; R5 is archived and not counted.
    expect(figures).toMatchObject({ takeUps: 3, implemented: 0, percentImplemented: 0, overdue: 0, responsesDue: 0, responsesOverdue: 0 });
    expect(openTakeUpsByOrganisation().get(organisationId("national-crime-agency"))).toBe(2);
    const period = recommendationsOfPeriod({ from: "2026-01-01", to: "2026-12-31", marking: "OFFICIAL" });
    const report = period.reports.find((r) => r.id === reportId)!;
    expect(report.recommendations.map((r) => r.number)).toEqual(["R3", "R4"]);
    expect(report.recommendations[0].statuses).toEqual({ not_known: 2 });
    expect(recommendationsOfPeriod({ from: "2025-01-01", to: "2025-12-31", marking: "OFFICIAL" }).reports.map((r) => r.id)).not.toContain(
      reportId,
    );
  });
});
