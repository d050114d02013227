import { parse } from "csv-parse/sync";
import { eq } from "drizzle-orm";
import { strFromU8, unzipSync } from "fflate";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { listAuditEvents } from "~/models/audit.server";
import { reportActions, reportEngagementsByDate, reportEngagementsGrouped } from "~/models/report/engagements.server";
import type { ReportFilters } from "~/domain/report-types";
import { loader as engagementDocxLoader } from "~/routes/engagements.$engagementId.summary[.]docx";
import { loader as engagementPrintLoader } from "~/routes/engagements.$engagementId.print";
import { loader as actionsCsvLoader } from "~/routes/reports.actions[.]csv";
import { loader as calendarLoader } from "~/routes/reports.calendar[.]ics";
import { loader as engagementsCsvLoader } from "~/routes/reports.engagements[.]csv";
import { loader as builderLoader } from "~/routes/reports._index";
import { loader as printLoader } from "~/routes/reports.print";
import { loader as docxLoader } from "~/routes/reports.summary[.]docx";
import { addDays, todayInUk } from "~/domain/dates";
import { db } from "~db/connection";
import { engagements } from "~db/schema";
import { insertAgendaItem, insertAttendee, insertContact, insertEngagement, insertTheme } from "../support/fixtures";
import { readJson, redirectedTo, runLoader, signedInAs, type TestUser } from "../support/requests";
import { describeRoleMatrix } from "../support/role-matrix";

// ---- reading what the exports produce ---------------------------------------------------------------

type Docx = { document: string; text: string; headers: string[]; footers: string[]; files: string[] };

async function openDocx(response: Response): Promise<Docx> {
  const files = unzipSync(new Uint8Array(await response.arrayBuffer()));
  const names = Object.keys(files);
  const document = strFromU8(files["word/document.xml"]);
  const partsLike = (re: RegExp) => names.filter((n) => re.test(n)).map((n) => strFromU8(files[n]));
  return {
    document,
    text: wordText(document),
    headers: partsLike(/^word\/header\d*\.xml$/),
    footers: partsLike(/^word\/footer\d*\.xml$/),
    files: names,
  };
}

/** The visible text of WordprocessingML: each paragraph on its own line. */
function wordText(xml: string): string {
  return xml
    .replace(/<\/w:p>/g, "\n")
    .replace(/<w:tab\/>/g, "\t")
    .replace(/<[^>]+>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");
}

async function readCsv(response: Response): Promise<{ raw: Buffer; rows: string[][] }> {
  const raw = Buffer.from(await response.arrayBuffer());
  return { raw, rows: parse(raw, { bom: true, relax_column_count: false }) as string[][] };
}

/** Unfold (RFC 5545 3.1) and split into content lines. */
function icsLines(text: string): string[] {
  return text
    .replace(/\r\n[ \t]/g, "")
    .split("\r\n")
    .filter((l) => l !== "");
}

function icsEvents(text: string): Record<string, string>[] {
  const events: Record<string, string>[] = [];
  let current: Record<string, string> | null = null;
  for (const line of icsLines(text)) {
    if (line === "BEGIN:VEVENT") current = {};
    else if (line === "END:VEVENT") {
      events.push(current!);
      current = null;
    } else if (current) {
      const at = line.indexOf(":");
      current[line.slice(0, at)] = line.slice(at + 1);
    }
  }
  return events;
}

function lastExportEvent() {
  return listAuditEvents({ action: "export", limit: 1 }).events[0];
}

// ---- the data: a quarter with three engagements that count, and three that must not -----------------

const Q3 = "from=2026-07-01&to=2026-09-30";
let officer: TestUser;
let viewer: TestUser;
let prosecutions: number;
let victims: number;
let nca: { id: number; actions: number[] };
let kent: number;
let europolVisit: number;
const today = todayInUk();

beforeAll(async () => {
  officer = await signedInAs("officer", "reports");
  viewer = await signedInAs("viewer", "reports");
  prosecutions = insertTheme("Prosecutions");
  victims = insertTheme("Victim identification");

  const ncaMeeting = insertEngagement({
    title: "Quarterly review with the NCA",
    kind: "meeting",
    date: "2026-07-15",
    startTime: "10:00",
    endTime: "11:30",
    format: "in_person",
    location: "London",
    country: "United Kingdom",
    purpose: "Review referrals to the National Referral Mechanism.",
    summary: "Agreed to share data monthly.\nThe NCA will brief the Commissioner.",
    marking: "OFFICIAL",
    leadUserId: officer.id,
    organisationSlugs: ["national-crime-agency", "europol"],
    themeIds: [prosecutions],
    actions: [
      {
        kind: "commitment",
        description: "Share monthly referral data",
        ownerType: "stakeholder",
        ownerName: "DCI Jane Smith",
        dueDate: "2026-08-01",
        status: "done",
        closingNote: "First data set received",
      },
      {
        kind: "commitment",
        description: "Send the draft protocol",
        ownerType: "office",
        ownerUserId: officer.id,
        dueDate: "2026-08-15",
        status: "open",
      },
      {
        kind: "follow_up",
        description: "Arrange the next review",
        ownerType: "office",
        ownerUserId: officer.id,
        dueDate: "2099-01-31",
        status: "in_progress",
      },
      {
        kind: "commitment",
        description: '=HYPERLINK("http://evil.example","click")',
        ownerType: "stakeholder",
        dueDate: "2026-09-01",
        status: "dropped",
        closingNote: "@SUM(A1:A2)",
      },
    ],
  });
  nca = { id: ncaMeeting.engagement.id, actions: ncaMeeting.actions.map((a) => a.id) };
  const contact = insertContact("national-crime-agency", "Sam Contact", "Head of Modern Slavery");
  insertAttendee(nca.id, { userId: officer.id, side: "office", position: 0 });
  insertAttendee(nca.id, { contactId: contact, side: "stakeholder", position: 1 });
  insertAttendee(nca.id, { name: "Alex Observer", roleTitle: "Home Office observer", side: "other", position: 2 });
  insertAgendaItem(nca.id, { title: "Referral figures", notes: "Referrals rose 12%.", outcome: "Data to be shared monthly", position: 0 });
  insertAgendaItem(nca.id, { title: "Joint protocol", notes: null, outcome: "Office to draft", position: 1 });

  kent = insertEngagement({
    title: "-5 officers trained <script>alert(1)</script>",
    kind: "call",
    date: "2026-08-20",
    marking: "OFFICIAL-SENSITIVE",
    organisationSlugs: ["kent-police"],
    themeIds: [victims],
    actions: [{ kind: "commitment", description: "+44 helpline review", ownerType: "stakeholder", dueDate: "2026-10-01", status: "open" }],
  }).engagement.id;

  europolVisit = insertEngagement({ title: "Visit to Europol", kind: "visit", date: "2026-09-30", organisationSlugs: ["europol"] })
    .engagement.id;

  // Outside the quarter, or archived: never in the Q3 report.
  insertEngagement({ title: "June meeting (before the period)", date: "2026-06-30", organisationSlugs: ["national-crime-agency"] });
  insertEngagement({ title: "October meeting (after the period)", date: "2026-10-01", organisationSlugs: ["national-crime-agency"] });
  const archived = insertEngagement({
    title: "Archived meeting",
    date: "2026-08-01",
    marking: "OFFICIAL-SENSITIVE",
    organisationSlugs: ["kent-police"],
  });
  db().update(engagements).set({ archivedAt: "2026-08-02T09:00:00.000Z" }).where(eq(engagements.id, archived.engagement.id)).run();

  // What is still to come, relative to today (the calendar).
  insertEngagement({
    title: "Planned visit; Kent, Medway",
    kind: "visit",
    status: "planned",
    date: addDays(today, 14),
    startTime: "09:30",
    endTime: "12:00",
    location: "Maidstone, Kent",
    purpose:
      "Line one\nLine two with a very long text that goes on and on so that the folded line must exceed seventy-five octets — with “curly quotes” and émojis 🚓",
    organisationSlugs: ["kent-police"],
    actions: [
      { kind: "follow_up", description: "Send the agenda, then confirm", ownerType: "office", dueDate: addDays(today, 7), status: "open" },
    ],
  });
  insertEngagement({
    title: "All-day conference",
    kind: "conference",
    status: "planned",
    date: addDays(today, 30),
    organisationSlugs: ["europol"],
  });
  insertEngagement({ title: "Planned but in the past", status: "planned", date: addDays(today, -3), organisationSlugs: ["europol"] });
  insertEngagement({ title: "Held, not planned", status: "held", date: addDays(today, 2), organisationSlugs: ["europol"] });
});

// ---- the builder ------------------------------------------------------------------------------------

describe("the report builder", () => {
  it("shows an empty form with the quick periods when no report is asked for", async () => {
    const response = await runLoader(builderLoader, "/reports", { user: viewer });
    expect(response.status).toBe(200);
    const data = await readJson(response);
    expect(data.report).toBeNull();
    expect(data.failure).toBeNull();
    expect(data.values.include).toEqual(["attendees", "agenda", "actions"]);
    expect(data.presets.map((p: { id: string }) => p.id)).toEqual([
      "last-month",
      "last-quarter",
      "this-financial-year",
      "last-financial-year",
      "this-calendar-year",
      "last-calendar-year",
    ]);
    expect(data.choices.organisations.length).toBeGreaterThan(100);
    expect(data.choices.themes.map((t: { name: string }) => t.name)).toEqual(["Prosecutions", "Victim identification"]);
  });

  it("a quick period keeps the other filters and sets the dates", async () => {
    const response = await runLoader(builderLoader, "/reports?orgKind=police_force&theme=1", { user: viewer });
    const data = await readJson(response);
    const lastQuarter = data.presets.find((p: { id: string }) => p.id === "last-quarter");
    const href = new URL(lastQuarter.href, "http://x");
    expect(href.pathname).toBe("/reports");
    expect(href.searchParams.get("orgKind")).toBe("police_force");
    expect(href.searchParams.get("from")).toMatch(/^\d{4}-\d{2}-01$/);
  });

  it("previews the quarter's figures and links every export with the same query string", async () => {
    const response = await runLoader(builderLoader, `/reports?${Q3}`, { user: viewer });
    expect(response.status).toBe(200);
    const { report } = await readJson(response);
    expect(report.statistics.engagements).toBe(3);
    expect(report.statistics.marking).toBe("OFFICIAL-SENSITIVE");
    expect(report.statistics.sensitiveEngagements).toBe(1);
    expect(report.statistics.commitments).toEqual({ made: 4, completed: 1, dropped: 1, outstanding: 2, overdue: 2 });
    expect(report.statistics.followUps).toEqual({ made: 1, completed: 0, dropped: 0, outstanding: 1, overdue: 0 });
    expect(report.statistics.organisationsEngaged).toBe(3);
    expect(report.statistics.byMonth.map((m: { month: string; engagements: number }) => [m.month, m.engagements])).toEqual([
      ["2026-07", 1],
      ["2026-08", 1],
      ["2026-09", 1],
    ]);
    expect(report.actions).toBe(5);
    expect(report.query).toBe("from=2026-07-01&to=2026-09-30&include=&include=attendees&include=agenda&include=actions");
  });

  it("lists every month of a short period, and only the months with engagements' span of a long one", async () => {
    const monthsOf = async (query: string) =>
      (await readJson(await runLoader(builderLoader, `/reports?${query}`, { user: viewer }))).report.statistics.byMonth.map(
        (m: { month: string }) => m.month,
      );
    expect(await monthsOf("from=2026-06-15&to=2026-10-02")).toEqual(["2026-06", "2026-07", "2026-08", "2026-09", "2026-10"]);
    const long = await monthsOf("from=1900-01-01&to=2026-09-30");
    expect(long[0]).toBe("2026-06");
    expect(long[long.length - 1]).toBe("2026-09");
  });

  it("narrows by organisation, kind of organisation, theme and engagement kind", async () => {
    const count = async (query: string) =>
      (await readJson(await runLoader(builderLoader, `/reports?${Q3}&${query}`, { user: viewer }))).report.statistics.engagements;
    expect(await count("organisation=europol")).toBe(2);
    expect(await count("organisation=kent-police&organisation=europol")).toBe(3);
    expect(await count("orgKind=police_force")).toBe(1);
    // Organisations and kinds of organisation together: engagements with either.
    expect(await count("orgKind=police_force&organisation=national-crime-agency")).toBe(2);
    expect(await count(`theme=${prosecutions}`)).toBe(1);
    expect(await count(`theme=${prosecutions}&theme=${victims}`)).toBe(2);
    expect(await count("kind=visit&kind=call")).toBe(2);
    expect(await count(`kind=meeting&theme=${victims}`)).toBe(0);
  });

  it.each([
    ["a date that is not a date", "from=2026-13-01&to=2026-09-30", "from", "The date the period starts must be a real date"],
    ["a date in another format", "from=01/07/2026&to=2026-09-30", "from", "The date the period starts must be a real date"],
    ["a missing end", "from=2026-07-01", "to", "Enter the date the period ends"],
    [
      "the end before the start",
      "from=2026-09-30&to=2026-07-01",
      "to",
      "The date the period ends must be the same as or after the date it starts",
    ],
    ["hostile text", "from=<script>alert(1)</script>&to=2026-09-30", "from", "The date the period starts must be a real date"],
    ["a huge string", `from=${"9".repeat(100_000)}&to=2026-09-30`, "from", "The date the period starts must be a real date"],
    [
      "an organisation that does not exist",
      `${Q3}&organisation=no-such-body`,
      "organisation",
      "Choose organisations from the list: one of those chosen does not exist",
    ],
    [
      "an organisation slug with SQL in it",
      `${Q3}&organisation=${encodeURIComponent("x' OR 1=1 --")}`,
      "organisation",
      "Choose organisations from the list",
    ],
    ["a theme that does not exist", `${Q3}&theme=999999`, "theme", "Choose themes from the list: one of those chosen does not exist"],
    ["a theme that is not an id", `${Q3}&theme=abc`, "theme", "Choose themes from the list"],
    ["an unknown kind of organisation", `${Q3}&orgKind=cartel`, "orgKind", "Choose kinds of organisation from the list"],
    ["an unknown engagement kind", `${Q3}&kind=party`, "kind", "Choose kinds of engagement from the list"],
    ["an unknown part to include", `${Q3}&include=secrets`, "include", "Choose what to include from the list"],
  ])("refuses %s with a message at the field, never a 500", async (_name, query, field, message) => {
    const response = await runLoader(builderLoader, `/reports?${query}`, { user: viewer });
    expect(response.status).toBe(400);
    const data = await readJson(response);
    expect(data.report).toBeNull();
    expect(data.failure.fieldErrors[field]).toBe(message);
  });

  it("keeps what was typed when it refuses it", async () => {
    const data = await readJson(
      await runLoader(builderLoader, "/reports?from=2026-02-30&to=2026-09-30&orgKind=pcc&include=&include=agenda", { user: viewer }),
    );
    expect(data.values).toMatchObject({
      from: { day: "30", month: "2", year: "2026" },
      to: { day: "30", month: "9", year: "2026" },
      orgKind: ["pcc"],
      include: ["agenda"],
    });
    const typed = await readJson(
      await runLoader(builderLoader, "/reports?from-day=1&from-month=&from-year=2026&to-day=30&to-month=9&to-year=2026", { user: viewer }),
    );
    expect(typed.values).toMatchObject({ from: { day: "1", month: "", year: "2026" } });
  });

  it.each([
    ["a missing month", "from-day=1&from-month=&from-year=2026", "from", "The date the period starts must include a month"],
    ["a day that is not in the month", "from-day=31&from-month=2&from-year=2026", "from", "The date the period starts must be a real date"],
    ["letters", "from-day=one&from-month=7&from-year=2026", "from", "The date the period starts must be a real date"],
    ["nothing typed", "from-day=&from-month=&from-year=", "from", "Enter the date the period starts"],
  ])("the date inputs: refuses %s with GOV.UK's message", async (_name, from, field, message) => {
    const response = await runLoader(builderLoader, `/reports?${from}&to-day=30&to-month=9&to-year=2026`, { user: viewer });
    expect(response.status).toBe(400);
    expect((await readJson(response)).failure.fieldErrors[field]).toBe(message);
  });

  it("the date inputs' three fields ask for the same report as a plain YYYY-MM-DD link", async () => {
    const typed = await readJson(
      await runLoader(builderLoader, "/reports?from-day=1&from-month=7&from-year=2026&to-day=30&to-month=Sep&to-year=2026", {
        user: viewer,
      }),
    );
    const linked = await readJson(await runLoader(builderLoader, `/reports?${Q3}`, { user: viewer }));
    expect(typed.report.query).toBe(linked.report.query);
    expect(typed.report.statistics).toEqual(linked.report.statistics);
  });
});

// ---- Word ----------------------------------------------------------------------------------------------

describe("the Word summary", () => {
  it("is an attachment named with the highest marking and the period, never cached", async () => {
    const response = await runLoader(docxLoader, `/reports/summary.docx?${Q3}`, { user: viewer });
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    expect(response.headers.get("Content-Disposition")).toBe(
      `attachment; filename="OFFICIAL-SENSITIVE engagement summary 2026-07-01 to 2026-09-30.docx"; filename*=UTF-8''OFFICIAL-SENSITIVE%20engagement%20summary%202026-07-01%20to%202026-09-30.docx`,
    );
    await response.arrayBuffer();
  });

  it("carries the marking in the header and footer of every page", async () => {
    const docx = await openDocx(await runLoader(docxLoader, `/reports/summary.docx?${Q3}`, { user: viewer }));
    expect(docx.headers.length).toBeGreaterThan(0);
    expect(docx.footers.length).toBeGreaterThan(0);
    for (const part of [...docx.headers, ...docx.footers]) expect(wordText(part)).toContain("OFFICIAL-SENSITIVE");
    // One section, whose default header and footer are those parts: every page has them.
    expect(docx.document.match(/<w:sectPr/g)).toHaveLength(1);
    expect(docx.document).toMatch(/<w:headerReference w:type="default"/);
    expect(docx.document).toMatch(/<w:footerReference w:type="default"/);
  });

  it("has a title page, the statistics, and the right engagements with their attendees, agenda and actions, and no others", async () => {
    const docx = await openDocx(await runLoader(docxLoader, `/reports/summary.docx?${Q3}`, { user: viewer }));
    const text = docx.text;
    expect(text).toContain("Engagement summary");
    expect(text).toContain("1 July 2026 to 30 September 2026");
    expect(text).toContain(viewer.name);
    // Statistics
    expect(text).toMatch(/3 engagements \(3 held\) with 3 organisations\./);
    expect(text).toContain("Engagements by kind of organisation");
    expect(text).toContain("Engagements by month");
    expect(text).toMatch(/July 2026\n1\n3\n1\n/); // month, engagements, commitments, follow-ups
    expect(text).toMatch(/Made\n4\n1\n/);
    expect(text).toMatch(/Completed\n1\n0\n/);
    expect(text).toMatch(/Overdue on [^\n]+\n2\n0\n/);
    // The engagements, and only those of the quarter that are not archived
    expect(text).toContain("Quarterly review with the NCA");
    expect(text).toContain("-5 officers trained <script>alert(1)</script>");
    expect(text).toContain("Visit to Europol");
    for (const excluded of ["June meeting", "October meeting", "Archived meeting", "Planned visit"]) expect(text).not.toContain(excluded);
    // The NCA meeting is listed once (under the NCA, its first organisation), naming Europol too.
    expect(text.match(/Quarterly review with the NCA/g)).toHaveLength(1);
    // Organisations by the names people use (short names).
    expect(text).toContain("NCA, Europol");
    // Its details, attendees, agenda and actions
    expect(text).toContain("Agreed to share data monthly.\nThe NCA will brief the Commissioner.");
    expect(text).toContain("Sam Contact");
    expect(text).toContain("Head of Modern Slavery, NCA");
    expect(text).toContain("Alex Observer");
    expect(text).toContain("1. Referral figures");
    expect(text).toContain("Outcome: Data to be shared monthly");
    expect(text).toContain("Share monthly referral data");
    expect(text).toContain("First data set received");
    expect(text).toMatch(/Send the draft protocol[\s\S]*Open[\s\S]*\(overdue\)/);
    // Whose it is reads as on every page (ownerLabel): the stakeholder's person and their organisation.
    expect(text).toContain("DCI Jane Smith (NCA)");
  });

  it("uses real Word headings, so the navigation pane lists kinds, organisations and engagements", async () => {
    const { document } = await openDocx(await runLoader(docxLoader, `/reports/summary.docx?${Q3}`, { user: viewer }));
    const headings = [
      ...document.matchAll(/<w:p>(?:(?!<\/w:p>).)*?<w:pStyle w:val="(Heading\d)"\/>(?:(?!<\/w:p>).)*?<w:t[^>]*>([^<]*)</g),
    ].map((m) => `${m[1]} ${m[2]}`);
    expect(headings).toContain("Heading1 Statistics");
    expect(headings).toContain("Heading1 Engagements");
    expect(headings).toContain("Heading2 Police forces");
    expect(headings).toContain("Heading3 Kent Police");
    expect(headings).toContain("Heading4 15 July 2026: Quarterly review with the NCA");
    // Grouped by kind of organisation (in the schema's order), then organisation, then date.
    const statistics = [
      "Engagements by kind of organisation",
      "Engagements by month",
      "Commitments and follow-ups",
      "Organisations engaged",
    ];
    expect(headings.filter((h) => /^Heading[234] /.test(h) && !statistics.includes(h.slice(9)))).toEqual([
      "Heading2 Police forces",
      "Heading3 Kent Police",
      "Heading4 20 August 2026: -5 officers trained &lt;script&gt;alert(1)&lt;/script&gt;",
      "Heading2 National policing bodies",
      "Heading3 NCA (National Crime Agency)",
      "Heading4 15 July 2026: Quarterly review with the NCA",
      "Heading2 International agencies",
      "Heading3 Europol (European Union Agency for Law Enforcement Cooperation)",
      "Heading4 30 September 2026: Visit to Europol",
    ]);
  });

  it("leaves out attendees, agenda and actions when they are not wanted", async () => {
    const { text } = await openDocx(await runLoader(docxLoader, `/reports/summary.docx?${Q3}&include=`, { user: viewer }));
    expect(text).toContain("Quarterly review with the NCA");
    expect(text).not.toContain("Sam Contact");
    expect(text).not.toContain("Referral figures");
    expect(text).not.toContain("Send the draft protocol");
  });

  it("is marked OFFICIAL when every engagement in it is", async () => {
    const response = await runLoader(docxLoader, `/reports/summary.docx?${Q3}&organisation=europol`, { user: viewer });
    expect(response.headers.get("Content-Disposition")).toContain('filename="OFFICIAL engagement summary 2026-07-01 to 2026-09-30.docx"');
    const docx = await openDocx(response);
    for (const part of [...docx.headers, ...docx.footers]) {
      expect(wordText(part)).toContain("OFFICIAL");
      expect(wordText(part)).not.toContain("SENSITIVE");
    }
    expect(docx.text).not.toContain("-5 officers");
  });

  it("says so when nothing matches, and is still a document", async () => {
    const { text } = await openDocx(await runLoader(docxLoader, "/reports/summary.docx?from=2001-01-01&to=2001-01-31", { user: viewer }));
    expect(text).toContain("No engagements match these filters.");
    expect(text).toContain("0 engagements");
  });

  it("records the export in the audit trail with the user, the filters and the number of engagements", async () => {
    const response = await runLoader(docxLoader, `/reports/summary.docx?${Q3}&organisation=europol&theme=${prosecutions}`, {
      user: officer,
    });
    await response.arrayBuffer();
    const event = lastExportEvent();
    expect(event.actorUserId).toBe(officer.id);
    expect(event.entityType).toBe("report");
    expect(event.summary).toBe(
      "Exported Word summary (OFFICIAL) of 1 engagements: 1 July 2026 to 30 September 2026; organisations: Europol; themes: Prosecutions; including attendees, agenda, commitments and follow-ups",
    );
    expect(JSON.parse(event.after!)).toMatchObject({ format: "docx", rows: 1 });
  });

  it("refuses a bad query with a 400 that says what is wrong, and records nothing", async () => {
    const before = lastExportEvent()?.id ?? 0;
    const response = await runLoader(docxLoader, "/reports/summary.docx?from=2026-09-30&to=2026-07-01", { user: viewer });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("The date the period ends must be the same as or after the date it starts");
    expect(lastExportEvent()?.id ?? 0).toBe(before);
  });
});

// ---- spreadsheets ----------------------------------------------------------------------------------------

describe("the spreadsheets", () => {
  it("one row per engagement, readable names, ISO dates, UTF-8 with a byte-order mark", async () => {
    const response = await runLoader(engagementsCsvLoader, `/reports/engagements.csv?${Q3}`, { user: viewer });
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    expect(response.headers.get("Content-Disposition")).toContain(
      'attachment; filename="OFFICIAL-SENSITIVE engagements 2026-07-01 to 2026-09-30.csv"',
    );
    const { raw, rows } = await readCsv(response);
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(raw.toString("utf8")).toContain("\r\n");
    const [header, ...body] = rows;
    expect(header.slice(0, 7)).toEqual(["Date", "Start time", "End time", "Title", "Kind", "Status", "Organisations"]);
    expect(header).toContain("Attendees");
    expect(body).toHaveLength(3);
    const column = (name: string) => header.indexOf(name);
    expect(body.map((r) => r[column("Date")])).toEqual(["2026-07-15", "2026-08-20", "2026-09-30"]);
    const ncaRow = body[0];
    expect(ncaRow[column("Organisations")]).toBe("NCA; Europol");
    expect(ncaRow[column("Kinds of organisation")]).toBe("National policing body; International agency");
    expect(ncaRow[column("Kind")]).toBe("Meeting");
    expect(ncaRow[column("Lead officer")]).toBe(officer.name);
    expect(ncaRow[column("Themes")]).toBe("Prosecutions");
    expect(ncaRow[column("Attendees")]).toContain("Sam Contact (Head of Modern Slavery, NCA): Stakeholder");
    expect(ncaRow[column("Commitments")]).toBe("3");
    expect(ncaRow[column("Marking")]).toBe("OFFICIAL");
    expect(ncaRow[column("Link")]).toBe(`http://localhost:3000/engagements/${nca.id}`);
    // A cell that would start a formula is neutralised.
    expect(body[1][column("Title")]).toBe("'-5 officers trained <script>alert(1)</script>");
    // No row names an engagement outside the quarter.
    expect(body.map((r) => r[column("Title")]).join()).not.toMatch(/June|October|Archived|Planned/);
  });

  it("leaves out the attendee and agenda columns when they are not wanted", async () => {
    const { rows } = await readCsv(
      await runLoader(engagementsCsvLoader, `/reports/engagements.csv?${Q3}&include=&include=actions`, { user: viewer }),
    );
    expect(rows[0]).not.toContain("Attendees");
    expect(rows[0]).not.toContain("Agenda");
    expect(rows[0]).toContain("Commitments");
  });

  it("one row per action, with the owner and organisation by name and formula-like text made inert", async () => {
    const response = await runLoader(actionsCsvLoader, `/reports/actions.csv?${Q3}`, { user: viewer });
    expect(response.headers.get("Content-Disposition")).toContain('filename="OFFICIAL-SENSITIVE actions 2026-07-01 to 2026-09-30.csv"');
    const { rows } = await readCsv(response);
    const [header, ...body] = rows;
    expect(header).toEqual([
      "Engagement date",
      "Engagement",
      "Type",
      "What",
      "Organisation",
      "Owned by",
      "Owner",
      "Due date",
      "Status",
      "Overdue",
      "Closed on",
      "Closing note",
      "Resolved by engagement",
      "Marking",
      "Link",
    ]);
    expect(body).toHaveLength(5);
    const byWhat = new Map(body.map((r) => [r[3], r]));
    const protocol = byWhat.get("Send the draft protocol")!;
    expect(protocol).toEqual(
      expect.arrayContaining([
        "2026-07-15",
        "Quarterly review with the NCA",
        "Commitment",
        "NCA",
        "The office",
        officer.name,
        "2026-08-15",
        "Open",
        "Yes",
      ]),
    );
    expect(byWhat.get("Share monthly referral data")![6]).toBe("DCI Jane Smith");
    expect(byWhat.get("Arrange the next review")![2]).toBe("Follow-up");
    const hostile = byWhat.get(`'=HYPERLINK("http://evil.example","click")`)!;
    expect(hostile).toBeDefined();
    expect(hostile[11]).toBe("'@SUM(A1:A2)");
    expect(byWhat.get("'+44 helpline review")![13]).toBe("OFFICIAL-SENSITIVE");
    for (const row of body) for (const value of row) expect(value).not.toMatch(/^[=+\-@\t\r]/);
  });

  it("each records its export with the number of rows", async () => {
    await (await runLoader(engagementsCsvLoader, `/reports/engagements.csv?${Q3}`, { user: viewer })).arrayBuffer();
    let event = lastExportEvent();
    expect(event.summary).toMatch(
      /^Exported engagements spreadsheet \(CSV\) \(OFFICIAL-SENSITIVE\) of 3 engagements: 1 July 2026 to 30 September 2026/,
    );
    expect(JSON.parse(event.after!)).toMatchObject({ format: "engagements-csv", rows: 3 });
    await (await runLoader(actionsCsvLoader, `/reports/actions.csv?${Q3}`, { user: viewer })).arrayBuffer();
    event = lastExportEvent();
    expect(event.summary).toMatch(/^Exported actions spreadsheet \(CSV\) \(OFFICIAL-SENSITIVE\) of 5 actions/);
    expect(JSON.parse(event.after!)).toMatchObject({ format: "actions-csv", rows: 5 });
  });

  it("refuses a bad query with a 400", async () => {
    for (const loader of [engagementsCsvLoader, actionsCsvLoader]) {
      const response = await runLoader(loader, "/reports/engagements.csv?from=nope&to=2026-01-01", { user: viewer });
      expect(response.status).toBe(400);
    }
  });
});

// ---- print ------------------------------------------------------------------------------------------------

describe("the printable summary", () => {
  it("is a page (not an attachment) with the marking at top and bottom and the right engagements", async () => {
    const response = await runLoader(printLoader, `/reports/print?${Q3}`, { user: viewer });
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/html; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toBeNull();
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    const html = await response.text();
    expect(html.startsWith("<!DOCTYPE html>")).toBe(true);
    expect(html.match(/<p class="app-print-marking">OFFICIAL-SENSITIVE<\/p>/g)).toHaveLength(2);
    expect(html).toContain("<thead>");
    expect(html).toContain("<tfoot>");
    expect(html).toContain("Quarterly review with the NCA");
    expect(html).toContain("Sam Contact");
    expect(html).toContain("-5 officers trained &lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).not.toContain("<script>alert(1)");
    expect(html).not.toContain("Archived meeting");
    expect(html).not.toContain("June meeting");
    expect(html).not.toContain("govuk-service-navigation");
    expect(html).not.toMatch(/ style=/);
    expect(lastExportEvent().summary).toMatch(/^Exported printable summary \(OFFICIAL-SENSITIVE\) of 3 engagements/);
  });

  it("sends a bad query back to the builder, which shows what is wrong", async () => {
    const response = await runLoader(printLoader, "/reports/print?from=2026-09-30&to=2026-07-01", { user: viewer });
    expect(redirectedTo(response)).toBe("/reports?from=2026-09-30&to=2026-07-01");
  });
});

// ---- calendar ----------------------------------------------------------------------------------------------

describe("the calendar", () => {
  it("holds the planned engagements from today and the due dates of open actions, as RFC 5545 text", async () => {
    const response = await runLoader(calendarLoader, `/reports/calendar.ics?${Q3}`, { user: viewer });
    expect(response.headers.get("Content-Type")).toBe("text/calendar; charset=utf-8");
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    expect(response.headers.get("Content-Disposition")).toMatch(
      /^attachment; filename="OFFICIAL engagements and due dates from \d{4}-\d{2}-\d{2}\.ics"/,
    );
    const text = await response.text();
    // CRLF everywhere, and no line longer than 75 octets.
    expect(text.endsWith("END:VCALENDAR\r\n")).toBe(true);
    expect(text.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    for (const line of text.split("\r\n")) expect(Buffer.byteLength(line, "utf8")).toBeLessThanOrEqual(75);
    const lines = icsLines(text);
    expect(lines.slice(0, 4)).toEqual([
      "BEGIN:VCALENDAR",
      "PRODID:-//Office of the Independent Anti-Slavery Commissioner//Stakeholder Engagement Tracker//EN",
      "VERSION:2.0",
      "CALSCALE:GREGORIAN",
    ]);
    expect(lines).toContain("METHOD:PUBLISH");
    expect(lines).toContain("BEGIN:VTIMEZONE");
    const events = icsEvents(text);
    // Two planned engagements from today (not the past one, not the held one), plus open actions due from today on.
    const summaries = events.map((e) => e.SUMMARY);
    expect(summaries).toContain("Planned visit\\; Kent\\, Medway");
    expect(summaries).toContain("All-day conference");
    expect(summaries).toContain("Follow-up due: Send the agenda\\, then confirm");
    expect(summaries).toContain("Follow-up due: Arrange the next review");
    expect(summaries.join()).not.toMatch(/Planned but in the past|Held, not planned|Share monthly/);
    expect(events).toHaveLength(4);
    expect(new Set(events.map((e) => e.UID)).size).toBe(4);
    for (const e of events) expect(e.DTSTAMP).toMatch(/^\d{8}T\d{6}Z$/);

    const visit = events.find((e) => e.SUMMARY.startsWith("Planned visit"))!;
    const date = addDays(today, 14).replace(/-/g, "");
    expect(visit["DTSTART;TZID=Europe/London"]).toBe(`${date}T093000`);
    expect(visit["DTEND;TZID=Europe/London"]).toBe(`${date}T120000`);
    expect(visit.LOCATION).toBe("Maidstone\\, Kent");
    expect(visit.DESCRIPTION).toContain("Purpose: Line one\\nLine two");
    expect(visit.DESCRIPTION).toContain("“curly quotes” and émojis 🚓");
    const conference = events.find((e) => e.SUMMARY === "All-day conference")!;
    expect(conference["DTSTART;VALUE=DATE"]).toBe(addDays(today, 30).replace(/-/g, ""));
    expect(conference["DTEND;VALUE=DATE"]).toBe(addDays(today, 31).replace(/-/g, ""));
    const due = events.find((e) => e.SUMMARY.startsWith("Follow-up due: Send"))!;
    expect(due["DTSTART;VALUE=DATE"]).toBe(addDays(today, 7).replace(/-/g, ""));
  });

  it("applies the organisations filter and records the export", async () => {
    const text = await (await runLoader(calendarLoader, `/reports/calendar.ics?organisation=europol`, { user: viewer })).text();
    const events = icsEvents(text);
    expect(events.map((e) => e.SUMMARY).sort()).toEqual(["All-day conference", "Follow-up due: Arrange the next review"]);
    const event = lastExportEvent();
    expect(event.summary).toMatch(
      /^Exported calendar \(iCalendar\) \(OFFICIAL\) of 2 calendar entries \(1 engagements, 1 due dates\): from .+ on; organisations: Europol$/,
    );
    expect(JSON.parse(event.after!)).toMatchObject({ format: "ics", rows: 2 });
  });

  it("refuses an unknown organisation with a 400", async () => {
    const response = await runLoader(calendarLoader, `/reports/calendar.ics?organisation=nobody`, { user: viewer });
    expect(response.status).toBe(400);
  });
});

// ---- one engagement ------------------------------------------------------------------------------------------

describe("one engagement's Word document and print page", () => {
  it("downloads everything about the engagement, marked with its own marking", async () => {
    const response = await runLoader(engagementDocxLoader, `/engagements/${kent}/summary.docx`, {
      user: viewer,
      params: { engagementId: String(kent) },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    expect(response.headers.get("Content-Disposition")).toMatch(
      /^attachment; filename="OFFICIAL-SENSITIVE engagement 2026-08-20 -5 officers trained script alert\(1\) script.docx"/,
    );
    const docx = await openDocx(response);
    for (const part of [...docx.headers, ...docx.footers]) expect(wordText(part)).toContain("OFFICIAL-SENSITIVE");
    expect(docx.text).toContain("-5 officers trained <script>alert(1)</script>");
    expect(docx.text).toContain("+44 helpline review");
    const event = lastExportEvent();
    expect(event.entityType).toBe("engagement");
    expect(event.entityId).toBe(String(kent));
  });

  it("prints the engagement with its marking at top and bottom", async () => {
    const response = await runLoader(engagementPrintLoader, `/engagements/${nca.id}/print`, {
      user: viewer,
      params: { engagementId: String(nca.id) },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Disposition")).toBeNull();
    const html = await response.text();
    expect(html.match(/<p class="app-print-marking">OFFICIAL<\/p>/g)).toHaveLength(2);
    expect(html).toContain("Quarterly review with the NCA");
    expect(html).toContain("Referral figures");
    expect(html).toContain(`href="/engagements/${nca.id}"`);
  });

  it("answers 404 for an engagement that does not exist or an id that is not a number", async () => {
    for (const id of ["999999", "abc", "0", "1e3"]) {
      for (const loader of [engagementDocxLoader, engagementPrintLoader]) {
        const response = await runLoader(loader, `/engagements/${id}/print`, { user: viewer, params: { engagementId: id } });
        expect(response.status).toBe(404);
      }
    }
  });
});

// ---- memory: batches, and a fixed number of queries per batch ------------------------------------------

describe("reading a report's engagements", () => {
  const everything: ReportFilters = {
    from: "2030-01-01",
    to: "2030-12-31",
    organisation: [],
    orgKind: [],
    theme: [],
    kind: [],
    include: ["attendees", "agenda", "actions"],
  };

  beforeAll(() => {
    const slugs = ["kent-police", "europol", "national-crime-agency", "border-force"];
    for (let i = 0; i < 45; i++) {
      const { engagement } = insertEngagement({
        title: `Batch engagement ${i}`,
        date: `2030-${String(1 + (i % 12)).padStart(2, "0")}-${String(1 + (i % 28)).padStart(2, "0")}`,
        organisationSlugs: [slugs[i % 4], slugs[(i + 1) % 4]],
        actions: [{ description: `Action of ${i}` }, { kind: "follow_up", description: `Follow-up of ${i}` }],
      });
      insertAttendee(engagement.id, { name: `Attendee of ${i}` });
      insertAgendaItem(engagement.id, { title: `Item of ${i}` });
    }
  });

  function countingQueries<T>(read: () => T): { result: T; queries: number } {
    const client = db().$client;
    const spy = vi.spyOn(client, "prepare");
    try {
      const result = read();
      return { result, queries: spy.mock.calls.length };
    } finally {
      spy.mockRestore();
    }
  }

  it("in date order, in batches no larger than asked for, each with its children in a fixed number of queries", () => {
    const { result: batches, queries } = countingQueries(() => [...reportEngagementsByDate({ filters: everything, batchSize: 10 })]);
    expect(batches.map((b) => b.length)).toEqual([10, 10, 10, 10, 5]);
    const all = batches.flat();
    expect(all.map((e) => e.date)).toEqual([...all.map((e) => e.date)].sort());
    expect(
      all.every((e) => e.attendees.length === 1 && e.agenda.length === 1 && e.actions.length === 2 && e.organisations.length === 2),
    ).toBe(true);
    // One page query and six child queries per batch (and one final empty page at most): never one per engagement.
    expect(queries).toBeGreaterThanOrEqual(5 * 7);
    expect(queries).toBeLessThanOrEqual(5 * 7 + 1);
  });

  it("grouped under each engagement's first organisation, each engagement once, batches spanning groups", () => {
    const { result: batches, queries } = countingQueries(() => [...reportEngagementsGrouped({ filters: everything, batchSize: 10 })]);
    expect(batches.every((b) => b.length <= 10)).toBe(true);
    const all = batches.flat();
    expect(all).toHaveLength(45);
    expect(new Set(all.map((e) => e.id)).size).toBe(45);
    for (const e of all) expect(e.placement?.id).toBe(e.organisations[0].id);
    // Kinds in the report's order (police forces before national bodies before border before international), dates rising within each.
    const kinds = all.map((e) => e.placement!.kind);
    expect([...new Set(kinds)]).toEqual(["police_force", "national_policing_body", "border_immigration", "international_agency"]);
    // The group list, one id page per organisation and size of batch, six child queries per batch.
    expect(queries).toBeGreaterThanOrEqual(5 * 6);
    expect(queries).toBeLessThan(1 + 4 * 2 + 5 * 6 + 5);
  });

  it("with an organisation filter, lists an engagement under the organisation chosen even when it was not recorded first", () => {
    const all = [...reportEngagementsGrouped({ filters: { ...everything, organisation: ["europol"] } })].flat();
    expect(all.length).toBeGreaterThan(0);
    for (const e of all) expect(e.placement?.name).toBe("European Union Agency for Law Enforcement Cooperation");
  });

  it("the actions of the report, a batch at a time", () => {
    const batches = [...reportActions({ filters: everything, batchSize: 10 })];
    expect(batches.flat()).toHaveLength(90);
    expect(batches.every((b) => b.length <= 20)).toBe(true);
  });
});

// ---- who may ----------------------------------------------------------------------------------------------

describeRoleMatrix("reports", [
  { name: "GET /reports", minRole: "viewer", run: (user) => runLoader(builderLoader, "/reports", { user }) },
  { name: "GET /reports?from&to", minRole: "viewer", run: (user) => runLoader(builderLoader, `/reports?${Q3}`, { user }) },
  { name: "GET /reports/summary.docx", minRole: "viewer", run: (user) => runLoader(docxLoader, `/reports/summary.docx?${Q3}`, { user }) },
  {
    name: "GET /reports/engagements.csv",
    minRole: "viewer",
    run: (user) => runLoader(engagementsCsvLoader, `/reports/engagements.csv?${Q3}`, { user }),
  },
  {
    name: "GET /reports/actions.csv",
    minRole: "viewer",
    run: (user) => runLoader(actionsCsvLoader, `/reports/actions.csv?${Q3}`, { user }),
  },
  { name: "GET /reports/print", minRole: "viewer", run: (user) => runLoader(printLoader, `/reports/print?${Q3}`, { user }) },
  {
    name: "GET /reports/calendar.ics",
    minRole: "viewer",
    run: (user) => runLoader(calendarLoader, `/reports/calendar.ics?${Q3}`, { user }),
  },
  {
    name: "GET /engagements/:id/summary.docx",
    minRole: "viewer",
    run: (user) =>
      runLoader(engagementDocxLoader, `/engagements/${europolVisit}/summary.docx`, {
        user,
        params: { engagementId: String(europolVisit) },
      }),
  },
  {
    name: "GET /engagements/:id/print",
    minRole: "viewer",
    run: (user) =>
      runLoader(engagementPrintLoader, `/engagements/${europolVisit}/print`, { user, params: { engagementId: String(europolVisit) } }),
  },
]);
