// Control characters refused at the field on every create and edit form (nothing written), and creates made
// idempotent by the form's one-time key (two posts of the same form make one record).
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~db/connection";
import { newCreateKey } from "~/models/create-keys.server";
import { purgeExpiredRecords } from "~/models/housekeeping.server";
import { editEngagementSchema, newEngagementSchema } from "~/forms/engagement";
import { action as newEngagementAction, loader as newEngagementLoader } from "~/routes/engagements.new";
import { action as themesAction } from "~/routes/engagements.themes";
import { action as newOrganisationAction, loader as newOrganisationLoader } from "~/routes/organisations.new";
import { action as editOrganisationAction } from "~/routes/organisations.$slug.edit";
import { action as newContactAction, loader as newContactLoader } from "~/routes/organisations.$slug.contacts.new";
import { action as editContactAction } from "~/routes/organisations.$slug.contacts.$contactId.edit";
import { action as newUserAction, loader as newUserLoader } from "~/routes/admin.users.new";
import { action as editUserAction } from "~/routes/admin.users.$userId.edit";
import { action as actionPageAction } from "~/routes/actions.$actionId";
import { insertContact, insertEngagement, organisationId } from "../support/fixtures";
import { readJson, redirectedTo, runAction, runLoader, signedInAs, type TestUser } from "../support/requests";

type Body = Record<string, string>;

let officer: TestUser;
let admin: TestUser;
beforeAll(async () => {
  officer = await signedInAs("officer", "hygiene");
  admin = await signedInAs("admin", "hygiene");
});

const TABLES = ["audit_events", "engagements", "organisations", "contacts", "users", "themes", "actions", "create_keys"];
const rowCounts = () => TABLES.map((t) => db().$client.prepare(`SELECT count(*) FROM ${t}`).pluck().get());

function newEngagement(overrides: Body = {}): Body {
  return {
    intent: "save",
    title: "Meeting with the NCA",
    kind: "meeting",
    status: "held",
    "date-day": "20",
    "date-month": "11",
    "date-year": "2026",
    "organisations.0.organisationId": String(organisationId("national-crime-agency")),
    leadUserId: String(officer.id),
    ...overrides,
  };
}

const newOrganisation = (overrides: Body = {}): Body => ({
  name: "Hygiene Test Unit",
  kind: "national_policing_body",
  nation: "UK",
  ...overrides,
});
const newContact = (overrides: Body = {}): Body => ({ name: "Sam Example", roleTitle: "Analyst", inPost: "yes", ...overrides });
const newUser = (overrides: Body = {}): Body => ({
  name: "Nadia New",
  email: "nadia.new@example.org",
  role: "viewer",
  password: "a long enough passphrase",
  confirmPassword: "a long enough passphrase",
  ...overrides,
});

/** Post the form with `bad` in one field: 400, the message at that field, nothing written. */
async function expectRefusedAt(run: () => Promise<Response>, field: string, message: string) {
  const before = rowCounts();
  const response = await run();
  expect(response.status).toBe(400);
  expect((await readJson(response)).fieldErrors[field]).toBe(message);
  expect(rowCounts()).toEqual(before);
}

describe("control characters", () => {
  it("a one-line field refuses CR, LF and any control character; a NUL is refused everywhere", async () => {
    const engagement = (body: Body) => () => runAction(newEngagementAction, "/engagements/new", newEngagement(body), { user: officer });
    await expectRefusedAt(engagement({ title: "Meeting\r\nwith the NCA" }), "title", "Title must be one line");
    await expectRefusedAt(engagement({ title: "Meeting\nwith" }), "title", "Title must be one line");
    await expectRefusedAt(engagement({ title: "Meeting\u0000" + "x" }), "title", "Title must not contain control characters");
    await expectRefusedAt(engagement({ location: "Room 1\rRoom 2" }), "location", "Location must be one line");
    await expectRefusedAt(engagement({ country: "UK\u0085" }), "country", "Country must not contain control characters");
    await expectRefusedAt(
      engagement({ purpose: "Two\nlines are fine; a NUL\u0000 is not" }),
      "purpose",
      "Purpose must not contain control characters",
    );
    await expectRefusedAt(engagement({ newTheme: "Theme\ttab" }), "newTheme", "New theme must not contain control characters");
    await expectRefusedAt(
      engagement({ "attendees.0.person": "other", "attendees.0.name": "Jane\nSmith", "attendees.0.side": "stakeholder" }),
      "attendees.0.name",
      "Name must be one line",
    );
    await expectRefusedAt(
      engagement({ "agenda.0.key": "a1", "agenda.0.title": "Topic\r\none", "agenda.0.notes": "Notes\non two lines" }),
      "agenda.0.title",
      "Topic must be one line",
    );
    await expectRefusedAt(
      engagement({ "agenda.0.key": "a1", "agenda.0.title": "Topic", "agenda.0.notes": "Notes\u0000" }),
      "agenda.0.notes",
      "Notes must not contain control characters",
    );

    const organisation = (body: Body) => () =>
      runAction(newOrganisationAction, "/organisations/new", newOrganisation(body), { user: officer });
    await expectRefusedAt(organisation({ name: "Unit\r\nTwo" }), "name", "The organisation's name must be one line");
    await expectRefusedAt(organisation({ shortName: "U\u0000" }), "shortName", "Short name must not contain control characters");
    await expectRefusedAt(organisation({ nation: "U\nK" }), "nation", "The nation or country must be one line");
    await expectRefusedAt(organisation({ website: "example.org/\u0000" }), "website", "Website must not contain control characters");
    await expectRefusedAt(organisation({ notes: "Bell\u0007" }), "notes", "Notes must not contain control characters");

    const slug = "europol";
    const contact = (body: Body) => () => runAction(newContactAction, "/x", newContact(body), { user: officer, params: { slug } });
    await expectRefusedAt(contact({ name: "Sam\nExample" }), "name", "The contact's name must be one line");
    await expectRefusedAt(contact({ roleTitle: "Analyst\u001b[31m" }), "roleTitle", "Role title must not contain control characters");

    const contactId = insertContact(slug, "Kept Contact");
    await expectRefusedAt(
      () =>
        runAction(
          editContactAction,
          "/x",
          { ...newContact({ name: "Kept\r\nContact" }), version: "1" },
          {
            user: officer,
            params: { slug, contactId: String(contactId) },
          },
        ),
      "name",
      "The contact's name must be one line",
    );
    await expectRefusedAt(
      () =>
        runAction(
          editOrganisationAction,
          "/x",
          { ...newOrganisation({ name: "Europol\nTwo" }), version: "1" },
          { user: officer, params: { slug } },
        ),
      "name",
      "The organisation's name must be one line",
    );

    await expectRefusedAt(
      () => runAction(newUserAction, "/admin/users/new", newUser({ name: "Nadia\nNew" }), { user: admin }),
      "name",
      "The person's full name must be one line",
    );
    await expectRefusedAt(
      () =>
        runAction(
          editUserAction,
          "/x",
          { name: "Renamed\u0000", email: officer.email, role: "officer", version: "1" },
          {
            user: admin,
            params: { userId: String(officer.id) },
          },
        ),
      "name",
      "The person's full name must not contain control characters",
    );
    await expectRefusedAt(
      () => runAction(themesAction, "/engagements/themes", { intent: "add", name: "Theme\r\nname" }, { user: admin }),
      "name",
      "The theme's name must be one line",
    );
  });

  it("the action page's notes may run over lines but refuse control characters; a named owner is one line", async () => {
    const { actions } = insertEngagement({
      createdById: officer.id,
      leadUserId: officer.id,
      actions: [{ ownerType: "office", ownerUserId: officer.id, description: "Send it" }],
    });
    const actionId = actions[0].id;
    const post = (body: Body) => () =>
      runAction(actionPageAction, "/x", { version: "1", ...body }, { user: officer, params: { actionId: String(actionId) } });
    await expectRefusedAt(
      post({ intent: "done", closingNote: "Sent\u0000" }),
      "closingNote",
      "Closing note saying what was done must not contain control characters",
    );
    await expectRefusedAt(
      post({ intent: "drop", reason: "No\u0008" }),
      "reason",
      "The reason for dropping it must not contain control characters",
    );
    await expectRefusedAt(
      post({ intent: "reassign", owner: "stakeholder", ownerName: "Jane\nSmith" }),
      "ownerName",
      "The name of the person must be one line",
    );
    const done = await runAction(
      actionPageAction,
      "/x",
      { version: "1", intent: "done", closingNote: "Sent on Monday.\r\nConfirmed\tby phone." },
      { user: officer, params: { actionId: String(actionId) } },
    );
    expect(done.status).toBe(302);
  });

  it("the engagement edit form reads with the same rules as the new one", () => {
    for (const schema of [newEngagementSchema, editEngagementSchema]) {
      const result = schema.safeParse({ ...newEngagement({ title: "A\nB" }), version: "1", loadedActions: "", baseline: "{}" });
      expect(result.success).toBe(false);
      expect(result.error?.issues.find((i) => i.path[0] === "title")?.message).toBe("Title must be one line");
    }
  });
});

describe("creates are idempotent", () => {
  it("two simultaneous posts of the same engagement form make one engagement, and both land on it", async () => {
    const { createKey } = await readJson(await runLoader(newEngagementLoader, "/engagements/new", { user: officer }));
    expect(createKey).toMatch(/^[0-9a-f-]{36}$/);
    const count = () => db().$client.prepare("SELECT count(*) FROM engagements WHERE title = ?").pluck().get("Posted twice");
    const body = newEngagement({ title: "Posted twice", createKey });
    const [first, second] = await Promise.all([
      runAction(newEngagementAction, "/engagements/new", body, { user: officer }),
      runAction(newEngagementAction, "/engagements/new", body, { user: officer }),
    ]);
    expect(count()).toBe(1);
    expect(redirectedTo(first)).toMatch(/^\/engagements\/\d+$/);
    expect(redirectedTo(second)).toBe(redirectedTo(first));
    // A new form (a new key) records a second one: the key stops repeats, not the same content.
    await runAction(newEngagementAction, "/engagements/new", { ...body, createKey: newCreateKey() }, { user: officer });
    expect(count()).toBe(2);
    // Another person cannot reach someone's record by sending their key.
    const other = await signedInAs("officer", "other-keyholder");
    const theirs = await runAction(newEngagementAction, "/engagements/new", body, { user: other });
    expect(redirectedTo(theirs)).not.toBe(redirectedTo(first));
    expect(count()).toBe(3);
  });

  it("an organisation, a contact and an account posted twice are made once", async () => {
    const orgKey = (await readJson(await runLoader(newOrganisationLoader, "/organisations/new", { user: officer }))).createKey;
    const orgBody = newOrganisation({ name: "Twice Posted Unit", createKey: orgKey });
    const orgs = await Promise.all([1, 2].map(() => runAction(newOrganisationAction, "/organisations/new", orgBody, { user: officer })));
    expect(db().$client.prepare("SELECT count(*) FROM organisations WHERE name = 'Twice Posted Unit'").pluck().get()).toBe(1);
    expect(redirectedTo(orgs[1])).toBe(redirectedTo(orgs[0]));

    const params = { slug: "europol" };
    const contactKey = (await readJson(await runLoader(newContactLoader, "/x", { user: officer, params }))).createKey;
    const contactBody = newContact({ name: "Twice Posted Person", createKey: contactKey });
    await Promise.all([1, 2].map(() => runAction(newContactAction, "/x", contactBody, { user: officer, params })));
    expect(db().$client.prepare("SELECT count(*) FROM contacts WHERE name = 'Twice Posted Person'").pluck().get()).toBe(1);

    const userKey = (await readJson(await runLoader(newUserLoader, "/admin/users/new", { user: admin }))).createKey;
    const userBody = newUser({ email: "twice.posted@example.org", createKey: userKey });
    const users = await Promise.all([1, 2].map(() => runAction(newUserAction, "/admin/users/new", userBody, { user: admin })));
    expect(redirectedTo(users[0])).toMatch(/^\/admin\/users\/\d+$/);
    expect(redirectedTo(users[1])).toBe(redirectedTo(users[0]));
  });

  it("keys older than a day are purged by housekeeping", async () => {
    const before = db().$client.prepare("SELECT count(*) FROM create_keys").pluck().get() as number;
    expect(before).toBeGreaterThan(0);
    const result = await purgeExpiredRecords({ now: new Date(Date.now() + 25 * 3600_000) });
    expect(result.createKeys).toBe(before);
    expect(db().$client.prepare("SELECT count(*) FROM create_keys").pluck().get()).toBe(0);
  });
});
