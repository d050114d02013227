import { count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { listOrganisationOptions } from "~/models/organisation/read.server";
import { formatDate, formatDateTime, ORGANISATION_KIND_LABELS, organisationKindLabel } from "~/domain/format";
import { action as archiveAction, loader as archiveLoader } from "~/routes/organisations.$slug.archive";
import { loader as pageLoader } from "~/routes/organisations.$slug._index";
import { action as editAction, loader as editLoader } from "~/routes/organisations.$slug.edit";
import { loader as historyLoader } from "~/routes/organisations.$slug.history";
import { action as restoreAction, loader as restoreLoader } from "~/routes/organisations.$slug.restore";
import { loader as listLoader } from "~/routes/organisations._index";
import { action as newAction, loader as newLoader } from "~/routes/organisations.new";
import { db } from "~db/connection";
import { auditEvents, organisations } from "~db/schema";
import { organisationId } from "../support/fixtures";
import { expectRefusedWithoutWrites } from "../support/refusals";
import { readJson, redirectedTo, runAction, runLoader, signedInAs, type TestUser } from "../support/requests";
import { describeRoleMatrix } from "../support/role-matrix";

// ---- helpers ------------------------------------------------------------------

function countRows() {
  return {
    organisations: db().select({ n: count() }).from(organisations).get()!.n,
    audit: db().select({ n: count() }).from(auditEvents).get()!.n,
  };
}

function organisationRow(slug: string) {
  return db().select().from(organisations).where(eq(organisations.slug, slug)).get()!;
}

function auditOf(id: number) {
  return db()
    .select()
    .from(auditEvents)
    .where(eq(auditEvents.entityId, String(id)))
    .all()
    .filter((e) => e.entityType === "organisation");
}

async function list(query: string, user?: TestUser) {
  const response = await runLoader(listLoader, `/organisations${query}`, { user: user ?? (await signedInAs("viewer")) });
  expect(response.status).toBe(200);
  return readJson<{
    organisations: { slug: string; name: string; shortName: string | null; kind: string; nation: string }[];
    canEdit: boolean;
  }>(response);
}

/** The edit form's fields for a saved organisation, as the form would post them. */
function formOf(slug: string): Record<string, string> {
  const o = organisationRow(slug);
  return {
    name: o.name,
    shortName: o.shortName ?? "",
    kind: o.kind,
    nation: o.nation,
    parentId: o.parentId ? String(o.parentId) : "",
    forceId: o.forceId ? String(o.forceId) : "",
    website: o.website ?? "",
    notes: o.notes ?? "",
    version: String(o.version),
  };
}

const validNew = {
  name: "Joint Slavery and Trafficking Analysis Centre",
  shortName: "JSTAC",
  kind: "national_policing_body",
  nation: "UK",
  parentId: "",
  forceId: "",
  website: "https://www.example.gov.uk/jstac",
  notes: "Analysis centre.\nSecond line.",
};

/** Posting to a route must fail with 400, keep the input, and write nothing at all. */
function expectRefused(run: () => Promise<Response>, field: string, message?: RegExp) {
  return expectRefusedWithoutWrites(countRows, run, field, message);
}

// ---- the list ---------------------------------------------------------------

describe("the organisations list", () => {
  it("a viewer sees all 113 reference organisations, ordered by name", async () => {
    const { organisations: rows, canEdit } = await list("");
    expect(rows).toHaveLength(113);
    const names = rows.map((r) => r.name);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(canEdit).toBe(false);
  });

  it("an officer is offered the add button", async () => {
    expect((await list("", await signedInAs("officer"))).canEdit).toBe(true);
  });

  it("filters by kind", async () => {
    const { organisations: rows } = await list("?kind=police_force");
    expect(rows.length).toBe(47);
    expect(rows.every((r) => r.kind === "police_force")).toBe(true);
  });

  it("filters by nation", async () => {
    const { organisations: rows } = await list("?nation=Wales");
    expect(rows.length).toBe(8);
    expect(rows.every((r) => r.nation === "Wales")).toBe(true);
  });

  it("combines kind and nation", async () => {
    const { organisations: rows } = await list("?kind=pcc&nation=Wales");
    expect(rows.map((r) => r.kind)).toEqual(["pcc", "pcc", "pcc", "pcc"]);
  });

  it("searches the short name: NCA finds the National Crime Agency", async () => {
    const { organisations: rows } = await list("?q=NCA");
    expect(rows.map((r) => r.slug)).toContain("national-crime-agency");
  });

  it("puts an exact short-name match first: NCA before Lancashire, which contains 'nca'", async () => {
    const { organisations: rows } = await list("?q=nca");
    expect(rows.length).toBeGreaterThan(1);
    expect(rows[0].slug).toBe("national-crime-agency");
  });

  it("searches the short name: Europol finds the EU agency whose full name does not contain it", async () => {
    const { organisations: rows } = await list("?q=europol");
    expect(rows.map((r) => r.slug)).toEqual(["europol"]);
  });

  it("searches the name, ignoring case", async () => {
    const { organisations: rows } = await list("?q=crown%20prosecution");
    expect(rows.map((r) => r.slug)).toEqual(["crown-prosecution-service"]);
  });

  it("treats wildcards and SQL in the search as plain text", async () => {
    expect((await list("?q=%25")).organisations).toHaveLength(0);
    expect((await list("?q=_")).organisations).toHaveLength(0);
    expect((await list(`?q=${encodeURIComponent("'; DROP TABLE organisations; --")}`)).organisations).toHaveLength(0);
    expect((await list("")).organisations).toHaveLength(113);
  });

  it("ignores an unknown kind rather than failing", async () => {
    expect((await list("?kind=<script>")).organisations).toHaveLength(113);
  });

  it("hides archived organisations unless asked to show them", async () => {
    const officer = await signedInAs("officer");
    const id = organisationId("ro-anitp");
    await runAction(
      archiveAction,
      "/organisations/ro-anitp/archive",
      { version: String(organisationRow("ro-anitp").version) },
      { user: officer, params: { slug: "ro-anitp" } },
    );
    expect((await list("?q=ANITP")).organisations).toHaveLength(0);
    expect((await list("?q=ANITP&archived=show")).organisations.map((r) => r.slug)).toEqual(["ro-anitp"]);
    expect(listOrganisationOptions().some((o) => o.id === id)).toBe(false);
    await runAction(
      restoreAction,
      "/organisations/ro-anitp/restore",
      { version: String(organisationRow("ro-anitp").version) },
      { user: officer, params: { slug: "ro-anitp" } },
    );
    expect((await list("?q=ANITP")).organisations).toHaveLength(1);
  });
});

// ---- one organisation ---------------------------------------------------------

describe("an organisation's page", () => {
  async function page(slug: string) {
    const response = await runLoader(pageLoader, `/organisations/${slug}`, { user: await signedInAs("viewer"), params: { slug } });
    expect(response.status).toBe(200);
    return (await readJson(response)).organisation;
  }

  it("shows the force a local policing body oversees", async () => {
    const pcc = await page("pcc-lancashire");
    expect(pcc.force.slug).toBe("lancashire-constabulary");
  });

  it("shows a force's local policing body", async () => {
    const force = await page("lancashire-constabulary");
    expect(force.policingBodies.map((b: { slug: string }) => b.slug)).toEqual(["pcc-lancashire"]);
  });

  it("shows the parent and the child bodies", async () => {
    expect((await page("border-force")).parent.slug).toBe("home-office");
    const children = (await page("home-office")).children.map((c: { slug: string }) => c.slug);
    expect(children).toEqual(
      expect.arrayContaining(["border-force", "immigration-enforcement", "glaa", "home-office-modern-slavery-unit"]),
    );
  });

  it("is not found for an unknown slug", async () => {
    const viewer = await signedInAs("viewer");
    for (const slug of ["no-such-body", "<script>", "' OR 1=1 --"]) {
      expect((await runLoader(pageLoader, `/organisations/x`, { user: viewer, params: { slug } })).status).toBe(404);
      expect((await runLoader(historyLoader, `/organisations/x/history`, { user: viewer, params: { slug } })).status).toBe(404);
    }
  });
});

// ---- adding ----------------------------------------------------------------------

describe("adding an organisation", () => {
  it("the form offers parents and only police forces as the force overseen", async () => {
    const response = await runLoader(newLoader, "/organisations/new", { user: await signedInAs("officer") });
    const body = await readJson(response);
    expect(body.parentOptions.length).toBeGreaterThan(100);
    expect(body.forceOptions.every((o: { kind: string }) => o.kind === "police_force")).toBe(true);
    expect(body.hasErrors).toBe(false);
  });

  it("creates it with a slug from its name and audits every field", async () => {
    const officer = await signedInAs("officer");
    const before = countRows();
    const response = await runAction(newAction, "/organisations/new", validNew, { user: officer });
    expect(redirectedTo(response)).toBe("/organisations/joint-slavery-and-trafficking-analysis-centre");
    const row = organisationRow("joint-slavery-and-trafficking-analysis-centre");
    expect(row).toMatchObject({
      name: validNew.name,
      shortName: "JSTAC",
      kind: "national_policing_body",
      nation: "UK",
      version: 1,
      parentId: null,
    });
    expect(countRows()).toEqual({ organisations: before.organisations + 1, audit: before.audit + 1 });
    const [event] = auditOf(row.id);
    expect(event).toMatchObject({ action: "create", actorUserId: officer.id, before: null });
    expect(JSON.parse(event.after!)).toMatchObject({
      name: validNew.name,
      shortName: "JSTAC",
      kind: "national_policing_body",
      website: validNew.website,
    });
  });

  it("makes the slug unique, and never 'new'", async () => {
    const officer = await signedInAs("officer");
    const again = await runAction(newAction, "/organisations/new", { ...validNew, name: "Home Office", shortName: "" }, { user: officer });
    expect(redirectedTo(again)).toBe("/organisations/home-office-2");
    const third = await runAction(
      newAction,
      "/organisations/new",
      { ...validNew, name: "Home  Office!", shortName: "" },
      { user: officer },
    );
    expect(redirectedTo(third)).toBe("/organisations/home-office-3");
    const reserved = await runAction(newAction, "/organisations/new", { ...validNew, name: "New", shortName: "" }, { user: officer });
    expect(redirectedTo(reserved)).toBe("/organisations/new-2");
    const accents = await runAction(
      newAction,
      "/organisations/new",
      { ...validNew, name: "Policía Nacional & Guardia", shortName: "" },
      { user: officer },
    );
    expect(redirectedTo(accents)).toBe("/organisations/policia-nacional-and-guardia");
  });

  it("a local policing body can name the police force it oversees", async () => {
    const officer = await signedInAs("officer");
    const forceId = organisationId("kent-police");
    const response = await runAction(
      newAction,
      "/organisations/new",
      { ...validNew, name: "Kent Police and Crime Panel", kind: "pcc", forceId: String(forceId) },
      { user: officer },
    );
    expect(redirectedTo(response)).toBe("/organisations/kent-police-and-crime-panel");
    expect(organisationRow("kent-police-and-crime-panel").forceId).toBe(forceId);
  });

  describe("refuses bad input with a message at the field, keeps the input, and writes nothing", () => {
    it("empty", async () => {
      const officer = await signedInAs("officer");
      const body = await expectRefused(
        () => runAction(newAction, "/organisations/new", {}, { user: officer }),
        "name",
        /Enter the organisation's name/,
      );
      expect(body.fieldErrors).toMatchObject({ kind: "Select the kind of organisation", nation: "Enter the nation or country" });
      await expectRefused(() => runAction(newAction, "/organisations/new", { ...validNew, name: "   " }, { user: officer }), "name");
    });

    it("over-long", async () => {
      const officer = await signedInAs("officer");
      const notes = "x".repeat(100_000);
      const body = await expectRefused(
        () => runAction(newAction, "/organisations/new", { ...validNew, notes }, { user: officer }),
        "notes",
        /5,000 characters or fewer/,
      );
      expect(body.values.name).toBe(validNew.name);
      expect(body.values.notes).toHaveLength(100_000);
      await expectRefused(
        () => runAction(newAction, "/organisations/new", { ...validNew, name: "n".repeat(201) }, { user: officer }),
        "name",
        /200 characters or fewer/,
      );
      await expectRefused(
        () => runAction(newAction, "/organisations/new", { ...validNew, website: `a.${"b".repeat(200)}.org` }, { user: officer }),
        "website",
        /200 characters/,
      );
    });

    it("a wrongly typed kind", async () => {
      const officer = await signedInAs("officer");
      for (const kind of ["bogus", "1", "'; DROP TABLE organisations; --"]) {
        const body = await expectRefused(
          () => runAction(newAction, "/organisations/new", { ...validNew, kind }, { user: officer }),
          "kind",
          /Select the kind/,
        );
        expect(body.values.kind).toBe(kind);
      }
      await expectRefused(
        () => runAction(newAction, "/organisations/new", { ...validNew, kind: ["pcc", "prosecutor"] }, { user: officer }),
        "kind",
      );
    });

    it("markup in a name, and a script address as the website", async () => {
      const officer = await signedInAs("officer");
      const body = await expectRefused(
        () => runAction(newAction, "/organisations/new", { ...validNew, name: "<script>alert(1)</script>" }, { user: officer }),
        "name",
        /must not contain < or >/,
      );
      expect(body.values.name).toBe("<script>alert(1)</script>");
      for (const website of ["javascript:alert(1)", "https://example.org/<script>", "data:text/html,hi", "not a website"])
        await expectRefused(
          () => runAction(newAction, "/organisations/new", { ...validNew, website }, { user: officer }),
          "website",
          /Enter a website address/,
        );
    });

    it("SQL fragments and unknown ids as the parent or force", async () => {
      const officer = await signedInAs("officer");
      for (const parentId of ["'; DROP TABLE organisations; --", "1 OR 1=1", "-1", "1.5", "99999999999999999999"])
        await expectRefused(() => runAction(newAction, "/organisations/new", { ...validNew, parentId }, { user: officer }), "parentId");
      await expectRefused(
        () => runAction(newAction, "/organisations/new", { ...validNew, parentId: "999999" }, { user: officer }),
        "parentId",
        /Select a parent body/,
      );
      await expectRefused(
        () => runAction(newAction, "/organisations/new", { ...validNew, kind: "pcc", forceId: "999999" }, { user: officer }),
        "forceId",
        /Select a police force/,
      );
      expect(countRows().organisations).toBeGreaterThanOrEqual(113);
    });

    it("a force for a body that is not a local policing body, or a force that is not a police force", async () => {
      const officer = await signedInAs("officer");
      await expectRefused(
        () =>
          runAction(newAction, "/organisations/new", { ...validNew, forceId: String(organisationId("kent-police")) }, { user: officer }),
        "forceId",
        /Only a local policing body/,
      );
      await expectRefused(
        () =>
          runAction(
            newAction,
            "/organisations/new",
            { ...validNew, kind: "pcc", forceId: String(organisationId("home-office")) },
            { user: officer },
          ),
        "forceId",
        /Select a police force/,
      );
    });

    it("a SQL fragment as a name is kept as plain text, and the table survives", async () => {
      const officer = await signedInAs("officer");
      const name = "Robert'); DROP TABLE organisations; --";
      const response = await runAction(newAction, "/organisations/new", { ...validNew, name }, { user: officer });
      const location = redirectedTo(response)!;
      expect(location).toMatch(/^\/organisations\/robert-drop-table-organisations/);
      expect(organisationRow(location.split("/").pop()!).name).toBe(name);
      expect((await list("")).organisations.length).toBeGreaterThan(113);
    });
  });
});

// ---- editing ----------------------------------------------------------------------

describe("editing an organisation", () => {
  it("the form loads the saved values and the version", async () => {
    const response = await runLoader(editLoader, "/organisations/border-force/edit", {
      user: await signedInAs("officer"),
      params: { slug: "border-force" },
    });
    const body = await readJson(response);
    expect(body.initial).toMatchObject({
      name: "Border Force",
      shortName: "BF",
      kind: "border_immigration",
      parentId: String(organisationId("home-office")),
    });
    expect(body.organisation.version).toBe(organisationRow("border-force").version);
    expect(body.parentOptions.some((o: { id: number }) => o.id === organisationId("border-force"))).toBe(false);
  });

  it("saves the change, bumps the version and audits only the fields that changed", async () => {
    const officer = await signedInAs("officer");
    const before = organisationRow("eurojust");
    const response = await runAction(
      editAction,
      "/organisations/eurojust/edit",
      { ...formOf("eurojust"), notes: "Seat in The Hague.", website: "www.eurojust.europa.eu" },
      { user: officer, params: { slug: "eurojust" } },
    );
    expect(redirectedTo(response)).toBe("/organisations/eurojust");
    const after = organisationRow("eurojust");
    expect(after).toMatchObject({
      notes: "Seat in The Hague.",
      website: "www.eurojust.europa.eu",
      version: before.version + 1,
      slug: "eurojust",
    });
    const event = auditOf(after.id).at(-1)!;
    expect(event.action).toBe("update");
    expect(JSON.parse(event.before!)).toEqual({ website: before.website, notes: before.notes });
    expect(JSON.parse(event.after!)).toEqual({ website: "www.eurojust.europa.eu", notes: "Seat in The Hague." });
  });

  it("saving without a change writes nothing", async () => {
    const officer = await signedInAs("officer");
    const before = countRows();
    const version = organisationRow("interpol").version;
    const response = await runAction(editAction, "/organisations/interpol/edit", formOf("interpol"), {
      user: officer,
      params: { slug: "interpol" },
    });
    expect(redirectedTo(response)).toBe("/organisations/interpol");
    expect(countRows()).toEqual(before);
    expect(organisationRow("interpol").version).toBe(version);
  });

  it("a stale version changes nothing and shows what someone else changed, keeping the input", async () => {
    const officer = await signedInAs("officer");
    const other = await signedInAs("officer", "colleague");
    const stale = formOf("copfs");
    await runAction(editAction, "/organisations/copfs/edit", { ...stale, notes: "Their note" }, { user: other, params: { slug: "copfs" } });
    const saved = organisationRow("copfs");
    const before = countRows();
    const response = await runAction(
      editAction,
      "/organisations/copfs/edit",
      { ...stale, shortName: "Crown Office" },
      { user: officer, params: { slug: "copfs" } },
    );
    expect(response.status).toBe(409);
    const body = await readJson(response);
    expect(body.values.shortName).toBe("Crown Office");
    expect(body.conflict.version).toBe(saved.version);
    expect(body.conflict.changes).toEqual(
      expect.arrayContaining([
        { field: "shortName", label: "Short name", saved: "COPFS", yours: "Crown Office" },
        { field: "notes", label: "Notes", saved: "Their note", yours: stale.notes || "None" },
      ]),
    );
    expect(organisationRow("copfs")).toEqual(saved);
    expect(countRows()).toEqual(before);
  });

  it("a tampered version is refused at the field", async () => {
    const officer = await signedInAs("officer");
    for (const version of ["", "abc", "0", "-3", "'; DROP TABLE organisations; --"])
      await expectRefused(
        () =>
          runAction(editAction, "/organisations/npcc/edit", { ...formOf("npcc"), version }, { user: officer, params: { slug: "npcc" } }),
        "version",
      );
  });

  it("refuses a parent that would make a loop, or itself", async () => {
    const officer = await signedInAs("officer");
    await expectRefused(
      () =>
        runAction(
          editAction,
          "/organisations/home-office/edit",
          { ...formOf("home-office"), parentId: String(organisationId("border-force")) },
          { user: officer, params: { slug: "home-office" } },
        ),
      "parentId",
      /already part of this organisation/,
    );
    await expectRefused(
      () =>
        runAction(
          editAction,
          "/organisations/home-office/edit",
          { ...formOf("home-office"), parentId: String(organisationId("home-office")) },
          { user: officer, params: { slug: "home-office" } },
        ),
      "parentId",
      /its own parent/,
    );
    // Two levels: NPCC -> NPCC lead; making NPCC a child of its own lead's child is also a loop.
    const lead = organisationId("npcc-modern-slavery-oic-lead");
    await runAction(
      editAction,
      "/organisations/npcc-msoicu/edit",
      { ...formOf("npcc-msoicu"), parentId: String(lead) },
      { user: officer, params: { slug: "npcc-msoicu" } },
    );
    await expectRefused(
      () =>
        runAction(
          editAction,
          "/organisations/npcc/edit",
          { ...formOf("npcc"), parentId: String(organisationId("npcc-msoicu")) },
          { user: officer, params: { slug: "npcc" } },
        ),
      "parentId",
      /already part of this organisation/,
    );
  });

  it("keeps a force a force while a local policing body oversees it", async () => {
    const officer = await signedInAs("officer");
    await expectRefused(
      () =>
        runAction(
          editAction,
          "/x",
          { ...formOf("lancashire-constabulary"), kind: "national_policing_body" },
          { user: officer, params: { slug: "lancashire-constabulary" } },
        ),
      "kind",
      /Police and Crime Commissioner for Lancashire oversees this force/,
    );
  });

  it("refuses bad input with the values kept and nothing written", async () => {
    const officer = await signedInAs("officer");
    const params = { slug: "college-of-policing" };
    const body = await expectRefused(
      () =>
        runAction(
          editAction,
          "/organisations/college-of-policing/edit",
          { ...formOf("college-of-policing"), name: "" },
          { user: officer, params },
        ),
      "name",
    );
    expect(body.values.shortName).toBe("CoP");
    await expectRefused(
      () => runAction(editAction, "/x", { ...formOf("college-of-policing"), notes: "y".repeat(100_000) }, { user: officer, params }),
      "notes",
    );
    await expectRefused(
      () => runAction(editAction, "/x", { ...formOf("college-of-policing"), kind: "spy_agency" }, { user: officer, params }),
      "kind",
    );
    await expectRefused(
      () => runAction(editAction, "/x", { ...formOf("college-of-policing"), parentId: "424242" }, { user: officer, params }),
      "parentId",
    );
  });

  it("is not found for an unknown slug", async () => {
    const officer = await signedInAs("officer");
    expect((await runLoader(editLoader, "/x", { user: officer, params: { slug: "nope" } })).status).toBe(404);
    expect((await runAction(editAction, "/x", { ...formOf("npcc") }, { user: officer, params: { slug: "nope" } })).status).toBe(404);
  });
});

// ---- archiving --------------------------------------------------------------------

describe("archiving and restoring", () => {
  it("archives with an audit row, keeps the page and history, and restores", async () => {
    const officer = await signedInAs("officer");
    const params = { slug: "gr-hellenic-police" };
    const confirm = await runLoader(archiveLoader, "/x", { user: officer, params });
    expect((await readJson(confirm)).organisation.archivedAt).toBeNull();

    const archived = await runAction(
      archiveAction,
      "/x",
      { version: String(organisationRow(params.slug).version) },
      { user: officer, params },
    );
    expect(redirectedTo(archived)).toBe("/organisations/gr-hellenic-police");
    const row = organisationRow(params.slug);
    expect(row.archivedAt).toBeTruthy();
    const archiveEvent = auditOf(row.id).at(-1)!;
    expect(archiveEvent.action).toBe("archive");
    expect(JSON.parse(archiveEvent.before!)).toEqual({ archivedAt: null });
    expect(JSON.parse(archiveEvent.after!)).toEqual({ archivedAt: row.archivedAt });

    expect((await runLoader(pageLoader, "/x", { user: await signedInAs("viewer"), params })).status).toBe(200);
    expect(listOrganisationOptions().some((o) => o.id === row.id)).toBe(false);

    // Archiving twice is refused and writes nothing.
    await expectRefused(
      () => runAction(archiveAction, "/x", { version: String(row.version) }, { user: officer, params }),
      "version",
      /already archived/,
    );

    const restored = await runAction(restoreAction, "/x", { version: String(row.version) }, { user: officer, params });
    expect(redirectedTo(restored)).toBe("/organisations/gr-hellenic-police");
    expect(organisationRow(params.slug).archivedAt).toBeNull();
    const restoreEvent = auditOf(row.id).at(-1)!;
    expect(restoreEvent.action).toBe("restore");
    expect(JSON.parse(restoreEvent.after!)).toEqual({ archivedAt: null });
    expect(listOrganisationOptions().some((o) => o.id === row.id)).toBe(true);

    const history = await readJson(await runLoader(historyLoader, "/x", { user: await signedInAs("viewer"), params }));
    expect(history.events.map((e: { summary: string }) => e.summary)).toEqual([
      "Organisation Hellenic Police restored",
      "Organisation Hellenic Police archived",
    ]);
  });

  it("a stale version archives nothing", async () => {
    const officer = await signedInAs("officer");
    const params = { slug: "lt-criminal-police-bureau" };
    const version = organisationRow(params.slug).version;
    await runAction(editAction, "/x", { ...formOf(params.slug), notes: "changed meanwhile" }, { user: officer, params });
    const before = countRows();
    const response = await runAction(archiveAction, "/x", { version: String(version) }, { user: officer, params });
    expect(response.status).toBe(409);
    expect((await readJson(response)).conflict.version).toBe(version + 1);
    expect(organisationRow(params.slug).archivedAt).toBeNull();
    expect(countRows()).toEqual(before);
  });

  it("refuses a tampered version and an unknown slug", async () => {
    const officer = await signedInAs("officer");
    await expectRefused(
      () => runAction(archiveAction, "/x", { version: "x" }, { user: officer, params: { slug: "fr-ocrteh" } }),
      "version",
    );
    expect((await runAction(archiveAction, "/x", { version: "1" }, { user: officer, params: { slug: "nope" } })).status).toBe(404);
    expect((await runAction(restoreAction, "/x", { version: "1" }, { user: officer, params: { slug: "nope" } })).status).toBe(404);
    expect((await runLoader(restoreLoader, "/x", { user: officer, params: { slug: "nope" } })).status).toBe(404);
  });
});

// ---- history ----------------------------------------------------------------------

describe("an organisation's history", () => {
  it("lists its own events newest first, with names instead of ids", async () => {
    const officer = await signedInAs("officer");
    const params = { slug: "immigration-enforcement" };
    await runAction(editAction, "/x", { ...formOf(params.slug), parentId: "" }, { user: officer, params });
    await runAction(editAction, "/x", { ...formOf(params.slug), shortName: "ImmE" }, { user: officer, params });
    const body = await readJson(await runLoader(historyLoader, "/x", { user: await signedInAs("viewer"), params }));
    expect(body.events).toHaveLength(2);
    expect(body.events[0].changes).toEqual([{ label: "Short name", before: "IE", after: "ImmE" }]);
    expect(body.events[1].changes).toEqual([{ label: "Parent body", before: "Home Office", after: null }]);
    // Who did it, by name (not their email address).
    expect(body.events[0].who).toBe(officer.name);
  });
});

// ---- shared formatting ----------------------------------------------------------

describe("dates and kinds read the GOV.UK way", () => {
  it("formats dates without shifting them by time zone", () => {
    expect(formatDate("2026-11-28")).toBe("28 November 2026");
    expect(formatDate("2026-01-01")).toBe("1 January 2026");
    expect(formatDate("2026-13-01")).toBe("2026-13-01");
    expect(formatDate(null)).toBe("");
  });

  it("formats timestamps in UK time", () => {
    expect(formatDateTime("2026-11-28T14:05:00.000Z")).toBe("28 November 2026 at 2:05pm");
    expect(formatDateTime("2026-07-01T11:00:00Z")).toBe("1 July 2026 at midday");
    expect(formatDateTime("2026-07-01T23:30:00Z")).toBe("2 July 2026 at 12:30am");
    expect(formatDateTime("not a date")).toBe("not a date");
  });

  it("labels every kind of organisation", () => {
    expect(Object.keys(ORGANISATION_KIND_LABELS)).toHaveLength(9);
    expect(organisationKindLabel("pcc")).toBe("Local policing body");
    expect(organisationKindLabel("government_department")).toBe("Government");
    expect(organisationKindLabel("unknown_kind")).toBe("unknown_kind");
  });
});

// ---- who may do what ------------------------------------------------------------

describeRoleMatrix("organisations", [
  { name: "GET /organisations", minRole: "viewer", run: (user) => runLoader(listLoader, "/organisations", { user }) },
  {
    name: "GET /organisations/europol",
    minRole: "viewer",
    run: (user) => runLoader(pageLoader, "/organisations/europol", { user, params: { slug: "europol" } }),
  },
  {
    name: "GET /organisations/europol/history",
    minRole: "viewer",
    run: (user) => runLoader(historyLoader, "/organisations/europol/history", { user, params: { slug: "europol" } }),
  },
  { name: "GET /organisations/new", minRole: "officer", run: (user) => runLoader(newLoader, "/organisations/new", { user }) },
  {
    name: "POST /organisations/new",
    minRole: "officer",
    run: (user) => runAction(newAction, "/organisations/new", { ...validNew, name: `Matrix body ${Math.random()}` }, { user }),
  },
  {
    name: "GET /organisations/europol/edit",
    minRole: "officer",
    run: (user) => runLoader(editLoader, "/organisations/europol/edit", { user, params: { slug: "europol" } }),
  },
  {
    name: "POST /organisations/europol/edit",
    minRole: "officer",
    run: (user) => runAction(editAction, "/organisations/europol/edit", formOf("europol"), { user, params: { slug: "europol" } }),
  },
  {
    name: "GET /organisations/europol/archive",
    minRole: "officer",
    run: (user) => runLoader(archiveLoader, "/organisations/europol/archive", { user, params: { slug: "europol" } }),
  },
  {
    name: "POST /organisations/vn-ministry-of-public-security/archive",
    minRole: "officer",
    run: (user) =>
      runAction(
        archiveAction,
        "/x",
        { version: String(organisationRow("vn-ministry-of-public-security").version) },
        { user, params: { slug: "vn-ministry-of-public-security" } },
      ),
  },
  {
    name: "GET /organisations/europol/restore",
    minRole: "officer",
    run: (user) => runLoader(restoreLoader, "/organisations/europol/restore", { user, params: { slug: "europol" } }),
  },
  {
    name: "POST /organisations/vn-ministry-of-public-security/restore",
    minRole: "officer",
    run: (user) =>
      runAction(
        restoreAction,
        "/x",
        { version: String(organisationRow("vn-ministry-of-public-security").version) },
        { user, params: { slug: "vn-ministry-of-public-security" } },
      ),
  },
]);
