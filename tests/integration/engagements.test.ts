import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { listEntityHistory } from "~/models/audit.server";
import { addContact } from "~/models/contact.server";
import { listEngagements } from "~/models/engagement/list.server";
import { getEngagement } from "~/models/engagement/read.server";
import { getOrganisationEngagementSummary, listLastEngagedDates } from "~/models/organisation/timeline.server";
import { archiveOrganisation } from "~/models/organisation/write.server";
import { archiveTheme } from "~/models/theme.server";
import { createUser, setUserActive } from "~/models/user.server";
import { action as actionPageAction, loader as actionPageLoader } from "~/routes/actions.$actionId";
import { action as archiveAction, loader as archiveLoader } from "~/routes/engagements.$engagementId.archive";
import { action as editAction, loader as editLoader } from "~/routes/engagements.$engagementId.edit";
import { loader as historyLoader } from "~/routes/engagements.$engagementId.history";
import { loader as viewLoader } from "~/routes/engagements.$engagementId._index";
import { action as restoreAction, loader as restoreLoader } from "~/routes/engagements.$engagementId.restore";
import { loader as listLoader } from "~/routes/engagements._index";
import { action as themesAction, loader as themesLoader } from "~/routes/engagements.themes";
import { action as newAction, loader as newLoader } from "~/routes/engagements.new";
import { db } from "~db/connection";
import { actions, engagements } from "~db/schema";
import { insertEngagement, insertTheme, organisationId } from "../support/fixtures";
import { changeAction, countEngagementRows, getOrganisationById } from "../support/records";
import { readJson, redirectedTo, runAction, runLoader, signedInAs, type TestUser } from "../support/requests";
import { describeRoleMatrix } from "../support/role-matrix";

type Body = Record<string, string | string[] | undefined>;

let officer: TestUser;
let nca: number;
let europol: number;

beforeAll(async () => {
  officer = await signedInAs("officer", "eng");
  nca = organisationId("national-crime-agency");
  europol = organisationId("europol");
});

/** A date as the form's date input posts it: NAME-day, NAME-month and NAME-year ("2026-03-01" as 1, 3, 2026; "" as empty fields). */
function dateFields(name: string, iso: string): Body {
  const [year = "", month = "", day = ""] = iso ? iso.split("-") : [];
  return { [`${name}-day`]: day && String(Number(day)), [`${name}-month`]: month && String(Number(month)), [`${name}-year`]: year };
}

/** The three fields typed as they are, for dates that are not dates. */
function typedDate(name: string, day: string, month: string, year: string): Body {
  return { [`${name}-day`]: day, [`${name}-month`]: month, [`${name}-year`]: year };
}

/** The common case: a held meeting with one organisation, three agenda items, two commitments and a follow-up. */
function commonCase(overrides: Body = {}): Body {
  return {
    intent: "save",
    title: "Quarterly meeting with the NCA modern slavery unit",
    kind: "meeting",
    status: "held",
    ...dateFields("date", "2026-11-20"),
    startTime: "10:00",
    endTime: "11:30",
    format: "in_person",
    location: "NCA headquarters, Vauxhall",
    country: "United Kingdom",
    "organisations.0.organisationId": String(nca),
    leadUserId: String(officer.id),
    purpose: "Review referrals and joint operations",
    summary: "Agreed to share referral data quarterly.",
    marking: "OFFICIAL",
    "attendees.0.person": `user:${officer.id}`,
    "attendees.0.side": "office",
    "attendees.1.person": "other",
    "attendees.1.name": "DCI Jane Smith",
    "attendees.1.roleTitle": "Head of modern slavery unit",
    "attendees.1.side": "stakeholder",
    "agenda.0.key": "a1",
    "agenda.0.title": "Referral trends",
    "agenda.0.notes": "Referrals up 20% on last quarter.",
    "agenda.0.outcome": "Share the data monthly",
    "agenda.1.key": "a2",
    "agenda.1.title": "Joint operations",
    "agenda.2.key": "a3",
    "agenda.2.title": "Victim support",
    "commitments.0.description": "Send the referral data for Q3",
    "commitments.0.ownerType": "stakeholder",
    "commitments.0.ownerName": "DCI Jane Smith",
    ...dateFields("commitments.0.dueDate", "2026-12-15"),
    "commitments.0.agendaKey": "a1",
    "commitments.1.description": "Circulate the office's guidance note",
    "commitments.1.ownerType": "office",
    "commitments.1.ownerUserId": String(officer.id),
    ...dateFields("commitments.1.dueDate", "2026-12-01"),
    "followUps.0.description": "Arrange the next quarterly meeting",
    "followUps.0.ownerUserId": String(officer.id),
    ...dateFields("followUps.0.dueDate", "2027-01-31"),
    ...overrides,
  };
}

async function record(body: Body, user = officer) {
  const response = await runAction(newAction, "/engagements/new", body, { user });
  const to = redirectedTo(response);
  if (!to) throw new Error(`expected a redirect, got ${response.status}: ${await response.text()}`);
  return Number(to.split("/").pop());
}

/** Expect a 400 with this message at this field, the input kept, and nothing written. */
async function expectRefused(
  body: Body,
  field: string,
  message: string | RegExp,
  opts: { path?: string; action?: typeof newAction; params?: Record<string, string> } = {},
) {
  const before = countEngagementRows();
  const response = await runAction(opts.action ?? newAction, opts.path ?? "/engagements/new", body, { user: officer, params: opts.params });
  expect(response.status).toBe(400);
  const result = await readJson(response);
  if (typeof message === "string") expect(result.fieldErrors[field]).toBe(message);
  else expect(result.fieldErrors[field]).toMatch(message);
  expect(result.values.title).toBe(body.title);
  expect(countEngagementRows()).toEqual(before);
  return result;
}

describe("recording an engagement", () => {
  it("the common case is one submit: engagement, organisation, attendees, agenda, commitments and follow-up in one go", async () => {
    const before = countEngagementRows();
    const id = await record(commonCase());
    const after = countEngagementRows();
    expect(after.engagements - before.engagements).toBe(1);
    expect(after.attendees - before.attendees).toBe(2);
    expect(after.agendaItems - before.agendaItems).toBe(3);
    expect(after.actions - before.actions).toBe(3);
    const details = getEngagement(id)!;
    expect(details.engagement.title).toBe("Quarterly meeting with the NCA modern slavery unit");
    expect(details.engagement.createdById).toBe(officer.id);
    expect(details.organisations.map((o) => o.slug)).toEqual(["national-crime-agency"]);
    expect(details.agenda.map((a) => a.title)).toEqual(["Referral trends", "Joint operations", "Victim support"]);
    expect(details.commitments[0].agendaItem).toEqual({ number: 1, title: "Referral trends" });
    expect(details.commitments[0].ownerName).toBe("DCI Jane Smith");
    expect(details.commitments[1].ownerName).toBe(officer.name);
    // A commitment with one organisation involved is with that organisation.
    expect(details.commitments.every((c) => c.organisationName === "NCA")).toBe(true);
    expect(details.followUps[0]).toMatchObject({
      description: "Arrange the next quarterly meeting",
      status: "open",
      ownerName: officer.name,
    });
    expect(details.attendees.map((a) => [a.name, a.side])).toEqual([
      [officer.name, "office"],
      ["DCI Jane Smith", "stakeholder"],
    ]);
    const history = listEntityHistory({ entityType: "engagement", entityId: id });
    expect(history.map((h) => h.action)).toEqual(["create"]);
    expect(JSON.parse(history[0].after!).organisationIds).toEqual([nca]);
  });

  it("rows left empty are ignored, and a duration gives the end time", async () => {
    const id = await record(
      commonCase({
        endTime: "",
        durationMinutes: "45",
        "agenda.1.title": "",
        "agenda.2.title": "",
        "commitments.1.description": "",
        ...dateFields("commitments.1.dueDate", ""),
        "commitments.1.ownerUserId": "",
        "attendees.2.person": "",
        "attendees.2.side": "stakeholder",
      }),
    );
    const details = getEngagement(id)!;
    expect(details.engagement.endTime).toBe("10:45");
    expect(details.agenda).toHaveLength(1);
    expect(details.commitments).toHaveLength(1);
  });

  it("a new theme typed on the form is created once, whatever its case", async () => {
    const first = await record(commonCase({ newTheme: "Labour exploitation" }));
    const second = await record(commonCase({ newTheme: "labour EXPLOITATION" }));
    expect(getEngagement(first)!.themes.map((t) => t.name)).toEqual(["Labour exploitation"]);
    expect(getEngagement(second)!.themes.map((t) => t.name)).toEqual(["Labour exploitation"]);
  });

  it("marking is OFFICIAL unless OFFICIAL-SENSITIVE is chosen", async () => {
    expect(getEngagement(await record(commonCase({ marking: undefined })))!.engagement.marking).toBe("OFFICIAL");
    expect(getEngagement(await record(commonCase({ marking: "OFFICIAL-SENSITIVE" })))!.engagement.marking).toBe("OFFICIAL-SENSITIVE");
  });

  it("with several organisations, each commitment says which one it concerns", async () => {
    const body = commonCase({ "organisations.1.organisationId": String(europol) });
    const result = await expectRefused(body, "commitments.0.organisationId", "Choose which organisation this commitment concerns");
    expect(result.fieldErrors["followUps.0.organisationId"]).toBe("Choose which organisation this follow-up concerns");
    const id = await record({
      ...body,
      "commitments.0.organisationId": String(europol),
      "commitments.1.organisationId": String(nca),
      "followUps.0.organisationId": String(nca),
    });
    expect(getEngagement(id)!.commitments.map((c) => c.organisationName)).toEqual(["Europol", "NCA"]);
  });

  it("the new form starts from an organisation's page with that organisation, three agenda items, two commitments and a follow-up", async () => {
    const response = await runLoader(newLoader, "/engagements/new?organisation=national-crime-agency", { user: officer });
    expect(response.status).toBe(200);
    const data = await readJson(response);
    expect(data.initial.organisations).toEqual([{ organisationId: String(nca) }]);
    expect(data.initial.country).toBe("United Kingdom");
    expect(data.initial.agenda).toHaveLength(3);
    expect(data.initial.commitments).toHaveLength(2);
    expect(data.initial.followUps).toHaveLength(1);
    expect(data.initial.leadUserId).toBe(String(officer.id));
    expect(data.options.organisations.length).toBeGreaterThan(100);
    expect(data.hasErrors).toBe(false);
    expect((await runLoader(newLoader, "/engagements/new?organisation=no-such-body", { user: officer })).status).toBe(404);
  });
});

describe("the form without JavaScript: row buttons restructure it and save nothing", () => {
  it("adds, moves and removes agenda items, keeping what was typed", async () => {
    const before = countEngagementRows();
    const added = await runAction(newAction, "/engagements/new?restructure", commonCase({ intent: "add:agenda" }), { user: officer });
    expect(added.status).toBe(200);
    const addedBody = await readJson(added);
    expect(addedBody.values.agenda).toHaveLength(4);
    expect(addedBody.values.agenda[3].title).toBe("");
    expect(addedBody.values.agenda[3].key).toMatch(/^n/);
    expect(addedBody.focus).toBe("agenda.3.title");
    expect(addedBody.values.title).toBe("Quarterly meeting with the NCA modern slavery unit");
    expect(addedBody.fieldErrors).toEqual({});

    const moved = await readJson(
      await runAction(newAction, "/engagements/new?restructure", commonCase({ intent: "down:agenda:0" }), { user: officer }),
    );
    expect(moved.values.agenda.map((a: { title: string }) => a.title)).toEqual(["Joint operations", "Referral trends", "Victim support"]);
    expect(moved.focus).toBe("agenda-1-down");

    const up = await readJson(
      await runAction(newAction, "/engagements/new?restructure", commonCase({ intent: "up:agenda:2" }), { user: officer }),
    );
    expect(up.values.agenda.map((a: { title: string }) => a.title)).toEqual(["Referral trends", "Victim support", "Joint operations"]);

    const removed = await readJson(
      await runAction(newAction, "/engagements/new?restructure", commonCase({ intent: "remove:agenda:1" }), { user: officer }),
    );
    expect(removed.values.agenda.map((a: { title: string }) => a.title)).toEqual(["Referral trends", "Victim support"]);
    // The commitment still points at its agenda item by key, not by position.
    expect(removed.values.commitments[0].agendaKey).toBe("a1");
    expect(countEngagementRows()).toEqual(before);
  });

  it("adds organisations, attendees, commitments and follow-ups; the last organisation row cannot vanish", async () => {
    for (const section of ["organisations", "attendees", "commitments", "followUps"]) {
      const r = await readJson(
        await runAction(newAction, "/engagements/new?restructure", commonCase({ intent: `add:${section}` }), { user: officer }),
      );
      expect(r.values[section].length, section).toBeGreaterThan(1);
    }
    const r = await readJson(
      await runAction(newAction, "/engagements/new?restructure", commonCase({ intent: "remove:organisations:0" }), { user: officer }),
    );
    expect(r.values.organisations).toEqual([{ organisationId: "" }]);
    const followUp = await readJson(
      await runAction(newAction, "/engagements/new?restructure", commonCase({ intent: "add:followUps" }), { user: officer }),
    );
    expect(followUp.values.followUps[1].ownerUserId).toBe(String(officer.id));
  });

  it("a row button that the form never renders is a 400 that saves nothing", async () => {
    const before = countEngagementRows();
    for (const intent of ["drop:agenda:1", "remove:agenda:99", "up:agenda:0", "add:users", "remove:agenda:-1"]) {
      const r = await runAction(newAction, "/engagements/new?restructure", commonCase({ intent }), { user: officer });
      expect(r.status, intent).toBe(400);
    }
    expect(countEngagementRows()).toEqual(before);
  });

  it("the page after a row button is not titled as an error, but after a failed save it is", async () => {
    const restructured = await runLoader(newLoader, "/engagements/new?restructure", { user: officer });
    expect((await readJson(restructured)).hasErrors).toBe(false);
  });
});

describe("bad input: a message at the field, the rest of the input kept, nothing written, never a 500", () => {
  it("an end time before the start time", async () => {
    await expectRefused(commonCase({ startTime: "14:00", endTime: "13:30" }), "endTime", "End time must be after the start time");
  });

  it("a time that is not a time", async () => {
    await expectRefused(commonCase({ startTime: "25:99" }), "startTime", "Start time must be a time, like 14:30");
  });

  it("a due date that is not a date", async () => {
    await expectRefused(
      commonCase(typedDate("commitments.0.dueDate", "31", "2", "2026")),
      "commitments.0.dueDate",
      "Due date of commitment 1 must be a real date",
    );
    await expectRefused(
      commonCase(typedDate("followUps.0.dueDate", "30", "2", "2026")),
      "followUps.0.dueDate",
      "Due date of follow-up 1 must be a real date",
    );
    await expectRefused(commonCase(typedDate("date", "yes", "ter", "day")), "date", "Date of the engagement must be a real date");
  });

  it("a date is typed in three fields, and GOV.UK's message says what is missing or wrong", async () => {
    await expectRefused(commonCase(typedDate("date", "", "", "")), "date", "Enter the date of the engagement");
    await expectRefused(commonCase(typedDate("date", "20", "", "2026")), "date", "Date of the engagement must include a month");
    await expectRefused(commonCase(typedDate("date", "", "", "2026")), "date", "Date of the engagement must include a day and month");
    await expectRefused(commonCase(typedDate("date", "31", "2", "2026")), "date", "Date of the engagement must be a real date");
    await expectRefused(commonCase(typedDate("date", "20", "13", "2026")), "date", "Date of the engagement must be a real date");
    await expectRefused(
      commonCase(typedDate("commitments.0.dueDate", "15", "", "")),
      "commitments.0.dueDate",
      "Due date of commitment 1 must include a month and year",
    );
    // The old single field is not the contract any more: without the three fields there is no date.
    const { "date-day": _d, "date-month": _m, "date-year": _y, ...withoutParts } = commonCase();
    await expectRefused({ ...withoutParts, date: "2026-11-20" }, "date", "Enter the date of the engagement");
  });

  it("a month may be typed as a name, and the values handed back keep what was typed", async () => {
    const id = await record(commonCase(typedDate("date", "5", "Mar", "2026")));
    expect(getEngagement(id)!.engagement.date).toBe("2026-03-05");
    const refused = await expectRefused(
      commonCase(typedDate("date", "5", "Mar", "26")),
      "date",
      "Date of the engagement must be a real date",
    );
    expect(refused.values).toMatchObject({ "date-day": "5", "date-month": "Mar", "date-year": "26" });
  });

  it("an organisation that does not exist, or is archived, or is not an id", async () => {
    await expectRefused(
      commonCase({ "organisations.0.organisationId": "999999" }),
      "organisations.0.organisationId",
      "Choose an organisation from the list",
    );
    await expectRefused(
      commonCase({ "organisations.0.organisationId": "1; DROP TABLE engagements" }),
      "organisations.0.organisationId",
      "Choose an organisation from the list",
    );
    await expectRefused(
      commonCase({ "organisations.0.organisationId": "" }),
      "organisations.0.organisationId",
      "Choose at least one organisation",
    );
    const archivedId = organisationId("gr-hellenic-police");
    const org = getOrganisationById(archivedId)!;
    await archiveOrganisation({ id: archivedId, version: org.version, actor: { ...officer, role: "officer" } });
    await expectRefused(
      commonCase({ "organisations.0.organisationId": String(archivedId) }),
      "organisations.0.organisationId",
      "Hellenic Police is archived: choose another organisation",
    );
  });

  it("a contact that does not exist, or belongs to an organisation not involved", async () => {
    await expectRefused(commonCase({ "attendees.1.person": "contact:999999" }), "attendees.1.person", "Choose a person from the list");
    const europolContact = await addContact({
      organisationId: europol,
      input: { name: "Anna Berg", roleTitle: "Analyst", inPost: true },
      actor: { ...officer, role: "officer" },
    });
    await expectRefused(
      commonCase({ "attendees.1.person": `contact:${europolContact.id}` }),
      "attendees.1.person",
      /not a contact of the organisations involved/,
    );
    const ncaContact = await addContact({
      organisationId: nca,
      input: { name: "Sam Okoro", roleTitle: "Director", inPost: true },
      actor: { ...officer, role: "officer" },
    });
    const id = await record(commonCase({ "attendees.1.person": `contact:${ncaContact.id}`, "attendees.1.name": "" }));
    expect(getEngagement(id)!.attendees[1]).toMatchObject({
      name: "Sam Okoro",
      roleTitle: "Head of modern slavery unit",
      side: "stakeholder",
    });
    await expectRefused(
      commonCase({ "attendees.1.person": "someone" }),
      "attendees.1.person",
      "Choose a person from the list, or someone not listed",
    );
    const leftPost = await addContact({
      organisationId: nca,
      input: { name: "Pat Former", roleTitle: "Former director", inPost: false },
      actor: { ...officer, role: "officer" },
    });
    await expectRefused(
      commonCase({ "attendees.1.person": `contact:${leftPost.id}` }),
      "attendees.1.person",
      "Pat Former is no longer in post: choose someone else",
    );
  });

  it("a user that does not exist, or whose account is deactivated", async () => {
    await expectRefused(commonCase({ leadUserId: "999999" }), "leadUserId", "Choose a member of staff from the list");
    await expectRefused(
      commonCase({ "followUps.0.ownerUserId": "999999" }),
      "followUps.0.ownerUserId",
      "Choose a member of staff from the list",
    );
    const gone = await createUser({
      input: { email: "gone@example.org", name: "Gone Away", role: "officer", password: "a long enough passphrase" },
      actor: null,
    });
    const admin = await signedInAs("admin", "eng");
    await setUserActive({ id: gone.id, version: gone.version, active: false, actor: { id: admin.id, email: admin.email, role: "admin" } });
    const result = await expectRefused(
      commonCase({ leadUserId: String(gone.id), "attendees.0.person": `user:${gone.id}` }),
      "leadUserId",
      "Gone Away's account is no longer active: choose someone else",
    );
    expect(result.fieldErrors["attendees.0.person"]).toBe("Gone Away's account is no longer active: choose someone else");
  });

  it("a theme that does not exist, or is archived", async () => {
    await expectRefused(commonCase({ themeIds: ["999999"] }), "themeIds", "Choose themes from the list");
    await expectRefused(commonCase({ themeIds: ["x"] }), "themeIds", "Choose themes from the list");
    const retired = insertTheme("Retired theme");
    await archiveTheme({ id: retired, actor: { ...officer, role: "officer" } });
    await expectRefused(commonCase({ themeIds: [String(retired)] }), "themeIds", "The theme “Retired theme” is archived: choose another");
    await expectRefused(commonCase({ newTheme: "retired THEME" }), "newTheme", /is archived/);
  });

  it("an empty title, however it is empty", async () => {
    await expectRefused(commonCase({ title: "" }), "title", "Enter a title");
    const before = countEngagementRows();
    const r = await runAction(newAction, "/engagements/new", commonCase({ title: "   " }), { user: officer });
    expect(r.status).toBe(400);
    expect((await readJson(r)).fieldErrors.title).toBe("Enter a title");
    expect(countEngagementRows()).toEqual(before);
  });

  it("100,000-character notes", async () => {
    const huge = "x".repeat(100_000);
    await expectRefused(commonCase({ summary: huge }), "summary", "Summary of outcomes must be 20,000 characters or fewer");
    await expectRefused(commonCase({ "agenda.0.notes": huge }), "agenda.0.notes", "Notes must be 20,000 characters or fewer");
    await expectRefused(commonCase({ title: "y".repeat(100_000) }), "title", "A title must be 200 characters or fewer");
  });

  it("500 agenda items", async () => {
    const body = commonCase();
    for (let i = 0; i < 500; i++) body[`agenda.${i}.title`] = `Item ${i}`;
    await expectRefused(body, "agenda", "An engagement can have at most 100 agenda items: put the rest in the notes of the last one");
  });

  it("every problem is reported at once", async () => {
    const before = countEngagementRows();
    const r = await runAction(
      newAction,
      "/engagements/new",
      commonCase({ title: "", "agenda.1.title": "", "agenda.1.notes": "notes without a topic", "commitments.0.description": "" }),
      { user: officer },
    );
    const { fieldErrors } = await readJson(r);
    expect(fieldErrors).toMatchObject({
      title: "Enter a title",
      "agenda.1.title": "Enter the topic of agenda item 2",
      "commitments.0.description": "Describe commitment 1",
    });
    expect(countEngagementRows()).toEqual(before);
  });

  it("hostile text is stored as text and comes back as text", async () => {
    const hostile = {
      title: `<script>alert("x")</script> =HYPERLINK("http://evil.example","click")`,
      summary: `'; DROP TABLE engagements; -- <img src=x onerror=alert(1)>`,
      "agenda.0.title": "=1+2",
    };
    const id = await record(commonCase(hostile));
    const page = await readJson(await runLoader(viewLoader, `/engagements/${id}`, { user: officer, params: { engagementId: String(id) } }));
    expect(page.details.engagement.title).toBe(hostile.title);
    expect(page.details.engagement.summary).toBe(hostile.summary);
    expect(page.details.agenda[0].title).toBe("=1+2");
    expect(countEngagementRows().engagements).toBeGreaterThan(0);
    // Text search treats it as text too.
    const found = listEngagements({
      filters: {
        from: null,
        to: null,
        organisation: null,
        organisationKind: null,
        kind: null,
        theme: null,
        status: null,
        q: `'; DROP TABLE`,
      },
    });
    expect(found.rows.map((r) => r.id)).toContain(id);
  });

  it("a tampered request: an unknown follow-up to resolve, a wrongly shaped field", async () => {
    await expectRefused(
      commonCase({ resolvesActionId: "999999" }),
      "resolvesActionId",
      "The follow-up this engagement resolves is not one we know",
    );
    await expectRefused(
      commonCase({ resolvesActionId: "abc" }),
      "resolvesActionId",
      "The follow-up this engagement resolves is not one we know",
    );
    await expectRefused(commonCase({ kind: "party" }), "kind", "Choose what kind of engagement it was");
    await expectRefused(commonCase({ marking: "SECRET" }), "marking", "Choose OFFICIAL or OFFICIAL-SENSITIVE");
  });
});

describe("an engagement's page", () => {
  it("answers 404 for an id that is not a number or does not exist", async () => {
    for (const id of ["abc", "0", "-1", "1.5", "99999999", "12345678901234567890"]) {
      const r = await runLoader(viewLoader, `/engagements/${id}`, { user: officer, params: { engagementId: id } });
      expect(r.status, id).toBe(404);
    }
  });

  it("shows everything recorded, with the marking", async () => {
    const id = await record(commonCase({ marking: "OFFICIAL-SENSITIVE" }));
    const viewer = await signedInAs("viewer", "eng");
    const data = await readJson(await runLoader(viewLoader, `/engagements/${id}`, { user: viewer, params: { engagementId: String(id) } }));
    expect(data.details.engagement.marking).toBe("OFFICIAL-SENSITIVE");
    expect(data.details.commitments).toHaveLength(2);
    expect(data.canEdit).toBe(false);
  });
});

describe("editing an engagement", () => {
  /** Form values (nested, as a loader or a refused save returns them) as the flat names a form posts. */
  function flatten(values: unknown, body: Body = {}) {
    const flat = (prefix: string, value: unknown) => {
      if (Array.isArray(value) && value.every((v) => typeof v === "string")) body[prefix] = value as string[];
      else if (Array.isArray(value)) value.forEach((row, i) => flat(`${prefix}.${i}`, row));
      else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) flat(prefix ? `${prefix}.${k}` : k, v);
      else body[prefix] = String(value ?? "");
    };
    flat("", values);
    return body;
  }

  async function editBody(id: number, overrides: Body = {}) {
    const data = await readJson(
      await runLoader(editLoader, `/engagements/${id}/edit`, { user: officer, params: { engagementId: String(id) } }),
    );
    const body = flatten(data.initial, {
      intent: "save",
      loadedActions: Object.entries(data.loadedActions)
        .map(([a, v]) => `${a}:${v}`)
        .join(","),
      baseline: JSON.stringify(data.baseline),
    });
    return { ...asPosted(body), ...overrides };
  }

  /** The form shows loaded (or handed-back) dates in their three fields, and posts those. */
  function asPosted(body: Body): Body {
    const out = { ...body };
    for (const key of Object.keys(out).filter((k) => k === "date" || k.endsWith(".dueDate"))) {
      Object.assign(out, dateFields(key, String(out[key])));
      delete out[key];
    }
    return out;
  }

  it("a planned engagement is completed with what happened, keeping agenda items and actions by id", async () => {
    const id = await record(commonCase({ status: "planned", summary: "" }));
    const before = getEngagement(id)!;
    const body = await editBody(id, {
      status: "held",
      summary: "It went well.",
      "agenda.1.title": "Joint operations in Kent",
      ...dateFields("commitments.0.dueDate", "2027-01-10"),
      "commitments.2.description": "Send a thank-you letter",
      "commitments.2.ownerType": "office",
    });
    const r = await runAction(editAction, `/engagements/${id}/edit`, body, { user: officer, params: { engagementId: String(id) } });
    expect(redirectedTo(r)).toBe(`/engagements/${id}`);
    const after = getEngagement(id)!;
    expect(after.engagement.status).toBe("held");
    expect(after.engagement.version).toBe(before.engagement.version + 1);
    expect(after.agenda.map((a) => a.id)).toEqual(before.agenda.map((a) => a.id));
    expect(after.commitments[0]).toMatchObject({ id: before.commitments[0].id, dueDate: "2027-01-10" });
    expect(after.commitments[0].agendaItem?.number).toBe(1);
    expect(after.commitments).toHaveLength(3);
    const update = listEntityHistory({ entityType: "engagement", entityId: id })[0];
    expect(update.action).toBe("update");
    expect(JSON.parse(update.before!)).toMatchObject({ status: "planned", summary: null });
    expect(JSON.parse(update.after!)).toMatchObject({ status: "held", summary: "It went well." });
    expect(listEntityHistory({ entityType: "action", entityId: before.commitments[0].id })[0].action).toBe("update");
  });

  it("the second of two people editing at once is told, sees what changed, keeps their input, and nothing is written", async () => {
    const id = await record(commonCase());
    const theirs = await editBody(id, { title: "First person's title", purpose: "First person's purpose" });
    const mine = await editBody(id, { title: "Second person's title", location: "Second person's location" });
    expect(
      redirectedTo(await runAction(editAction, `/engagements/${id}/edit`, theirs, { user: officer, params: { engagementId: String(id) } })),
    ).toBeTruthy();
    const before = countEngagementRows();
    const r = await runAction(editAction, `/engagements/${id}/edit`, mine, { user: officer, params: { engagementId: String(id) } });
    expect(r.status).toBe(409);
    const result = await readJson(r);
    // Both changed the title: their input is kept, beside what is saved.
    expect(result.conflict.changes).toContainEqual({
      field: "title",
      label: "Title",
      saved: "First person's title",
      yours: "Second person's title",
      whose: "both",
    });
    // Only the first person changed the purpose: the form now shows it, so saving again will not undo it.
    expect(result.conflict.changes).toContainEqual(
      expect.objectContaining({ field: "purpose", saved: "First person's purpose", whose: "theirs" }),
    );
    expect(result.values.purpose).toBe("First person's purpose");
    // Only the second person changed the location: nothing to say, their input stands.
    expect(result.conflict.changes.map((c: { field: string }) => c.field)).not.toContain("location");
    expect(result.values.title).toBe("Second person's title");
    expect(result.values.location).toBe("Second person's location");
    // Re-based on what is saved now, so saving again applies this input on purpose.
    expect(result.values.version).toBe(String(getEngagement(id)!.engagement.version));
    expect(countEngagementRows()).toEqual(before);
    expect(getEngagement(id)!.engagement.title).toBe("First person's title");
    const again = await runAction(
      editAction,
      `/engagements/${id}/edit`,
      asPosted(
        flatten(result.values, {
          intent: "save",
          loadedActions: Object.entries(result.conflict.actionVersions)
            .map(([a, v]) => `${a}:${v}`)
            .join(","),
          baseline: JSON.stringify(result.conflict.baseline),
        }),
      ),
      { user: officer, params: { engagementId: String(id) } },
    );
    expect(redirectedTo(again)).toBe(`/engagements/${id}`);
    expect(getEngagement(id)!.engagement).toMatchObject({
      title: "Second person's title",
      location: "Second person's location",
      purpose: "First person's purpose",
    });
  });

  it("without the baseline (a tampered form), every difference is shown as changed by both", async () => {
    const id = await record(commonCase());
    const theirs = await editBody(id, { purpose: "Changed" });
    const mine = await editBody(id, { baseline: "not json" });
    await runAction(editAction, `/engagements/${id}/edit`, theirs, { user: officer, params: { engagementId: String(id) } });
    const result = await readJson(
      await runAction(editAction, `/engagements/${id}/edit`, mine, { user: officer, params: { engagementId: String(id) } }),
    );
    expect(result.conflict.changes).toContainEqual(expect.objectContaining({ field: "purpose", whose: "both" }));
    expect(result.values.purpose).toBe("Review referrals and joint operations");
  });

  it("an action changed in the register meanwhile is not overwritten by an edit of the engagement", async () => {
    const id = await record(commonCase());
    const body = await editBody(id, dateFields("commitments.0.dueDate", "2027-03-01"));
    const [first, second] = getEngagement(id)!.commitments;
    await changeAction({ id: first.id, version: 1, change: { dueDate: "2027-02-01" }, actor: { ...officer, role: "officer" } });
    await changeAction({ id: second.id, version: 1, change: { dueDate: "2027-04-01" }, actor: { ...officer, role: "officer" } });
    const r = await runAction(editAction, `/engagements/${id}/edit`, body, { user: officer, params: { engagementId: String(id) } });
    expect(r.status).toBe(409);
    const result = await readJson(r);
    const change = (actionId: number) => result.conflict.changes.find((c: { field: string }) => c.field === `action-${actionId}`);
    expect(change(first.id)).toMatchObject({ whose: "both" });
    expect(change(first.id).saved).toMatch(/due 1 February 2027/);
    expect(change(first.id).yours).toMatch(/due 1 March 2027/);
    expect(change(second.id)).toMatchObject({ whose: "theirs" });
    expect(result.values.commitments[0]).toMatchObject({ dueDate: "2027-03-01", version: "2" });
    expect(result.values.commitments[1]).toMatchObject({ dueDate: "2027-04-01", version: "2" });
    expect(db().select().from(actions).where(eq(actions.id, first.id)).get()!.dueDate).toBe("2027-02-01");
  });

  it("a duplicated or tampered version is refused and writes nothing", async () => {
    const id = await record(commonCase());
    const params = { engagementId: String(id) };
    const before = countEngagementRows();
    const good = await editBody(id, { title: "Changed" });
    const duplicated = await runAction(editAction, `/engagements/${id}/edit`, { ...good, version: ["1", "1"] }, { user: officer, params });
    expect(duplicated.status).toBe(400);
    expect((await readJson(duplicated)).fieldErrors.version).toBe("The form is out of date; reload the page");
    for (const version of ["abc", "", "-3"]) {
      const r = await runAction(editAction, `/engagements/${id}/edit`, { ...good, version }, { user: officer, params });
      expect(r.status, version).toBe(400);
    }
    const future = await runAction(editAction, `/engagements/${id}/edit`, { ...good, version: "999" }, { user: officer, params });
    expect(future.status).toBe(409);
    const stolen = await runAction(
      editAction,
      `/engagements/${id}/edit`,
      { ...good, "commitments.0.id": "999999" },
      { user: officer, params },
    );
    expect(stolen.status).toBe(400);
    expect(countEngagementRows()).toEqual(before);
    expect(getEngagement(id)!.engagement.title).toBe("Quarterly meeting with the NCA modern slavery unit");
  });

  it("an ended commitment cannot be removed from the form", async () => {
    const id = await record(commonCase());
    const commitment = getEngagement(id)!.commitments[0];
    await changeAction({
      id: commitment.id,
      version: 1,
      change: { status: "done", closingNote: "Received" },
      actor: { ...officer, role: "officer" },
    });
    const body = await editBody(id);
    for (const key of Object.keys(body)) if (key.startsWith("commitments.0.")) delete body[key];
    const r = await runAction(editAction, `/engagements/${id}/edit`, body, { user: officer, params: { engagementId: String(id) } });
    expect(r.status).toBe(400);
    expect((await readJson(r)).fieldErrors.commitments).toMatch(/cannot be removed/);
  });

  it("the edit form of an unknown engagement is 404, and of an archived one sends you to restore it", async () => {
    expect((await runLoader(editLoader, "/engagements/999999/edit", { user: officer, params: { engagementId: "999999" } })).status).toBe(
      404,
    );
    const { engagement } = insertEngagement({ archivedAt: "2026-01-01T00:00:00.000Z" });
    const r = await runLoader(editLoader, `/engagements/${engagement.id}/edit`, {
      user: officer,
      params: { engagementId: String(engagement.id) },
    });
    expect(redirectedTo(r)).toBe(`/engagements/${engagement.id}`);
  });
});

describe("archiving and restoring", () => {
  it("archives with the version seen, leaves the list, and restores", async () => {
    const id = await record(commonCase({ title: "To be archived" }));
    const params = { engagementId: String(id) };
    expect((await runLoader(archiveLoader, `/engagements/${id}/archive`, { user: officer, params })).status).toBe(200);
    const stale = await runAction(archiveAction, `/engagements/${id}/archive`, { version: "7" }, { user: officer, params });
    expect(stale.status).toBe(409);
    expect((await runAction(archiveAction, `/engagements/${id}/archive`, { version: "x" }, { user: officer, params })).status).toBe(400);
    expect(redirectedTo(await runAction(archiveAction, `/engagements/${id}/archive`, { version: "1" }, { user: officer, params }))).toBe(
      `/engagements/${id}`,
    );
    const list = await readJson(await runLoader(listLoader, "/engagements?q=To+be+archived", { user: officer }));
    expect(list.rows.map((r: { id: number }) => r.id)).not.toContain(id);
    const archivedList = await readJson(await runLoader(listLoader, "/engagements?q=To+be+archived&status=archived", { user: officer }));
    expect(archivedList.rows.map((r: { id: number }) => r.id)).toContain(id);
    expect((await runLoader(restoreLoader, `/engagements/${id}/restore`, { user: officer, params })).status).toBe(200);
    expect(redirectedTo(await runAction(restoreAction, `/engagements/${id}/restore`, { version: "2" }, { user: officer, params }))).toBe(
      `/engagements/${id}`,
    );
    expect(getEngagement(id)!.engagement.archivedAt).toBeNull();
    expect(listEntityHistory({ entityType: "engagement", entityId: id }).map((e) => e.action)).toEqual(["restore", "archive", "create"]);
    expect(
      (
        await runAction(
          archiveAction,
          "/engagements/999999/archive",
          { version: "1" },
          { user: officer, params: { engagementId: "999999" } },
        )
      ).status,
    ).toBe(404);
  });
});

describe("closing a commitment from the engagement page", () => {
  // The engagement page links each action to its own page, /actions/ID?returnTo=/engagements/ID: one
  // page, one schema and one model path change an action, wherever the person came from.
  const pageOf = (actionId: number, returnTo: string) => ({
    url: `/actions/${actionId}?returnTo=${encodeURIComponent(returnTo)}`,
    params: { actionId: String(actionId) },
  });

  it("done needs a closing note; with one it is closed and audited, and the person is back on the engagement", async () => {
    const id = await record(commonCase());
    const commitment = getEngagement(id)!.commitments[1];
    const returnTo = `/engagements/${id}`;
    const { url, params } = pageOf(commitment.id, returnTo);
    const page = await runLoader(actionPageLoader, url, { user: officer, params });
    expect(page.status).toBe(200);
    expect((await readJson(page)).returnTo).toBe(returnTo);
    const noNote = await runAction(
      actionPageAction,
      url,
      { intent: "done", version: "1", closingNote: "", returnTo },
      { user: officer, params },
    );
    expect(noNote.status).toBe(400);
    expect((await readJson(noNote)).fieldErrors.closingNote).toBe("Enter a closing note saying what was done");
    const ok = await runAction(
      actionPageAction,
      url,
      { intent: "done", version: "1", closingNote: "Sent on 1 December", returnTo },
      { user: officer, params },
    );
    expect(redirectedTo(ok)).toBe(returnTo);
    expect(getEngagement(id)!.commitments[1]).toMatchObject({ status: "done", closingNote: "Sent on 1 December" });
    expect(listEntityHistory({ entityType: "action", entityId: commitment.id })[0]).toMatchObject({
      action: "action_done",
      actorUserId: officer.id,
    });
    const stale = await runAction(actionPageAction, url, { intent: "reopen", version: "1", returnTo }, { user: officer, params });
    expect(stale.status).toBe(409);
  });

  it("goes back only to a page of this site", async () => {
    const id = await record(commonCase());
    const commitment = getEngagement(id)!.commitments[0];
    let version = 1;
    for (const elsewhere of ["https://evil.example/", "//evil.example/x", "/\\evil.example", "javascript:alert(1)"]) {
      const { url, params } = pageOf(commitment.id, elsewhere);
      expect((await readJson(await runLoader(actionPageLoader, url, { user: officer, params }))).returnTo).toBeNull();
      const intent = version % 2 ? "in_progress" : "reopen";
      const response = await runAction(
        actionPageAction,
        url,
        { intent, version: String(version), returnTo: elsewhere },
        { user: officer, params },
      );
      expect(redirectedTo(response)).toBe(`/actions/${commitment.id}`);
      version += 1;
    }
  });

  it("an unknown action, or one of an archived engagement, is 404", async () => {
    const { actions: archived } = insertEngagement({
      title: "Archived meeting",
      archivedAt: "2026-01-01T00:00:00.000Z",
      actions: [{ kind: "commitment", description: "Of an archived engagement" }],
    });
    for (const actionId of ["999999", "abc", String(archived[0].id)]) {
      const params = { actionId };
      expect((await runLoader(actionPageLoader, `/actions/${actionId}`, { user: officer, params })).status, actionId).toBe(404);
      expect(
        (
          await runAction(
            actionPageAction,
            `/actions/${actionId}`,
            { intent: "done", version: "1", closingNote: "x", returnTo: "/engagements" },
            { user: officer, params },
          )
        ).status,
        actionId,
      ).toBe(404);
    }
  });
});

describe("follow-up chains", () => {
  it("an engagement logged from an open follow-up resolves it, and both show the link", async () => {
    const first = await record(commonCase({ title: "First meeting" }));
    const followUp = getEngagement(first)!.followUps[0];
    const form = await readJson(await runLoader(newLoader, `/engagements/new?resolves=${followUp.id}`, { user: officer }));
    expect(form.resolves).toMatchObject({ id: followUp.id, engagementId: first });
    expect(form.initial.organisations).toEqual([{ organisationId: String(nca) }]);
    expect(form.initial.resolvesActionId).toBe(String(followUp.id));
    const second = await record(commonCase({ title: "Second meeting", resolvesActionId: String(followUp.id) }));
    const firstNow = getEngagement(first)!;
    expect(firstNow.followUps[0]).toMatchObject({
      status: "done",
      resolvedBy: { id: second, title: "Second meeting", date: "2026-11-20" },
    });
    expect(firstNow.followUps[0].closingNote).toMatch(/Resolved by engagement “Second meeting”/);
    expect(getEngagement(second)!.resolves).toEqual([
      {
        actionId: followUp.id,
        description: followUp.description,
        engagementId: first,
        engagementTitle: "First meeting",
        engagementDate: "2026-11-20",
      },
    ]);
    // A follow-up is resolved once.
    await expectRefused(
      commonCase({ title: "Third meeting", resolvesActionId: String(followUp.id) }),
      "resolvesActionId",
      /already resolved/,
    );
    const again = await readJson(await runLoader(newLoader, `/engagements/new?resolves=${followUp.id}`, { user: officer }));
    expect(again.resolves).toBeNull();
    expect(again.alreadyResolvedBy).toBe(second);
    // A commitment is not a follow-up.
    const commitment = getEngagement(first)!.commitments[0];
    expect((await runLoader(newLoader, `/engagements/new?resolves=${commitment.id}`, { user: officer })).status).toBe(404);
    expect((await runLoader(newLoader, `/engagements/new?resolves=abc`, { user: officer })).status).toBe(404);
  });
});

describe("the engagements list", () => {
  it("is newest first, filters, and pages by keyset without gaps or repeats", async () => {
    const theme = insertTheme("List test theme");
    const ids: number[] = [];
    for (let day = 1; day <= 7; day++)
      ids.push(
        insertEngagement({
          title: `Keyset meeting ${day}`,
          date: `2025-03-0${day}`,
          organisationSlugs: ["interpol"],
          themeIds: day % 2 ? [theme] : [],
        }).engagement.id,
      );
    const filters = {
      from: "2025-03-01",
      to: "2025-03-31",
      organisation: null,
      organisationKind: null,
      kind: null,
      theme: null,
      status: null,
      q: null,
    };
    const seen: number[] = [];
    let page = listEngagements({ filters, limit: 3 });
    seen.push(...page.rows.map((r) => r.id));
    expect(page.previous).toBeNull();
    while (page.next) {
      page = listEngagements({ filters, after: page.next, limit: 3 });
      seen.push(...page.rows.map((r) => r.id));
    }
    expect(seen).toEqual([...ids].reverse());
    const back = listEngagements({ filters, before: { date: "2025-03-03", id: ids[2] }, limit: 3 });
    expect(back.rows.map((r) => r.title)).toEqual(["Keyset meeting 6", "Keyset meeting 5", "Keyset meeting 4"]);
    expect(back.previous).not.toBeNull();

    const data = await readJson(
      await runLoader(
        listLoader,
        `/engagements?from=2025-03-01&to=2025-03-31&theme=${theme}&organisation=interpol&organisationKind=international_agency&kind=meeting&status=held&q=keyset`,
        { user: officer },
      ),
    );
    expect(data.rows.map((r: { title: string }) => r.title)).toEqual([
      "Keyset meeting 7",
      "Keyset meeting 5",
      "Keyset meeting 3",
      "Keyset meeting 1",
    ]);
    expect(data.total).toBe(4);
    const none = await readJson(
      await runLoader(listLoader, "/engagements?from=2025-03-01&to=2025-03-31&organisationKind=police_force", { user: officer }),
    );
    expect(none.rows).toEqual([]);
  });

  it("a filter that makes no sense is reported and ignored, never a 500", async () => {
    const r = await runLoader(
      listLoader,
      "/engagements?from=not-a-date&kind=party&theme=abc&status=gone&organisation=nobody&after=garbage&q=%3Cscript%3E",
      { user: officer },
    );
    expect(r.status).toBe(200);
    const data = await readJson(r);
    expect(Object.keys(data.errors).sort()).toEqual(["from", "kind", "organisation", "status", "theme"]);
    expect(data.rows).toEqual([]);
  });

  it("text search finds part of a word, ignoring case", async () => {
    const id = await record(commonCase({ title: "Trafficking routes through Calais", summary: "Discussed lorry checks" }));
    const data = await readJson(await runLoader(listLoader, "/engagements?q=LORRY", { user: officer }));
    expect(data.rows.map((r: { id: number }) => r.id)).toContain(id);
    const short = await readJson(await runLoader(listLoader, "/engagements?q=Ca", { user: officer }));
    expect(short.rows.map((r: { id: number }) => r.id)).toContain(id);
  });
});

describe("an organisation's timeline", () => {
  it("shows engagements newest first, open actions, the last-engaged date and engagements per year", async () => {
    const ng = organisationId("ng-naptip");
    const old = insertEngagement({
      title: "Visit to Abuja",
      date: "2024-05-01",
      organisationSlugs: ["ng-naptip"],
      actions: [{ kind: "follow_up", description: "Send the report", dueDate: "2024-06-01" }],
    });
    insertEngagement({ title: "Call with NAPTIP", date: "2025-02-01", organisationSlugs: ["ng-naptip"] });
    insertEngagement({ title: "Planned visit", date: "2099-01-01", status: "planned", organisationSlugs: ["ng-naptip"] });
    insertEngagement({ title: "Archived call", date: "2025-06-01", organisationSlugs: ["ng-naptip"], archivedAt: "2025-07-01T00:00:00Z" });
    const summary = getOrganisationEngagementSummary({ organisationId: ng, limit: 20, today: "2026-11-28" });
    expect(summary.engagements.map((e) => e.title)).toEqual(["Planned visit", "Call with NAPTIP", "Visit to Abuja"]);
    expect(summary.lastEngagedOn).toBe("2025-02-01");
    expect(summary.nextPlanned?.title).toBe("Planned visit");
    expect(summary.perYear).toEqual([
      { year: "2025", count: 1 },
      { year: "2024", count: 1 },
    ]);
    expect(summary.openActions).toHaveLength(1);
    expect(summary.openActions[0]).toMatchObject({ description: "Send the report", overdue: true, engagementId: old.engagement.id });
    expect(listLastEngagedDates({ organisationIds: [ng, nca], today: "2026-11-28" })[ng]).toBe("2025-02-01");
  });

  it("lists the soonest due of the open actions and counts them all, and takes the newest engagements of every status", async () => {
    const slug = "cleveland-police";
    const org = organisationId(slug);
    const today = "2026-11-28";
    const due = (description: string, dueDate: string | null, status: "open" | "in_progress" | "done" = "open") => ({
      kind: "commitment" as const,
      description,
      dueDate,
      status,
    });
    insertEngagement({
      title: "Held with open actions",
      date: "2026-01-10",
      organisationSlugs: [slug],
      actions: [
        due("Late one", "2026-02-01"),
        due("Undated", null),
        due("Later", "2027-03-01", "in_progress"),
        due("Finished", "2026-01-20", "done"),
      ],
    });
    insertEngagement({
      title: "Held again",
      date: "2026-05-10",
      organisationSlugs: [slug],
      actions: [due("Latest overdue", "2026-11-01", "in_progress"), due("Due soon", "2026-12-01")],
    });
    insertEngagement({
      title: "Archived one",
      date: "2026-06-10",
      organisationSlugs: [slug],
      archivedAt: "2026-07-01T00:00:00Z",
      actions: [due("Of an archived engagement", "2026-01-01")],
    });
    insertEngagement({ title: "Cancelled one", date: "2026-08-10", status: "cancelled", organisationSlugs: [slug] });
    insertEngagement({ title: "Planned one", date: "2027-01-10", status: "planned", organisationSlugs: [slug] });

    const summary = getOrganisationEngagementSummary({ organisationId: org, limit: 3, openLimit: 3, today });
    // Soonest due first across open and in progress, undated last; done and archived ones left out.
    expect(summary.openActions.map((a) => a.description)).toEqual(["Late one", "Latest overdue", "Due soon"]);
    expect(summary.openActions.map((a) => a.overdue)).toEqual([true, true, false]);
    expect(summary.openActionCount).toBe(5);
    expect(summary.overdueActionCount).toBe(2);
    const all = getOrganisationEngagementSummary({ organisationId: org, today });
    expect(all.openActions.map((a) => a.description)).toEqual(["Late one", "Latest overdue", "Due soon", "Later", "Undated"]);
    // The newest three of every status together, then all of them (the archived one never).
    expect(summary.engagements.map((e) => e.title)).toEqual(["Planned one", "Cancelled one", "Held again"]);
    expect(summary.total).toBe(4);
    expect(all.engagements.map((e) => e.title)).toEqual(["Planned one", "Cancelled one", "Held again", "Held with open actions"]);
    expect(all.engagements.find((e) => e.title === "Held with open actions")).toMatchObject({ commitments: 4, followUps: 0 });
    expect(summary.lastEngagement?.title).toBe("Held again");
    expect(summary.nextPlanned?.title).toBe("Planned one");
    expect(summary.perYear).toEqual([{ year: "2026", count: 2 }]);
  });
});

describe("history", () => {
  it("lists the engagement's changes and its actions', in words", async () => {
    const id = await record(commonCase());
    const commitment = getEngagement(id)!.commitments[0];
    await changeAction({
      id: commitment.id,
      version: 1,
      change: { status: "done", closingNote: "Done" },
      actor: { ...officer, role: "officer" },
    });
    const data = await readJson(
      await runLoader(historyLoader, `/engagements/${id}/history`, { user: officer, params: { engagementId: String(id) } }),
    );
    expect(data.events.length).toBeGreaterThanOrEqual(5);
    const created = data.events.find((e: { summary: string }) => e.summary.startsWith("Engagement"));
    expect(created.changes.find((c: { label: string }) => c.label === "Organisations").after).toBe("National Crime Agency");
    expect((await runLoader(historyLoader, "/engagements/abc/history", { user: officer, params: { engagementId: "abc" } })).status).toBe(
      404,
    );
  });
});

describe("themes", () => {
  it("are added once whatever their case, archived out of the form's choices, and restored", async () => {
    const added = await runAction(themesAction, "/engagements/themes", { intent: "add", name: "Forced criminality" }, { user: officer });
    expect(redirectedTo(added)).toBe("/engagements/themes");
    const again = await runAction(themesAction, "/engagements/themes", { intent: "add", name: "forced CRIMINALITY" }, { user: officer });
    expect(again.status).toBe(400);
    expect((await readJson(again)).fieldErrors.name).toBe("“Forced criminality” already exists");
    expect((await runAction(themesAction, "/engagements/themes", { intent: "add", name: "" }, { user: officer })).status).toBe(400);
    const list = await readJson(await runLoader(themesLoader, "/engagements/themes", { user: officer }));
    const theme = list.themes.find((t: { name: string }) => t.name === "Forced criminality");
    expect(theme.engagements).toBe(0);
    expect(
      redirectedTo(
        await runAction(themesAction, "/engagements/themes", { intent: "archive", themeId: String(theme.id) }, { user: officer }),
      ),
    ).toBe("/engagements/themes");
    const form = await readJson(await runLoader(newLoader, "/engagements/new", { user: officer }));
    expect(form.options.themes.map((t: { name: string }) => t.name)).not.toContain("Forced criminality");
    expect(
      redirectedTo(
        await runAction(themesAction, "/engagements/themes", { intent: "restore", themeId: String(theme.id) }, { user: officer }),
      ),
    ).toBe("/engagements/themes");
    expect((await runAction(themesAction, "/engagements/themes", { intent: "archive", themeId: "999999" }, { user: officer })).status).toBe(
      404,
    );
    expect((await runAction(themesAction, "/engagements/themes", { intent: "explode" }, { user: officer })).status).toBe(400);
  });
});

describe("demo marking", () => {
  it("engagements recorded through the form are not demo data", async () => {
    const id = await record(commonCase());
    expect(db().select({ isDemo: engagements.isDemo }).from(engagements).where(eq(engagements.id, id)).get()!.isDemo).toBe(false);
  });
});

// ---- who may do what ---------------------------------------------------------------------------

let matrixEngagement = 0;
let matrixAction = 0;
function matrixIds() {
  if (!matrixEngagement) {
    const { engagement, actions: made } = insertEngagement({
      title: "Matrix meeting",
      actions: [{ kind: "commitment", description: "Matrix commitment" }],
    });
    matrixEngagement = engagement.id;
    matrixAction = made[0].id;
  }
  return { engagementId: String(matrixEngagement), actionId: String(matrixAction) };
}

describeRoleMatrix("engagements", [
  { name: "GET /engagements", minRole: "viewer", run: (user) => runLoader(listLoader, "/engagements", { user }) },
  { name: "GET /engagements/ID", minRole: "viewer", run: (user) => runLoader(viewLoader, "/x", { user, params: matrixIds() }) },
  { name: "GET /engagements/ID/history", minRole: "viewer", run: (user) => runLoader(historyLoader, "/x", { user, params: matrixIds() }) },
  { name: "GET /engagements/themes", minRole: "viewer", run: (user) => runLoader(themesLoader, "/engagements/themes", { user }) },
  {
    name: "POST /engagements/themes",
    minRole: "officer",
    run: (user) => runAction(themesAction, "/engagements/themes", { intent: "add", name: "" }, { user }),
  },
  { name: "GET /engagements/new", minRole: "officer", run: (user) => runLoader(newLoader, "/engagements/new", { user }) },
  { name: "POST /engagements/new", minRole: "officer", run: (user) => runAction(newAction, "/engagements/new", { title: "" }, { user }) },
  { name: "GET /engagements/ID/edit", minRole: "officer", run: (user) => runLoader(editLoader, "/x", { user, params: matrixIds() }) },
  {
    name: "POST /engagements/ID/edit",
    minRole: "officer",
    run: (user) => runAction(editAction, "/x", { title: "" }, { user, params: matrixIds() }),
  },
  { name: "GET /engagements/ID/archive", minRole: "officer", run: (user) => runLoader(archiveLoader, "/x", { user, params: matrixIds() }) },
  {
    name: "POST /engagements/ID/archive",
    minRole: "officer",
    run: (user) => runAction(archiveAction, "/x", { version: "x" }, { user, params: matrixIds() }),
  },
  { name: "GET /engagements/ID/restore", minRole: "officer", run: (user) => runLoader(restoreLoader, "/x", { user, params: matrixIds() }) },
  {
    name: "POST /engagements/ID/restore",
    minRole: "officer",
    run: (user) => runAction(restoreAction, "/x", { version: "x" }, { user, params: matrixIds() }),
  },
  {
    name: "GET /actions/ID (from the engagement page)",
    minRole: "viewer",
    run: (user) => runLoader(actionPageLoader, "/x?returnTo=/engagements", { user, params: { actionId: matrixIds().actionId } }),
  },
  {
    name: "POST /actions/ID (from the engagement page)",
    minRole: "officer",
    run: (user) =>
      runAction(actionPageAction, "/x", { version: "x", returnTo: "/engagements" }, { user, params: { actionId: matrixIds().actionId } }),
  },
]);
