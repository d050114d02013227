import { count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { addContact, getContact, listContacts } from "~/models/contact.server";
import { loader as pageLoader } from "~/routes/organisations.$slug._index";
import { action as editAction, loader as editLoader } from "~/routes/organisations.$slug.contacts.$contactId.edit";
import { action as removeAction, loader as removeLoader } from "~/routes/organisations.$slug.contacts.$contactId.remove";
import { action as newAction, loader as newLoader } from "~/routes/organisations.$slug.contacts.new";
import { loader as historyLoader } from "~/routes/organisations.$slug.history";
import { db } from "~db/connection";
import { attendees, auditEvents, contacts } from "~db/schema";
import { insertEngagement, organisationId } from "../support/fixtures";
import { expectRefusedWithoutWrites } from "../support/refusals";
import { readJson, redirectedTo, runAction, runLoader, signedInAs } from "../support/requests";
import { describeRoleMatrix } from "../support/role-matrix";

function countRows() {
  return {
    contacts: db().select({ n: count() }).from(contacts).get()!.n,
    audit: db().select({ n: count() }).from(auditEvents).get()!.n,
  };
}

function contactAudit(contactId: number) {
  return db()
    .select()
    .from(auditEvents)
    .where(eq(auditEvents.entityId, String(contactId)))
    .all()
    .filter((e) => e.entityType === "contact");
}

function contactRow(id: number) {
  return db().select().from(contacts).where(eq(contacts.id, id)).get();
}

const valid = {
  name: "Catherine De Bolle",
  roleTitle: "Executive Director",
  email: "Director@Example.EU",
  phone: "+31 (0)70 302-5000",
  inPost: "yes",
};

async function officerActor() {
  const officer = await signedInAs("officer");
  return { user: officer, actor: { id: officer.id, email: officer.email, role: officer.role } };
}

function editForm(contactId: number): Record<string, string> {
  const c = contactRow(contactId)!;
  return {
    name: c.name,
    roleTitle: c.roleTitle ?? "",
    email: c.email ?? "",
    phone: c.phone ?? "",
    inPost: c.inPost ? "yes" : "no",
    version: String(c.version),
  };
}

function expectRefused(run: () => Promise<Response>, field: string, message?: RegExp) {
  return expectRefusedWithoutWrites(countRows, run, field, message);
}

describe("adding a contact", () => {
  it("the form is for the organisation named in the address", async () => {
    const body = await readJson(await runLoader(newLoader, "/x", { user: await signedInAs("officer"), params: { slug: "europol" } }));
    expect(body.organisation.name).toBe("European Union Agency for Law Enforcement Cooperation");
    expect((await runLoader(newLoader, "/x", { user: await signedInAs("officer"), params: { slug: "nope" } })).status).toBe(404);
  });

  it("adds the contact to the organisation's page and audits it without naming them in the summary", async () => {
    const officer = await signedInAs("officer");
    const before = countRows();
    const response = await runAction(newAction, "/organisations/europol/contacts/new", valid, {
      user: officer,
      params: { slug: "europol" },
    });
    expect(redirectedTo(response)).toBe("/organisations/europol#contacts");
    expect(countRows()).toEqual({ contacts: before.contacts + 1, audit: before.audit + 1 });
    const [contact] = listContacts(organisationId("europol"));
    expect(contact).toMatchObject({
      name: "Catherine De Bolle",
      roleTitle: "Executive Director",
      email: "director@example.eu",
      phone: "+31 (0)70 302-5000",
      inPost: true,
      version: 1,
    });
    const [event] = contactAudit(contact.id);
    expect(event).toMatchObject({
      action: "create",
      summary: "Contact added to European Union Agency for Law Enforcement Cooperation",
      actorUserId: officer.id,
    });
    expect(JSON.parse(event.after!)).toMatchObject({ name: "Catherine De Bolle", email: "director@example.eu", inPost: true });

    const page = await readJson(await runLoader(pageLoader, "/x", { user: await signedInAs("viewer"), params: { slug: "europol" } }));
    expect(page.contacts.map((c: { name: string }) => c.name)).toEqual(["Catherine De Bolle"]);
  });

  it("only the name and whether they are in post are required", async () => {
    const officer = await signedInAs("officer");
    const response = await runAction(
      newAction,
      "/x",
      { name: "Duty officer", inPost: "no", roleTitle: "", email: "", phone: "" },
      { user: officer, params: { slug: "interpol" } },
    );
    expect(redirectedTo(response)).toBe("/organisations/interpol#contacts");
    expect(listContacts(organisationId("interpol"))[0]).toMatchObject({
      name: "Duty officer",
      roleTitle: null,
      email: null,
      phone: null,
      inPost: false,
    });
  });

  describe("refuses bad input with a message at the field, keeps the input, and writes nothing", () => {
    const params = { slug: "eurojust" };
    it("empty", async () => {
      const officer = await signedInAs("officer");
      const body = await expectRefused(() => runAction(newAction, "/x", {}, { user: officer, params }), "name", /Enter the contact's name/);
      expect(body.fieldErrors.inPost).toBe("Select whether they are still in post");
    });

    it("over-long", async () => {
      const officer = await signedInAs("officer");
      const body = await expectRefused(
        () => runAction(newAction, "/x", { ...valid, name: "n".repeat(100_000) }, { user: officer, params }),
        "name",
        /120 characters or fewer/,
      );
      expect(body.values.roleTitle).toBe("Executive Director");
      await expectRefused(
        () => runAction(newAction, "/x", { ...valid, roleTitle: "r".repeat(201) }, { user: officer, params }),
        "roleTitle",
        /200 characters/,
      );
      await expectRefused(
        () => runAction(newAction, "/x", { ...valid, phone: "0".repeat(31) }, { user: officer, params }),
        "phone",
        /30 characters/,
      );
    });

    it("wrongly typed values", async () => {
      const officer = await signedInAs("officer");
      await expectRefused(
        () => runAction(newAction, "/x", { ...valid, email: "not an email" }, { user: officer, params }),
        "email",
        /correct format/,
      );
      await expectRefused(
        () => runAction(newAction, "/x", { ...valid, phone: "call me maybe" }, { user: officer, params }),
        "phone",
        /only numbers/,
      );
      await expectRefused(() => runAction(newAction, "/x", { ...valid, inPost: "perhaps" }, { user: officer, params }), "inPost");
    });

    it("hostile values", async () => {
      const officer = await signedInAs("officer");
      const body = await expectRefused(
        () => runAction(newAction, "/x", { ...valid, name: "<script>alert(1)</script>" }, { user: officer, params }),
        "name",
        /< or >/,
      );
      expect(body.values.name).toBe("<script>alert(1)</script>");
      await expectRefused(
        () => runAction(newAction, "/x", { ...valid, phone: "'; DROP TABLE contacts; --" }, { user: officer, params }),
        "phone",
      );
      await expectRefused(
        () => runAction(newAction, "/x", { ...valid, email: "x@y.org'; DROP TABLE contacts; --" }, { user: officer, params }),
        "email",
      );
      await expectRefused(() => runAction(newAction, "/x", { ...valid, inPost: "yes' OR 1=1 --" }, { user: officer, params }), "inPost");
    });
  });
});

describe("editing a contact", () => {
  it("loads the saved values", async () => {
    const { user, actor } = await officerActor();
    const contact = await addContact({
      organisationId: organisationId("npcc"),
      input: { name: "Becky Riggs", roleTitle: "NPCC lead", inPost: true },
      actor,
    });
    const body = await readJson(await runLoader(editLoader, "/x", { user, params: { slug: "npcc", contactId: String(contact.id) } }));
    expect(body.initial).toEqual({ name: "Becky Riggs", roleTitle: "NPCC lead", email: "", phone: "", inPost: "yes" });
    expect(body.contact.version).toBe(1);
  });

  it("saves the change and audits the changed fields", async () => {
    const { user, actor } = await officerActor();
    const contact = await addContact({
      organisationId: organisationId("college-of-policing"),
      input: { name: "Sam Lead", roleTitle: "Lead", inPost: true },
      actor,
    });
    const params = { slug: "college-of-policing", contactId: String(contact.id) };
    const response = await runAction(
      editAction,
      "/x",
      { ...editForm(contact.id), roleTitle: "Former lead", inPost: "no" },
      { user, params },
    );
    expect(redirectedTo(response)).toBe("/organisations/college-of-policing#contacts");
    expect(contactRow(contact.id)).toMatchObject({ roleTitle: "Former lead", inPost: false, version: 2 });
    const event = contactAudit(contact.id).at(-1)!;
    expect(event.action).toBe("update");
    expect(event.summary).toBe("Contact at College of Policing updated");
    expect(JSON.parse(event.before!)).toEqual({ roleTitle: "Lead", inPost: true });
    expect(JSON.parse(event.after!)).toEqual({ roleTitle: "Former lead", inPost: false });
  });

  it("a stale version changes nothing and shows what changed, keeping the input", async () => {
    const { user, actor } = await officerActor();
    const contact = await addContact({ organisationId: organisationId("hmicfrs"), input: { name: "Inspector Ana", inPost: true }, actor });
    const params = { slug: "hmicfrs", contactId: String(contact.id) };
    const stale = editForm(contact.id);
    await runAction(editAction, "/x", { ...stale, phone: "020 7946 0000" }, { user, params });
    const saved = contactRow(contact.id);
    const before = countRows();
    const response = await runAction(editAction, "/x", { ...stale, roleTitle: "HM Inspector" }, { user, params });
    expect(response.status).toBe(409);
    const body = await readJson(response);
    expect(body.values.roleTitle).toBe("HM Inspector");
    expect(body.conflict.version).toBe(2);
    expect(body.conflict.changes).toEqual(
      expect.arrayContaining([
        { field: "roleTitle", label: "Role title", saved: "None", yours: "HM Inspector" },
        { field: "phone", label: "Phone number", saved: "020 7946 0000", yours: "None" },
      ]),
    );
    expect(contactRow(contact.id)).toEqual(saved);
    expect(countRows()).toEqual(before);
  });

  it("refuses bad input and a tampered version, writing nothing", async () => {
    const { user, actor } = await officerActor();
    const contact = await addContact({ organisationId: organisationId("glaa"), input: { name: "Labour inspector", inPost: true }, actor });
    const params = { slug: "glaa", contactId: String(contact.id) };
    await expectRefused(() => runAction(editAction, "/x", { ...editForm(contact.id), name: "" }, { user, params }), "name");
    await expectRefused(() => runAction(editAction, "/x", { ...editForm(contact.id), email: "<script>@x" }, { user, params }), "email");
    await expectRefused(
      () => runAction(editAction, "/x", { ...editForm(contact.id), version: "'; DROP TABLE contacts; --" }, { user, params }),
      "version",
    );
    expect(contactRow(contact.id)!.version).toBe(1);
  });

  it("a contact of another organisation, an unknown id or a malformed id is not found", async () => {
    const { user, actor } = await officerActor();
    const contact = await addContact({
      organisationId: organisationId("border-force"),
      input: { name: "Border officer", inPost: true },
      actor,
    });
    const form = editForm(contact.id);
    for (const params of [
      { slug: "home-office", contactId: String(contact.id) },
      { slug: "border-force", contactId: "999999" },
      { slug: "border-force", contactId: "abc" },
      { slug: "border-force", contactId: "1 OR 1=1" },
      { slug: "nope", contactId: String(contact.id) },
    ]) {
      expect((await runLoader(editLoader, "/x", { user, params })).status).toBe(404);
      expect((await runAction(editAction, "/x", { ...form, name: "Changed" }, { user, params })).status).toBe(404);
      expect((await runLoader(removeLoader, "/x", { user, params })).status).toBe(404);
      expect((await runAction(removeAction, "/x", {}, { user, params })).status).toBe(404);
    }
    expect(contactRow(contact.id)).toMatchObject({ name: "Border officer", version: 1 });
  });
});

describe("removing a contact erases them", () => {
  it("deletes the row, redacts their earlier audit events and records the removal without personal data", async () => {
    const { user, actor } = await officerActor();
    const orgId = organisationId("crown-prosecution-service");
    const contact = await addContact({
      organisationId: orgId,
      input: {
        name: "Priya Erasable",
        roleTitle: "Modern slavery lead",
        email: "priya@example.gov.uk",
        phone: "0207 000 0000",
        inPost: true,
      },
      actor,
    });
    const keeper = await addContact({ organisationId: orgId, input: { name: "Kept Person", inPost: true }, actor });
    const params = { slug: "crown-prosecution-service", contactId: String(contact.id) };
    await runAction(editAction, "/x", { ...editForm(contact.id), roleTitle: "Deputy lead" }, { user, params });
    const { engagement } = insertEngagement({ organisationSlugs: ["crown-prosecution-service"] });
    db()
      .insert(attendees)
      .values({ engagementId: engagement.id, position: 0, contactId: contact.id, side: "stakeholder", roleTitle: "Deputy lead" })
      .run();

    const confirm = await readJson(await runLoader(removeLoader, "/x", { user, params }));
    expect(confirm.contact.name).toBe("Priya Erasable");

    const before = countRows();
    const response = await runAction(removeAction, "/x", {}, { user, params });
    expect(redirectedTo(response)).toBe("/organisations/crown-prosecution-service#contacts");
    expect(getContact({ organisationId: orgId, contactId: contact.id })).toBeUndefined();
    expect(countRows()).toEqual({ contacts: before.contacts - 1, audit: before.audit + 1 });

    const events = contactAudit(contact.id);
    expect(events.map((e) => e.action)).toEqual(["create", "update", "delete"]);
    for (const e of events.slice(0, 2)) {
      expect(e.after).toBe('{"redacted":"erased"}');
      if (e.before !== null) expect(e.before).toBe('{"redacted":"erased"}');
    }
    const removal = events[2];
    expect(removal.summary).toBe("Contact removed from Crown Prosecution Service");
    expect(removal.entityId).toBe(String(contact.id));

    // Their personal data is nowhere in the audit trail any more.
    const everything = JSON.stringify(db().select().from(auditEvents).all());
    for (const personal of ["Priya", "priya@example.gov.uk", "0207 000 0000", 'Deputy lead"', "Modern slavery lead"])
      expect(everything).not.toContain(personal);

    // Others' events are untouched, and the engagement keeps an anonymous attendee line.
    expect(JSON.parse(contactAudit(keeper.id)[0].after!)).toMatchObject({ name: "Kept Person" });
    const attendee = db().select().from(attendees).where(eq(attendees.engagementId, engagement.id)).get()!;
    expect(attendee).toMatchObject({ contactId: null, name: "Former contact (details erased)" });

    // The organisation's history still shows that a contact was added, changed and removed.
    const history = await readJson(
      await runLoader(historyLoader, "/x", { user: await signedInAs("viewer"), params: { slug: "crown-prosecution-service" } }),
    );
    const summaries = history.events.map((e: { summary: string }) => e.summary);
    expect(summaries.slice(0, 4)).toEqual([
      "Contact removed from Crown Prosecution Service",
      "Contact at Crown Prosecution Service updated",
      "Contact added to Crown Prosecution Service",
      "Contact added to Crown Prosecution Service",
    ]);
    expect(history.events[1].erased).toBe(true);
    expect(history.events[1].changes).toEqual([]);
  });
});

describe("contacts are listed by name", () => {
  it("lists one organisation's contacts alphabetically", async () => {
    const { actor } = await officerActor();
    const orgId = organisationId("ng-naptip");
    for (const name of ["Zainab", "Adaeze", "Musa"]) await addContact({ organisationId: orgId, input: { name, inPost: true }, actor });
    expect(listContacts(orgId).map((c) => c.name)).toEqual(["Adaeze", "Musa", "Zainab"]);
  });
});

async function matrixContact(slug: string) {
  const { actor } = await officerActor();
  return addContact({ organisationId: organisationId(slug), input: { name: "Matrix contact", inPost: true }, actor });
}

describeRoleMatrix("contacts", [
  {
    name: "GET /organisations/europol/contacts/new",
    minRole: "officer",
    run: (user) => runLoader(newLoader, "/x", { user, params: { slug: "europol" } }),
  },
  {
    name: "POST /organisations/europol/contacts/new",
    minRole: "officer",
    run: (user) => runAction(newAction, "/x", valid, { user, params: { slug: "europol" } }),
  },
  {
    name: "GET /organisations/europol/contacts/:id/edit",
    minRole: "officer",
    run: async (user) =>
      runLoader(editLoader, "/x", { user, params: { slug: "europol", contactId: String((await matrixContact("europol")).id) } }),
  },
  {
    name: "POST /organisations/europol/contacts/:id/edit",
    minRole: "officer",
    run: async (user) => {
      const c = await matrixContact("europol");
      return runAction(
        editAction,
        "/x",
        { ...editForm(c.id), roleTitle: "Changed" },
        { user, params: { slug: "europol", contactId: String(c.id) } },
      );
    },
  },
  {
    name: "GET /organisations/europol/contacts/:id/remove",
    minRole: "officer",
    run: async (user) =>
      runLoader(removeLoader, "/x", { user, params: { slug: "europol", contactId: String((await matrixContact("europol")).id) } }),
  },
  {
    name: "POST /organisations/europol/contacts/:id/remove",
    minRole: "officer",
    run: async (user) =>
      runAction(removeAction, "/x", {}, { user, params: { slug: "europol", contactId: String((await matrixContact("europol")).id) } }),
  },
]);
