// Saving an import through its pages: everything or nothing, audited as one import, each record linked to its
// import and line; the same file again creates nothing twice; a manager undoes a whole import; and the tracker's
// own CSVs come back in without loss.
import { count, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { action as uploadAction, loader as uploadLoader } from "~/routes/import._index";
import { action as checkAction, loader as checkLoader } from "~/routes/import.$importId._index";
import { action as undoAction } from "~/routes/import.$importId.undo";
import { loader as engagementsCsvLoader } from "~/routes/reports.engagements[.]csv";
import { loader as actionsCsvLoader } from "~/routes/reports.actions[.]csv";
import { listEngagementHistory } from "~/models/engagement/history.server";
import { restoreEngagement } from "~/models/engagement/write.server";
import { db } from "~db/connection";
import { parse as parseCsv } from "csv-parse/sync";
import {
  actions,
  agendaItems,
  attendees,
  auditEvents,
  contacts,
  engagementOrganisations,
  engagements,
  engagementThemes,
  importRecords,
  imports,
  themes,
  users,
} from "~db/schema";
import { insertAgendaItem, insertAttendee, insertContact, insertEngagement, insertTheme, organisationId } from "../support/fixtures";
import { readJson, redirectedTo, runAction, runLoader, signedInAs, type TestUser } from "../support/requests";

function upload(text: string | Uint8Array, fileName: string, kind: string): FormData {
  const form = new FormData();
  form.append("kind", kind);
  form.append("file", new File([typeof text === "string" ? text : new Uint8Array(text)], fileName));
  return form;
}

async function uploaded(user: TestUser, text: string | Uint8Array, fileName: string, kind = "engagements"): Promise<number> {
  const response = await runAction(uploadAction, "/import", upload(text, fileName, kind), { user });
  expect(response.status, await response.clone().text()).toBe(302);
  return Number(/\/import\/(\d+)$/.exec(response.headers.get("Location")!)![1]);
}

async function check(user: TestUser, id: number) {
  return readJson(await runLoader(checkLoader, `/import/${id}`, { user, params: { importId: String(id) } }));
}

function save(user: TestUser, id: number) {
  return runAction(checkAction, `/import/${id}`, { intent: "save" }, { user, params: { importId: String(id) } });
}

function counts() {
  const n = (table: typeof engagements | typeof actions | typeof contacts | typeof auditEvents | typeof importRecords) =>
    db().select({ n: count() }).from(table).get()!.n;
  return { engagements: n(engagements), actions: n(actions), contacts: n(contacts), audit: n(auditEvents), records: n(importRecords) };
}

const GOOD = [
  "Date,Title,Organisations,Lead officer,Action,Action owner,Action due date",
  "31/03/2026,Quarterly review with the NCA,NCA,Test lead officer,Send the minutes,Test lead officer,14/04/2026",
  "31/03/2026,Quarterly review with the NCA,NCA,Test lead officer,Arrange the next meeting,,",
  "01-Apr-26,Border visit,Border Force; Europol,,,,",
].join("\n");

describe("saving an import", () => {
  it("only officers and above reach the import pages", async () => {
    const viewer = await signedInAs("viewer");
    expect((await runLoader(uploadLoader, "/import", { user: viewer })).status).toBe(403);
  });

  it("writes every row in one go, audited as one import, each record linked to its import and line", async () => {
    const officer = await signedInAs("officer", "lead");
    const id = await uploaded(officer, GOOD, "good.csv");
    const page = await check(officer, id);
    expect(page.preview.counts).toEqual({ create: 3, skipped: 0, problems: 0 });
    const before = counts();
    const response = await save(officer, id);
    expect(redirectedTo(response)).toBe(`/import/${id}`);
    const after = counts();
    expect(after.engagements - before.engagements).toBe(2);
    expect(after.actions - before.actions).toBe(2);
    const records = db().select().from(importRecords).where(eq(importRecords.importId, id)).all();
    expect(records.map((r) => [r.entityType, r.sourceRow])).toEqual([
      ["engagement", 2],
      ["action", 2],
      ["action", 3],
      ["engagement", 4],
    ]);
    const event = db().select().from(auditEvents).where(eq(auditEvents.action, "import")).all().at(-1)!;
    expect(event).toMatchObject({ actorUserId: officer.id, entityType: "import", entityId: String(id) });
    expect(JSON.parse(event.after!)).toMatchObject({ fileName: "good.csv", rowCount: 3, created: { engagements: 2, actions: 2 } });
    const border = db().select().from(engagements).where(eq(engagements.id, records[3].entityId)).get()!;
    expect(border).toMatchObject({ date: "2026-04-01", status: "held", kind: "meeting" });
    const orgs = db().select().from(engagementOrganisations).where(eq(engagementOrganisations.engagementId, border.id)).all();
    expect(orgs.map((o) => o.organisationId).sort()).toEqual([organisationId("border-force"), organisationId("europol")].sort());
  });

  it("the same file again creates nothing twice, and says what it left out", async () => {
    const officer = await signedInAs("officer", "lead");
    const id = await uploaded(officer, GOOD, "good-again.csv");
    const page = await check(officer, id);
    expect(page.preview.counts).toEqual({ create: 0, skipped: 3, problems: 0 });
    expect(page.preview.rows[0].says).toMatch(/Already imported/);
    const before = counts();
    await save(officer, id);
    expect(counts().engagements).toBe(before.engagements);
    expect(counts().actions).toBe(before.actions);
    expect(JSON.parse(db().select().from(imports).where(eq(imports.id, id)).get()!.result!).skipped).toHaveLength(3);
  });

  it("a file with problems saves nothing and says why, at each row and cell", async () => {
    const officer = await signedInAs("officer");
    const id = await uploaded(
      officer,
      "Date,Title,Organisations,Lead officer\n31/03/2026,Fine row,NCA,\n03/31/2026,US date,NCA,\n01/04/2026,,NCA,\n02/04/2026,Unknown,Nowhere Agency,\n03/04/2026,Stranger,NCA,Nobody Known\n",
      "problems.csv",
    );
    const page = await check(officer, id);
    expect(page.preview.counts).toMatchObject({ create: 1, problems: 4 });
    const messages = page.preview.problems.flatMap((p: { problems: { cell: string; message: string }[] }) =>
      p.problems.map((x) => `${x.cell}: ${x.message}`),
    );
    expect(messages).toEqual([
      expect.stringMatching(/^A3: 03\/31\/2026 looks like a US date/),
      "B4: Title is missing",
      expect.stringMatching(/^C5: Nowhere Agency is not an organisation we know/),
      expect.stringMatching(/^D6: Nobody Known is not a member of staff/),
    ]);
    const before = counts();
    const response = await save(officer, id);
    expect(response.status).toBe(400);
    expect((await readJson(response)).fieldErrors.save).toMatch(/4 rows have problems/);
    expect(counts()).toEqual(before);
  });

  it("a bad date, a missing title or a person the tracker cannot match is put right on the page, checked again, then saved", async () => {
    const officer = await signedInAs("officer", "fixer");
    const lead = await signedInAs("officer", "lead");
    const id = await uploaded(
      officer,
      "Date,Title,Organisations,Lead officer\n03/31/2027,US date,NCA,\n01/05/2027,Stranger,NCA,J. Lead\n02/05/2027,Stranger again,NCA,j lead\n03/05/2027,,NCA,\n",
      "fixable.csv",
    );
    const post = (form: Record<string, string>) =>
      runAction(checkAction, `/import/${id}`, form, { user: officer, params: { importId: String(id) } });
    let page = await check(officer, id);
    expect(page.preview.counts).toMatchObject({ create: 0, problems: 4 });
    expect(page.preview.fixes.cells).toEqual([
      expect.objectContaining({ line: 2, column: 0, cell: "A2", value: "03/31/2027" }),
      expect.objectContaining({ line: 5, column: 1, cell: "B5", value: "", message: "Title is missing" }),
    ]);
    expect(page.preview.fixes.people).toEqual([{ text: "J. Lead", lines: [3, 4] }]);
    expect(page.preview.fixes.staff.map((u: { name: string }) => u.name)).toContain(lead.name);

    // Still not a date: checked again, and shown again at its cell; nothing saved.
    expect(redirectedTo(await post({ intent: "cells", "cell.L2-C0": "31/31/2027" }))).toBe(`/import/${id}`);
    page = await check(officer, id);
    expect(page.preview.fixes.cells).toEqual([
      expect.objectContaining({ value: "31/31/2027", message: "31/31/2027 is not a real date" }),
      expect.objectContaining({ cell: "B5" }),
    ]);
    // A cell that is not in the file is refused by the form, and a cell outside the rows is ignored.
    expect((await post({ intent: "cells", "cell.A2": "x" })).status).toBe(400);
    await post({ intent: "cells", "cell.L99-C0": "01/01/2027", "cell.L2-C0": "31/03/2027", "cell.L5-C1": "Title typed in" });
    page = await check(officer, id);
    expect(page.preview.fixes.cells).toEqual([]);

    expect((await post({ intent: "person", text: "J. Lead", userId: "" })).status).toBe(400);
    expect(redirectedTo(await post({ intent: "person", text: "J. Lead", userId: String(lead.id) }))).toBe(`/import/${id}`);
    page = await check(officer, id);
    expect(page.preview.counts).toEqual({ create: 4, skipped: 0, problems: 0 });
    expect(redirectedTo(await save(officer, id))).toBe(`/import/${id}`);
    const made = db()
      .select()
      .from(engagements)
      .where(inArray(engagements.title, ["US date", "Stranger", "Stranger again", "Title typed in"]))
      .all();
    expect(made.map((e) => [e.title, e.date, e.leadUserId])).toEqual([
      ["US date", "2027-03-31", null],
      ["Stranger", "2027-05-01", lead.id],
      ["Stranger again", "2027-05-02", lead.id],
      ["Title typed in", "2027-05-03", null],
    ]);
  });

  it("a person chosen for a name is read so in later imports, audited, until they leave the staff; a staff member's own name comes first", async () => {
    const officer = await signedInAs("officer", "rememberer");
    const chosen = await signedInAs("officer", "chosen");
    const csv = (title: string, lead: string) => `Date,Title,Organisations,Lead officer\n01/06/2027,${title},NCA,${lead}\n`;
    const first = await uploaded(officer, csv("First with K. Chosen", "K. Chosen"), "first.csv");
    expect((await check(officer, first)).preview.fixes.people).toEqual([{ text: "K. Chosen", lines: [2] }]);
    const auditBefore = counts().audit;
    const response = await runAction(
      checkAction,
      `/import/${first}`,
      { intent: "person", text: "K. Chosen", userId: String(chosen.id) },
      { user: officer, params: { importId: String(first) } },
    );
    expect(redirectedTo(response)).toBe(`/import/${first}`);
    const remembered = db()
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.entityId, String(chosen.id)))
      .all()
      .at(-1)!;
    expect(counts().audit).toBe(auditBefore + 1);
    expect(remembered).toMatchObject({ entityType: "user", summary: `“K. Chosen” will be read as ${chosen.name} in imports` });

    // A later file naming them so (in any case and spacing) needs no choice, and saves with them as lead.
    const second = await uploaded(officer, csv("Second with K. Chosen", "k  chosen"), "second.csv");
    const page = await check(officer, second);
    expect(page.preview.fixes.people).toEqual([]);
    expect(page.preview.counts).toEqual({ create: 1, skipped: 0, problems: 0 });
    // The preview names whom the remembered name was read as, so a wrong choice long ago is seen before saving.
    expect(page.preview.rows[0].says).toBe(`Engagement “Second with K. Chosen” on 1 June 2027 with NCA, led by ${chosen.name}`);
    expect(redirectedTo(await save(officer, second))).toBe(`/import/${second}`);
    expect(db().select().from(engagements).where(eq(engagements.title, "Second with K. Chosen")).get()?.leadUserId).toBe(chosen.id);

    // A member of staff whose own name it is comes first.
    const namesake = await signedInAs("officer", "namesake");
    db().update(users).set({ name: "K. Chosen" }).where(eq(users.id, namesake.id)).run();
    const third = await uploaded(officer, csv("Third with K. Chosen", "K. Chosen"), "third.csv");
    expect(redirectedTo(await save(officer, third))).toBe(`/import/${third}`);
    expect(db().select().from(engagements).where(eq(engagements.title, "Third with K. Chosen")).get()?.leadUserId).toBe(namesake.id);
    db().update(users).set({ name: namesake.name }).where(eq(users.id, namesake.id)).run();

    // Once the chosen person has left the staff, the name is a person to choose again.
    db().update(users).set({ deactivatedAt: "2026-11-30T00:00:00Z" }).where(eq(users.id, chosen.id)).run();
    const fourth = await uploaded(officer, csv("Fourth with K. Chosen", "K. Chosen"), "fourth.csv");
    expect((await check(officer, fourth)).preview.fixes.people).toEqual([{ text: "K. Chosen", lines: [2] }]);
  });

  it("saving checks every row again: a theme archived since the preview stops the save, and nothing is written", async () => {
    const officer = await signedInAs("officer");
    const id = await uploaded(
      officer,
      "Date,Title,Organisations,Themes\n05/05/2026,First,NCA,Prosecutions\n06/05/2026,Second,NCA,Archived theme\n",
      "late.csv",
    );
    expect((await check(officer, id)).preview.counts.problems).toBe(0);
    db()
      .update(themes)
      .set({ archivedAt: "2026-01-01T00:00:00Z" })
      .where(eq(themes.id, insertTheme("Archived theme")))
      .run();
    const before = counts();
    const response = await save(officer, id);
    expect(response.status).toBe(400);
    expect(counts()).toEqual(before);
  });

  it("a failure part-way through the writing writes nothing at all", async () => {
    const officer = await signedInAs("officer", "lead");
    const id = await uploaded(
      officer,
      "Date,Title,Organisations,Action\n07/05/2026,First,NCA,Fine\n08/05/2026,Second,NCA,Explode here\n",
      "halfway.csv",
    );
    // The database itself refuses the second row's action, after the first engagement and action are written.
    db().$client.exec(
      "CREATE TRIGGER refuse_explosion BEFORE INSERT ON actions WHEN NEW.description = 'Explode here' BEGIN SELECT RAISE(ABORT, 'refused'); END",
    );
    try {
      const before = counts();
      await expect(save(officer, id)).rejects.toThrow(/refused/);
      expect(counts()).toEqual(before);
      expect(db().select().from(imports).where(eq(imports.id, id)).get()!.status).toBe("draft");
    } finally {
      db().$client.exec("DROP TRIGGER refuse_explosion");
    }
  });

  it("a manager undoes a whole import: its records archived, never deleted, audited", async () => {
    const officer = await signedInAs("officer", "lead");
    const manager = await signedInAs("manager");
    const id = await uploaded(officer, GOOD.replace(/2026/g, "2025").replace(/-26/, "-25"), "to-undo.csv");
    await save(officer, id);
    const made = db().select().from(importRecords).where(eq(importRecords.importId, id)).all();
    expect(made).toHaveLength(4);
    const refused = await runAction(undoAction, `/import/${id}/undo`, {}, { user: officer, params: { importId: String(id) } });
    expect(refused.status).toBe(403);
    const response = await runAction(undoAction, `/import/${id}/undo`, {}, { user: manager, params: { importId: String(id) } });
    expect(redirectedTo(response)).toBe(`/import/${id}`);
    const ids = made.filter((r) => r.entityType === "engagement").map((r) => r.entityId);
    const rows = db().select().from(engagements).where(inArray(engagements.id, ids)).all();
    expect(rows).toHaveLength(2);
    expect(rows.every((e) => e.archivedAt)).toBe(true);
    // Each archived engagement moved on one version, so a form opened before the undo cannot save over it.
    expect(rows.map((e) => e.version)).toEqual([2, 2]);
    const actionIds = made.filter((r) => r.entityType === "action").map((r) => r.entityId);
    expect(
      db()
        .select()
        .from(actions)
        .where(inArray(actions.id, actionIds))
        .all()
        .map((a) => a.status),
    ).toEqual(["dropped", "dropped"]);
    expect(db().select().from(auditEvents).where(eq(auditEvents.action, "import_undone")).all()).toHaveLength(1);
    // Archived like any archiving: the history says so, and the engagement restores the usual way.
    const history = listEngagementHistory({ id: ids[0] })
      .filter((e) => e.entityType === "engagement")
      .map((e) => [e.action, e.summary]);
    expect(history[0]).toEqual(["archive", "Engagement “Quarterly review with the NCA” archived (import undone)"]);
    const restored = await restoreEngagement({ id: ids[0], version: 2, actor: { id: manager.id, email: manager.email, role: "manager" } });
    expect(restored).toMatchObject({ archivedAt: null, version: 3 });
    expect(listEngagementHistory({ id: ids[0] })[0]).toMatchObject({
      action: "restore",
      summary: "Engagement “Quarterly review with the NCA” restored",
    });
    db().update(engagements).set({ archivedAt: "2026-01-01T00:00:00.000Z" }).where(eq(engagements.id, ids[0])).run();
    // Undone, its rows may come in again.
    const again = await uploaded(officer, GOOD.replace(/2026/g, "2025").replace(/-26/, "-25"), "to-undo.csv");
    expect((await check(officer, again)).preview.counts.create).toBe(3);
  });

  it("two managers undoing one import at once: one undoes it, the other is told it is already undone, nothing doubled", async () => {
    const officer = await signedInAs("officer", "lead");
    const first = await signedInAs("manager", "first");
    const second = await signedInAs("manager", "second");
    const file = "Date,Title,Organisations\n02/02/2024,Twice undone,NCA\n03/02/2024,Twice undone too,NCA\n";
    const id = await uploaded(officer, file, "twice.csv");
    await save(officer, id);
    const undo = (user: TestUser) => runAction(undoAction, `/import/${id}/undo`, {}, { user, params: { importId: String(id) } });
    const archivesBefore = db().select({ n: count() }).from(auditEvents).where(eq(auditEvents.action, "archive")).get()!.n;
    const responses = await Promise.all([undo(first), undo(second)]);
    expect(responses.map((r) => r.status).sort()).toEqual([302, 400]);
    const refused = responses.find((r) => r.status === 400)!;
    expect((await readJson(refused)).fieldErrors.form).toBe("This import has already been undone");
    const undone = db().select().from(auditEvents).where(eq(auditEvents.action, "import_undone")).all();
    expect(undone.filter((e) => e.entityId === String(id))).toHaveLength(1);
    expect(db().select({ n: count() }).from(auditEvents).where(eq(auditEvents.action, "archive")).get()!.n - archivesBefore).toBe(2);
  });

  it("someone else's draft is not found", async () => {
    const officer = await signedInAs("officer");
    const other = await signedInAs("officer", "other");
    const id = await uploaded(officer, GOOD, "mine.csv");
    expect((await runLoader(checkLoader, `/import/${id}`, { user: other, params: { importId: String(id) } })).status).toBe(404);
    expect((await save(other, id)).status).toBe(404);
  });

  it("a contacts file adds contacts at their organisations", async () => {
    const officer = await signedInAs("officer");
    const id = await uploaded(
      officer,
      "Name,Role,Organisation,Email\nJane Doe,Head of MSHT,NCA,jane@example.org\n",
      "contacts.csv",
      "contacts",
    );
    await save(officer, id);
    const contact = db().select().from(contacts).where(eq(contacts.name, "Jane Doe")).get()!;
    expect(contact).toMatchObject({
      organisationId: organisationId("national-crime-agency"),
      roleTitle: "Head of MSHT",
      email: "jane@example.org",
    });
  });
});

describe("the tracker's own CSVs import back without loss", () => {
  it("export with every part, import into an empty tracker, export again: the same files apart from the links' ids", async () => {
    const lead = await signedInAs("officer", "roundtrip");
    const viewer = await signedInAs("viewer");
    const emptyTheTracker = () => {
      for (const table of [actions, attendees, agendaItems, engagementThemes, engagementOrganisations, engagements])
        db().delete(table).run();
      db().delete(importRecords).run();
    };
    // An empty tracker: no engagements or actions (the reference organisations, staff and contacts stay).
    emptyTheTracker();
    const theme = insertTheme("Victim identification");
    const contact = insertContact("national-crime-agency", "Janet Roe", "Head of MSHT");
    const call = insertEngagement({ title: "Call", date: "2026-07-15", kind: "call", status: "planned", organisationSlugs: ["europol"] });
    const { engagement: review } = insertEngagement({
      title: "Review with =the= Met, and “quotes”",
      date: "2026-08-03",
      startTime: "14:00",
      endTime: "15:30",
      format: "hybrid",
      location: "Westminster, London",
      country: "United Kingdom",
      purpose: "Line one\nline two",
      summary: "-Agreed; next steps",
      marking: "OFFICIAL-SENSITIVE",
      leadUserId: lead.id,
      organisationSlugs: ["metropolitan-police-service", "mopac", "hmicfrs"],
      themeIds: [theme],
      actions: [
        {
          kind: "commitment",
          description: "Share the data",
          ownerType: "stakeholder",
          ownerName: "DCI Example",
          dueDate: "2026-09-01",
          resolvedByEngagementId: call.engagement.id,
        },
        {
          kind: "follow_up",
          description: "Write to the Commissioner",
          ownerType: "office",
          ownerUserId: lead.id,
          status: "done",
          closedAt: "2026-08-20T09:00:00.000Z",
          closingNote: "Sent",
        },
      ],
    });
    insertAttendee(review.id, { userId: lead.id, roleTitle: "Chair", side: "office", position: 0 });
    insertAttendee(review.id, { contactId: contact, side: "stakeholder", position: 1 });
    insertAttendee(review.id, { name: "Sam Example (interim)", roleTitle: "Adviser, Home Office", side: "other", position: 2 });
    insertAgendaItem(review.id, { title: "Welcome", position: 0 });
    insertAgendaItem(review.id, { title: "Data: who holds it", outcome: "Agreed to share\nwithin a month", position: 1 });
    const query = "from=2026-07-01&to=2026-09-30&include=&include=attendees&include=agenda&include=actions";
    const exportBoth = async () => ({
      engagements: await (await runLoader(engagementsCsvLoader, `/reports/engagements.csv?${query}`, { user: viewer })).text(),
      actions: await (await runLoader(actionsCsvLoader, `/reports/actions.csv?${query}`, { user: viewer })).text(),
    });
    const first = await exportBoth();
    // Every column the exports write holds something in some row, so a column the import drops changes the file.
    for (const csv of [first.engagements, first.actions]) {
      const [header, ...rows] = parseCsv(csv.replace(/^\uFEFF/, ""), { relax_column_count: true }) as string[][];
      for (const [column, name] of header.entries())
        expect(
          rows.some((row) => row[column] !== ""),
          `column ${name} is empty in the fixture`,
        ).toBe(true);
    }
    expect(first.engagements).toContain("Attendees");
    expect(first.engagements).toContain("Janet Roe (Head of MSHT, NCA): Stakeholder");
    expect(first.actions).toContain("2026-07-15 Call");
    emptyTheTracker();

    const engagementsImport = await uploaded(lead, first.engagements, "engagements.csv");
    expect((await check(lead, engagementsImport)).preview.counts).toEqual({ create: 2, skipped: 0, problems: 0 });
    expect(redirectedTo(await save(lead, engagementsImport))).toBe(`/import/${engagementsImport}`);
    const actionsImport = await uploaded(lead, first.actions, "actions.csv", "actions");
    expect((await check(lead, actionsImport)).preview.counts).toEqual({ create: 2, skipped: 0, problems: 0 });
    expect(redirectedTo(await save(lead, actionsImport))).toBe(`/import/${actionsImport}`);

    const second = await exportBoth();
    const withoutLinkIds = (csv: string) => csv.replace(/(\/engagements\/)\d+/g, "$1ID");
    expect(withoutLinkIds(second.engagements)).toBe(withoutLinkIds(first.engagements));
    expect(withoutLinkIds(second.actions)).toBe(withoutLinkIds(first.actions));
    // The people came back as who they are, not only as the same words.
    const people = db().select().from(attendees).all();
    expect(people.map((p) => [p.userId, p.contactId, p.name, p.side])).toEqual([
      [lead.id, null, null, "office"],
      [null, contact, null, "stakeholder"],
      [null, null, "Sam Example (interim)", "other"],
    ]);
  });
});
