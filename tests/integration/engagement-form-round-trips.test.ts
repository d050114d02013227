// Issue 14, the engagement form's routes: every page that hands the form back carries the bookkeeping
// the person posted (so version, baseline and actions describe one state); a conflict lists what its
// field-by-field comparison cannot see; "Copy from the last meeting"; a resolving engagement's context.
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { copyFromEngagement, newEngagementValues } from "~/components/engagements/form-values";
import { summaryMessages } from "~/components/engagements/EngagementForm";
import { action as editAction, loader as editLoader } from "~/routes/engagements.$engagementId.edit";
import { action as newAction, loader as newLoader } from "~/routes/engagements.new";
import { db } from "~db/connection";
import { agendaItems, engagements } from "~db/schema";
import { insertAgendaItem, insertEngagement, insertTheme, organisationId } from "../support/fixtures";
import { changeAction, countEngagementRows } from "../support/records";
import { readJson, redirectedTo, runAction, runLoader, signedInAs, type TestUser } from "../support/requests";

type Body = Record<string, string | string[] | undefined>;

let officer: TestUser;

beforeAll(async () => {
  officer = await signedInAs("officer", "round-trips");
});

/** Form values (nested, as a loader returns them) as the flat names a form posts, dates in their three fields. */
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

async function editForm(id: number) {
  const data = await readJson(
    await runLoader(editLoader, `/engagements/${id}/edit`, { user: officer, params: { engagementId: String(id) } }),
  );
  const loadedActions = Object.entries(data.loadedActions as Record<string, number>)
    .map(([a, v]) => `${a}:${v}`)
    .join(",");
  const baseline = JSON.stringify(data.baseline);
  return { body: flatten(data.initial, { intent: "save", loadedActions, baseline }), loadedActions, baseline };
}

const post = (id: number, body: Body, path = `/engagements/${id}/edit`) =>
  runAction(editAction, path, body, { user: officer, params: { engagementId: String(id) } });

function bumpTitle(id: number, title: string) {
  const row = db().select().from(engagements).where(eq(engagements.id, id)).get()!;
  db()
    .update(engagements)
    .set({ title, version: row.version + 1 })
    .where(eq(engagements.id, id))
    .run();
}

describe("a round trip hands back the bookkeeping the person posted, not the database's", () => {
  it("after a refused save (400), a row button (200) and a rule the model checks (400)", async () => {
    const { engagement } = insertEngagement({ title: "Round trip", actions: [{ description: "Send the figures" }] });
    const loaded = await editForm(engagement.id);
    // A rule only the model checks (a contact that does not exist).
    const rule = await post(engagement.id, { ...loaded.body, "attendees.0.person": "contact:999999" });
    expect(rule.status).toBe(400);
    expect((await readJson(rule)).carried).toEqual({ loadedActions: loaded.loadedActions, baseline: loaded.baseline });

    // Someone else saves meanwhile: what is saved now moves on.
    bumpTitle(engagement.id, "Someone else's title");

    const refused = await readJson(await post(engagement.id, { ...loaded.body, title: "" }));
    expect(refused.fieldErrors.title).toBeTruthy();
    expect(refused.carried).toEqual({ loadedActions: loaded.loadedActions, baseline: loaded.baseline });
    expect(refused.values.version).toBe(loaded.body.version);

    const restructured = await post(
      engagement.id,
      { ...loaded.body, intent: "add:agenda" },
      `/engagements/${engagement.id}/edit?restructure`,
    );
    expect(restructured.status).toBe(200);
    expect((await readJson(restructured)).carried).toEqual({ loadedActions: loaded.loadedActions, baseline: loaded.baseline });

    // So saving what was handed back is a conflict, not a quiet revert of the other person's title.
    const again = await post(engagement.id, { ...loaded.body, purpose: "Mine" });
    expect(again.status).toBe(409);
    const conflict = await readJson(again);
    expect(conflict.conflict.changes).toContainEqual(
      expect.objectContaining({ field: "title", saved: "Someone else's title", whose: "theirs" }),
    );
    expect(db().select().from(engagements).where(eq(engagements.id, engagement.id)).get()!.title).toBe("Someone else's title");
  });
});

describe("a conflict lists what the field-by-field comparison cannot see", () => {
  it("an action closed in the register, and agenda notes that differ", async () => {
    const { engagement, actions } = insertEngagement({ title: "Register change", actions: [{ description: "Send the figures" }] });
    const item = insertAgendaItem(engagement.id, { title: "Referrals", notes: "As loaded" });
    const loaded = await editForm(engagement.id);
    changeAction({
      id: actions[0].id,
      version: actions[0].version,
      change: { status: "done", closingNote: "Figures received" },
      actor: { ...officer, role: "officer" },
    });
    db().update(agendaItems).set({ notes: "Their notes" }).where(eq(agendaItems.id, item.id)).run();
    bumpTitle(engagement.id, "Register change");
    const before = countEngagementRows();
    const r = await post(engagement.id, loaded.body);
    expect(r.status).toBe(409);
    const changes = (await readJson(r)).conflict.changes as { field: string; saved: string; yours: string; whose: string }[];
    expect(changes).toContainEqual(
      expect.objectContaining({ field: `action-${actions[0].id}`, saved: expect.stringContaining("now done"), whose: "theirs" }),
    );
    expect(changes).toContainEqual(
      expect.objectContaining({ field: `agenda-${item.id}-notes`, saved: "Their notes", yours: "As loaded", whose: "unknown" }),
    );
    expect(countEngagementRows()).toEqual(before);
  });
});

describe("copy from the last meeting with an organisation", () => {
  it("adds its organisations, attendees and agenda topics to what was typed; not its dates, notes or actions", async () => {
    const { engagement } = insertEngagement({
      title: "Last quarter",
      organisationSlugs: ["national-crime-agency", "europol"],
      marking: "OFFICIAL-SENSITIVE",
      actions: [{ description: "An old commitment" }],
    });
    insertAgendaItem(engagement.id, { title: "Referrals", notes: "Old notes" });
    const form = newEngagementValues({
      userId: officer.id,
      today: "2026-11-30",
      organisationIds: [organisationId("national-crime-agency")],
    });
    const r = await runAction(
      newAction,
      "/engagements/new?restructure",
      flatten({ ...form, title: "Typed title" }, { intent: `copy:${organisationId("national-crime-agency")}` }),
      { user: officer },
    );
    expect(r.status).toBe(200);
    const body = await readJson(r);
    expect(body.copied).toEqual({ id: engagement.id, title: "Last quarter" });
    expect(body.values.organisations.map((o: { organisationId: string }) => Number(o.organisationId)).sort()).toEqual(
      [organisationId("national-crime-agency"), organisationId("europol")].sort(),
    );
    expect(body.values.agenda).toEqual([expect.objectContaining({ title: "Referrals", notes: "", id: "" })]);
    expect(body.values.title).toBe("Typed title");
    expect(body.values.date).toBe("2026-11-30");
    expect(body.values.commitments.every((c: { description: string }) => c.description === "")).toBe(true);
    // A copy of a sensitive meeting's attendees and agenda is as sensitive.
    expect(body.values.marking).toBe("OFFICIAL-SENSITIVE");

    // An organisation never met: nothing copied, and the page says so.
    const none = await readJson(
      await runAction(newAction, "/engagements/new?restructure", flatten(form, { intent: `copy:${organisationId("interpol")}` }), {
        user: officer,
      }),
    );
    expect(none.copied).toEqual({ none: organisationId("interpol") });
    expect(none.values.organisations).toEqual([{ organisationId: String(organisationId("national-crime-agency")) }]);
  });

  it("copies the last held meeting with the organisation: not an older one, a planned one or an archived one", async () => {
    const { engagement } = insertEngagement({ title: "The latest with Eurojust", organisationSlugs: ["eurojust"], date: "2026-11-01" });
    insertEngagement({ title: "An older one", organisationSlugs: ["eurojust"], date: "2026-01-01" });
    insertEngagement({ title: "A planned one", organisationSlugs: ["eurojust"], date: "2026-12-01", status: "planned" });
    insertEngagement({ title: "An archived one", organisationSlugs: ["eurojust"], date: "2026-11-20", archivedAt: "2026-11-21T00:00:00Z" });
    const form = newEngagementValues({ userId: officer.id, today: "2026-11-30" });
    const r = await readJson(
      await runAction(newAction, "/engagements/new?restructure", flatten(form, { intent: `copy:${organisationId("eurojust")}` }), {
        user: officer,
      }),
    );
    expect(r.copied).toEqual({ id: engagement.id, title: "The latest with Eurojust" });
  });

  it("merges pure: nothing typed is replaced, the marking only rises", () => {
    const mine = { title: "Mine", marking: "OFFICIAL-SENSITIVE", organisations: [{ organisationId: "1" }], attendees: [], agenda: [] };
    const theirs = { title: "Theirs", marking: "OFFICIAL", organisations: [{ organisationId: "1" }, { organisationId: "2" }] };
    const out = copyFromEngagement(mine, theirs, { id: 5, title: "Theirs" }).values;
    expect(out.title).toBe("Mine");
    expect(out.marking).toBe("OFFICIAL-SENSITIVE");
    expect(out.organisations).toEqual([{ organisationId: "1" }, { organisationId: "2" }]);
  });
});

describe("a new engagement that resolves a follow-up", () => {
  it("inherits the organisations, marking, themes and context of the meeting it came from", async () => {
    const theme = insertTheme("Round-trip theme");
    const { engagement, actions } = insertEngagement({
      title: "Sensitive briefing",
      // The officer led it, so the owner rule lets them log what resolves its follow-up.
      leadUserId: officer.id,
      organisationSlugs: ["europol"],
      marking: "OFFICIAL-SENSITIVE",
      country: "Netherlands",
      themeIds: [theme],
      actions: [{ kind: "follow_up", description: "Send the referral figures" }],
    });
    const data = await readJson(await runLoader(newLoader, `/engagements/new?resolves=${actions[0].id}`, { user: officer }));
    expect(data.initial.marking).toBe("OFFICIAL-SENSITIVE");
    expect(data.initial.organisations).toEqual([{ organisationId: String(organisationId("europol")) }]);
    expect(data.initial.themeIds).toEqual([String(theme)]);
    expect(data.initial.country).toBe("Netherlands");
    expect(data.initial.purpose).toContain("Sensitive briefing");
    expect(data.initial.purpose).toContain("Send the referral figures");
    // It posts to its own address with its query, so a page handed back after a failed save still knows what it resolves.
    expect(data.formAction).toBe(`/engagements/new?resolves=${actions[0].id}`);
    expect(engagement.id).toBeGreaterThan(0);
  });

  it("the call-or-email form starts as a call, and keeps where it came from", async () => {
    const data = await readJson(await runLoader(newLoader, "/engagements/new?organisation=europol&quick=1", { user: officer }));
    expect(data.quick).toBe(true);
    expect(data.initial.kind).toBe("call");
    expect(data.formAction).toBe("/engagements/new?organisation=europol&quick=1");
    expect(data.otherForm).toBe("/engagements/new?organisation=europol");
    const r = await runAction(
      newAction,
      "/engagements/new?quick=1",
      {
        intent: "save",
        title: "A quick call",
        kind: "call",
        status: "held",
        "date-day": "2",
        "date-month": "11",
        "date-year": "2026",
        "organisations.0.organisationId": String(organisationId("europol")),
        leadUserId: String(officer.id),
        "attendees.0.person": `user:${officer.id}`,
        "attendees.0.side": "office",
        summary: "Short",
        marking: "OFFICIAL",
      },
      { user: officer },
    );
    expect(redirectedTo(r)).toMatch(/^\/engagements\/\d+$/);
  });
});

describe("the error summary says which row a message is about", () => {
  it("prefixes row messages that do not already name their row", () => {
    expect(
      summaryMessages({
        "commitments.1.organisationId": "Choose which organisation this commitment concerns",
        "commitments.0.description": "Describe commitment 1",
        "followUps.0.organisationId": "Choose one of the organisations involved",
        "organisations.0.organisationId": "Choose at least one organisation",
        title: "Enter a title",
      }),
    ).toEqual({
      "commitments.1.organisationId": "Commitment 2: Choose which organisation this commitment concerns",
      "commitments.0.description": "Describe commitment 1",
      "followUps.0.organisationId": "Follow-up 1: Choose one of the organisations involved",
      "organisations.0.organisationId": "Choose at least one organisation",
      title: "Enter a title",
    });
  });
});
