import { describe, expect, it } from "vitest";
import { listAuditEvents, ukMidnightIso } from "~/models/audit.server";
import { loader as auditLoader } from "~/routes/admin.audit";
import { loader as listLoader } from "~/routes/admin.users._index";
import { action as loginAction } from "~/routes/login";
import { db } from "~db/connection";
import { auditEvents, contacts } from "~db/schema";
import { organisationId } from "../support/fixtures";
import { readJson, redirectedTo, runAction, runLoader, signedInAs, TEST_PASSWORD } from "../support/requests";

type EventFields = Partial<typeof auditEvents.$inferInsert>;

/** An audit event written straight into the trail, so its time and contents are known. */
function insertEvent(fields: EventFields = {}) {
  return db()
    .insert(auditEvents)
    .values({ at: new Date().toISOString(), action: "update", summary: "Test event", ...fields })
    .returning()
    .get();
}

async function browse(query: string) {
  const admin = await signedInAs("admin");
  const response = await runLoader(auditLoader, `/admin/audit${query ? `?${query}` : ""}`, { user: admin });
  expect(response.status).toBe(200);
  return readJson(response);
}

const ids = (events: { id: number }[]) => events.map((e) => e.id);

describe("filtering the audit trail", () => {
  it("by who did it", async () => {
    const ann = await signedInAs("officer", "ann");
    const bob = await signedInAs("officer", "bob");
    const a = insertEvent({ actorUserId: ann.id, actorEmail: ann.email, entityType: "actorfilter" });
    insertEvent({ actorUserId: bob.id, actorEmail: bob.email, entityType: "actorfilter" });
    const b = insertEvent({ actorUserId: ann.id, actorEmail: ann.email, entityType: "actorfilter" });
    const data = await browse(`actor=${ann.id}&entity=actorfilter`);
    expect(ids(data.events)).toEqual([b.id, a.id]);
    expect(data.people).toContainEqual({ value: String(ann.id), label: `${ann.name} (${ann.email})` });
  });

  it("by what happened, offering every action the trail holds", async () => {
    const archived = insertEvent({ action: "archive", entityType: "actionfilter" });
    insertEvent({ action: "restore", entityType: "actionfilter" });
    const data = await browse("action=archive&entity=actionfilter");
    expect(ids(data.events)).toEqual([archived.id]);
    expect(data.actions).toContainEqual({ value: "archive", label: "Archived" });
    expect(data.actions).toContainEqual({ value: "restore", label: "Restored" });
    expect(data.entityTypes).toContainEqual({ value: "actionfilter", label: "Actionfilter" });
  });

  it("by kind of record and record, linking each to its page where it has one", async () => {
    const europol = organisationId("europol");
    const contact = db()
      .insert(contacts)
      .values({
        organisationId: europol,
        name: "Liaison Officer",
        createdAt: new Date().toISOString(),
        updatedAt: new Date().toISOString(),
      })
      .returning()
      .get();
    const admin = await signedInAs("admin");
    const orgEvent = insertEvent({ entityType: "organisation", entityId: String(europol), summary: "Europol edited" });
    insertEvent({ entityType: "organisation", entityId: String(organisationId("eurojust")), summary: "Eurojust edited" });
    const contactEvent = insertEvent({ entityType: "contact", entityId: String(contact.id) });
    const userEvent = insertEvent({ entityType: "user", entityId: String(admin.id) });
    const engagementEvent = insertEvent({ entityType: "engagement", entityId: "42" });
    const routeEvent = insertEvent({ entityType: "route", entityId: "/admin/users" });

    const one = await browse(`entity=organisation&entityId=${europol}`);
    expect(ids(one.events)).toEqual([orgEvent.id]);
    expect(one.events[0].entityHref).toBe("/organisations/europol");

    const all = await browse("");
    const href = (id: number) => all.events.find((e: { id: number }) => e.id === id)?.entityHref;
    expect(href(contactEvent.id)).toBe("/organisations/europol");
    expect(href(userEvent.id)).toBe(`/admin/users/${admin.id}`);
    expect(href(engagementEvent.id)).toBe("/engagements/42");
    expect(href(routeEvent.id)).toBeNull();

    const organisationsOnly = await browse("entity=organisation");
    expect(organisationsOnly.events.every((e: { entityType: string }) => e.entityType === "organisation")).toBe(true);
    expect(organisationsOnly.events.length).toBeGreaterThanOrEqual(2);
  });

  it("by date range, in UK time, both ends inclusive", async () => {
    const type = "daterange";
    // Summer (BST, UTC+1): 1 July UK starts at 30 June 23:00 UTC.
    insertEvent({ entityType: type, at: "2026-06-30T22:59:59.999Z" });
    const firstOfJuly = insertEvent({ entityType: type, at: "2026-06-30T23:00:00.000Z" });
    const endOfJuly = insertEvent({ entityType: type, at: "2026-07-31T22:59:59.999Z" });
    insertEvent({ entityType: type, at: "2026-07-31T23:00:00.000Z" });
    expect(ids((await browse(`entity=${type}&from=2026-07-01&to=2026-07-31`)).events)).toEqual([endOfJuly.id, firstOfJuly.id]);
    expect(ids((await browse(`entity=${type}&from=2026-07-31`)).events)).toHaveLength(2);
    expect(ids((await browse(`entity=${type}&to=2026-06-30`)).events)).toHaveLength(1);
    // Typed the UK way, the same range.
    const typed = await browse(`entity=${type}&from=1/7/2026&to=31%2F07%2F2026`);
    expect(typed.errors).toEqual({});
    expect(ids(typed.events)).toEqual([endOfJuly.id, firstOfJuly.id]);
    // The form shows them in its date inputs.
    expect(typed.dates).toEqual({ from: { day: "1", month: "7", year: "2026" }, to: { day: "31", month: "7", year: "2026" } });
    // Typed in the date inputs' three fields, the same range; and GOV.UK's messages when they are not a date.
    const inputs = await browse(`entity=${type}&from-day=1&from-month=7&from-year=2026&to-day=31&to-month=7&to-year=2026`);
    expect(inputs.errors).toEqual({});
    expect(ids(inputs.events)).toEqual([endOfJuly.id, firstOfJuly.id]);
    const wrong = await browse(`entity=${type}&from-day=1&from-month=&from-year=2026&to-day=31&to-month=6&to-year=2026`);
    expect(wrong.errors).toEqual({ from: "The from date must include a month", to: "The to date must be a real date" });

    // Winter (GMT): the UK day and the UTC day coincide.
    const winter = "daterange_winter";
    insertEvent({ entityType: winter, at: "2026-01-14T23:59:59.999Z" });
    const fifteenth = insertEvent({ entityType: winter, at: "2026-01-15T00:00:00.000Z" });
    expect(ids((await browse(`entity=${winter}&from=2026-01-15&to=2026-01-15`)).events)).toEqual([fifteenth.id]);
  });

  it("UK midnight is found across the clock changes", () => {
    expect(ukMidnightIso("2026-01-15")).toBe("2026-01-15T00:00:00.000Z");
    expect(ukMidnightIso("2026-07-01")).toBe("2026-06-30T23:00:00.000Z");
    expect(ukMidnightIso("2026-03-29")).toBe("2026-03-29T00:00:00.000Z"); // clocks go forward at 01:00 GMT
    expect(ukMidnightIso("2026-10-25")).toBe("2026-10-24T23:00:00.000Z"); // clocks go back at 01:00 GMT
  });

  it("by text in the description, the email or the record number, with % and _ matched literally", async () => {
    const type = "textfilter";
    const percent = insertEvent({ entityType: type, summary: "Completion rate 100% reached" });
    insertEvent({ entityType: type, summary: "Completion rate 1000 reached" });
    const underscore = insertEvent({ entityType: type, summary: "Field follow_up changed" });
    insertEvent({ entityType: type, summary: "Field followXup changed" });
    const byEmail = insertEvent({ entityType: type, actorEmail: "searchable.person@example.org" });
    const hostile = insertEvent({ entityType: type, summary: "Name set to '; DROP TABLE audit_events; --" });
    expect(ids((await browse(`entity=${type}&q=${encodeURIComponent("100%")}`)).events)).toEqual([percent.id]);
    expect(ids((await browse(`entity=${type}&q=follow_up`)).events)).toEqual([underscore.id]);
    expect(ids((await browse(`entity=${type}&q=SEARCHABLE.person`)).events)).toEqual([byEmail.id]);
    expect(ids((await browse(`entity=${type}&q=${encodeURIComponent("DROP TABLE")}`)).events)).toEqual([hostile.id]);
    expect(ids((await browse(`entity=${type}&q=nothing+like+this`)).events)).toEqual([]);
  });

  it("filters combine", async () => {
    const cat = await signedInAs("manager", "cat");
    const hit = insertEvent({
      actorUserId: cat.id,
      actorEmail: cat.email,
      action: "archive",
      entityType: "combined",
      summary: "Archived Europol",
      at: "2026-05-05T10:00:00Z",
    });
    insertEvent({
      actorUserId: cat.id,
      actorEmail: cat.email,
      action: "restore",
      entityType: "combined",
      summary: "Restored Europol",
      at: "2026-05-05T10:00:00Z",
    });
    insertEvent({
      actorUserId: cat.id,
      actorEmail: cat.email,
      action: "archive",
      entityType: "combined",
      summary: "Archived Eurojust",
      at: "2026-05-05T10:00:00Z",
    });
    insertEvent({
      actorUserId: cat.id,
      actorEmail: cat.email,
      action: "archive",
      entityType: "combined",
      summary: "Archived Europol",
      at: "2026-04-05T10:00:00Z",
    });
    const data = await browse(`actor=${cat.id}&action=archive&entity=combined&from=2026-05-01&to=2026-05-31&q=europol`);
    expect(ids(data.events)).toEqual([hit.id]);
  });

  it("shows each event's changes field by field", async () => {
    const event = insertEvent({
      entityType: "changes",
      before: JSON.stringify({ name: "Old name", inPost: true, notes: null, dueDate: "2026-12-01", closedAt: null }),
      after: JSON.stringify({
        name: "New name",
        inPost: false,
        notes: "Added",
        dueDate: "2027-01-05",
        closedAt: "2026-07-01T13:05:00.000Z",
      }),
    });
    const broken = insertEvent({ entityType: "changes", before: "not json", after: "[1,2]" });
    const data = await browse("entity=changes");
    const shown = data.events.find((e: { id: number }) => e.id === event.id);
    expect(shown.changes).toEqual([
      { field: "name", before: "Old name", after: "New name" },
      { field: "inPost", before: "Yes", after: "No" },
      { field: "notes", before: "(empty)", after: "Added" },
      { field: "dueDate", before: "1 December 2026", after: "5 January 2027" },
      { field: "closedAt", before: "(empty)", after: "1 July 2026 at 2:05pm" },
    ]);
    expect(data.events.find((e: { id: number }) => e.id === broken.id).changes).toEqual([]);
  });
});

describe("bad filter values", () => {
  it.each([
    ["actor=abc", "actor"],
    ["actor=-1", "actor"],
    ["actor=1.5", "actor"],
    [`actor=${"9".repeat(30)}`, "actor"],
    [`action=${encodeURIComponent("DROP TABLE users")}`, "action"],
    [`action=${encodeURIComponent("<script>")}`, "action"],
    [`entity=${encodeURIComponent("' OR 1=1 --")}`, "entity"],
    [`entityId=${"x".repeat(101)}`, "entityId"],
    ["from=2026-02-30", "from"],
    ["from=yesterday", "from"],
    ["to=2026/11/28", "to"],
    ["to=31/2/2026", "to"],
    ["from=2026-11-28&to=2026-11-01", "to"],
    [`q=${"q".repeat(201)}`, "q"],
    ["before=abc", "before"],
    ["after=0", "after"],
  ])("%s is reported at its field and ignored, never a 500", async (query, field) => {
    insertEvent({ entityType: "badfilter", summary: "Bad filter marker" });
    const other = field === "entity" ? "q=Bad+filter+marker" : "entity=badfilter";
    const data = await browse(`${query}&${other}`);
    expect(Object.keys(data.errors)).toEqual([field]);
    // The bad value is dropped; the other filters still apply.
    expect(data.events.length).toBeGreaterThan(0);
    expect(data.events.every((e: { entityType: string }) => e.entityType === "badfilter")).toBe(true);
  });

  it("repeated and nested parameters do not break the page", async () => {
    const data = await browse("actor=1&actor=2&action[x]=1&entity.y=2&__proto__=3");
    expect(data).toHaveProperty("events");
  });

  it("an actor that does not exist simply matches nothing", async () => {
    const data = await browse("actor=987654");
    expect(data.errors).toEqual({});
    expect(data.events).toEqual([]);
  });
});

describe("keyset pagination", () => {
  it("pages through every event once, newest first, with no duplicates or gaps, and back again", async () => {
    const type = "paging";
    const inserted = Array.from({ length: 130 }, (_, i) => insertEvent({ entityType: type, summary: `Paging event ${i}` }).id);
    // Events of other kinds in between must not disturb the pages.
    for (let i = 0; i < 10; i++) insertEvent({ entityType: "noise" });

    const pages: number[][] = [];
    let data = await browse(`entity=${type}`);
    expect(data.previous).toBeNull();
    pages.push(ids(data.events));
    while (data.next) {
      const next = new URL(data.next, "http://localhost");
      expect(next.searchParams.get("entity")).toBe(type);
      data = await browse(next.searchParams.toString());
      pages.push(ids(data.events));
    }
    expect(pages.map((p) => p.length)).toEqual([50, 50, 30]);
    const seen = pages.flat();
    expect(new Set(seen).size).toBe(130);
    expect(seen).toEqual([...inserted].reverse());

    // And back towards the newest, page by page.
    const back: number[][] = [ids(data.events)];
    while (data.previous) {
      data = await browse(new URL(data.previous, "http://localhost").searchParams.toString());
      back.unshift(ids(data.events));
    }
    expect(back).toEqual(pages);
  });

  it("an exactly full last page offers no empty next page", async () => {
    for (let i = 0; i < 50; i++) insertEvent({ entityType: "fifty" });
    const data = await browse("entity=fifty");
    expect(data.events).toHaveLength(50);
    expect(data.next).toBeNull();
    expect(data.previous).toBeNull();
  });

  it("new events arriving while someone pages do not shift the older pages", async () => {
    const type = "arrivals";
    for (let i = 0; i < 60; i++) insertEvent({ entityType: type });
    const first = listAuditEvents({ entityType: type, limit: 25 });
    for (let i = 0; i < 5; i++) insertEvent({ entityType: type });
    const second = listAuditEvents({ entityType: type, before: first.nextBefore!, limit: 25 });
    expect(Math.max(...ids(second.events))).toBeLessThan(Math.min(...ids(first.events)));
    expect(second.events[0].id).toBe(first.events[24].id - 1);
  });
});

describe("what the trail records", () => {
  it("a sign-in, a failed sign-in and a refused request each leave an event", async () => {
    const viewer = await signedInAs("viewer", "recorded");
    const start = listAuditEvents({ limit: 1 }).events[0].id;

    expect(redirectedTo(await runAction(loginAction, "/login", { email: viewer.email, password: TEST_PASSWORD }))).toBe("/");
    expect((await runAction(loginAction, "/login", { email: viewer.email, password: "the wrong password" })).status).toBe(400);
    expect((await runAction(loginAction, "/login", { email: "nobody@example.org", password: "the wrong password" })).status).toBe(400);
    expect((await runLoader(listLoader, "/admin/users", { user: viewer })).status).toBe(403);

    const recent = listAuditEvents({})
      .events.filter((e) => e.id > start)
      .reverse();
    expect(recent.map((e) => e.action)).toEqual(["sign_in", "sign_in_failed", "sign_in_failed", "denied"]);
    expect(recent[0]).toMatchObject({
      actorUserId: viewer.id,
      actorEmail: viewer.email,
      entityType: "user",
      entityId: String(viewer.id),
      ip: "127.0.0.1",
    });
    expect(recent[1]).toMatchObject({ actorUserId: null, entityId: String(viewer.id), ip: "127.0.0.1" });
    expect(recent[1].summary).toContain(viewer.email);
    expect(recent[2].summary).toContain("nobody@example.org");
    expect(recent[3]).toMatchObject({ actorUserId: viewer.id, entityType: "route", entityId: "/admin/users" });

    // And the admin finds them with the filters.
    const failures = await browse("action=sign_in_failed");
    expect(ids(failures.events)).toEqual(expect.arrayContaining([recent[1].id, recent[2].id]));
    const denials = await browse(`action=denied&actor=${viewer.id}`);
    expect(ids(denials.events)).toEqual([recent[3].id]);
    expect(denials.events[0].summary).toBe("GET /admin/users refused: needs admin, has viewer");
  });
});
