// The report builder's counters (report_* in db/schema/counts.ts, docs/decisions/0030) equal a recount from scratch,
// made here in JavaScript from the records, after every step of a random sequence of changes: through the models and
// pages (archive, restore, bulk close and reassign, a spreadsheet imported, an import undone, a transaction rolled
// back midway) and straight in SQL as an import or a seed writes (every column the counters follow, inserts and
// deletes of engagements, actions and organisation links, an organisation's change of kind). And the report's
// statistics read from the counters equal those counted from the records, for several filters and periods (whole
// months, partial months, a day, across years, over two years).
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db, writeTransaction } from "~db/connection";
import { ACTION_KINDS, ENGAGEMENT_KINDS, ENGAGEMENT_STATUSES, engagements, ORGANISATION_KINDS, organisations } from "~db/schema";
import { addDays } from "~/domain/dates";
import type { ReportEngagementFilters, ReportFilters } from "~/domain/report-types";
import { changeActionsAs } from "~/models/action.server";
import { archiveEngagement, restoreEngagement } from "~/models/engagement/write.server";
import { calendarItemCounts, countCalendarItems, upcomingDueActions, upcomingEngagements } from "~/models/report/calendar.server";
import { countReportActions, reportStatistics, reportStatisticsFromRows } from "~/models/report/statistics.server";
import { periodRanges } from "~/models/report/counters.server";
import { insertTheme } from "../support/fixtures";
import { action as uploadAction } from "~/routes/import._index";
import { action as checkAction } from "~/routes/import.$importId._index";
import { action as undoAction } from "~/routes/import.$importId.undo";
import { redirectedTo, runAction, signedInAs, type TestUser } from "../support/requests";
import { all, run } from "../support/raw-sql";
import { seededRandom } from "../support/seeded-random";

const TODAY = "2026-06-15";

/** What each counter table should hold, worked out from the records without SQL aggregates. */
function recount(): Record<string, string[]> {
  const kindsOf = new Map<number, Set<string>>();
  /** Each engagement's slices: 0, and each of its organisations. */
  const slicesOf = new Map<number, number[]>();
  for (const [engagementId, kind, organisationId] of all<[number, string, number]>(
    `SELECT eo.engagement_id, o.kind, o.id FROM engagement_organisations eo JOIN organisations o ON o.id = eo.organisation_id`,
  )) {
    kindsOf.set(engagementId, (kindsOf.get(engagementId) ?? new Set()).add(kind));
    slicesOf.set(engagementId, [...(slicesOf.get(engagementId) ?? [0]), organisationId]);
  }
  const live = new Map<number, { date: string; kind: string; status: string; sensitive: number; orgKinds: string }>();
  for (const [id, date, kind, status, marking] of all<[number, string, string, string, string]>(
    `SELECT id, date, kind, status, marking FROM engagements WHERE archived_at IS NULL`,
  ))
    live.set(id, {
      date,
      kind,
      status,
      sensitive: marking === "OFFICIAL-SENSITIVE" ? 1 : 0,
      orgKinds: [...(kindsOf.get(id) ?? [])].sort().join(","),
    });

  const tally = (map: Map<string, number>, key: unknown[]) => map.set(JSON.stringify(key), (map.get(JSON.stringify(key)) ?? 0) + 1);
  /**
   * Each way a record is counted: per day and per month, under each of the four facets; in an organisation's slice,
   * per month (actions in facets 0 and 1 only).
   */
  const ways = (e: { date: string; kind: string; orgKinds: string }, slice = 0, facets = 4) =>
    (["d", "m"] as const)
      .flatMap((grain) =>
        [0, 1, 2, 3].map((facet) => ({
          grain,
          facet,
          period: grain === "d" ? e.date : e.date.slice(0, 7),
          kind: facet & 1 ? e.kind : "*",
          orgKinds: facet & 2 ? e.orgKinds : "*",
        })),
      )
      .filter((w) => slice === 0 || (w.grain === "m" && w.facet < facets));
  const engagementCounts = new Map<string, number>();
  for (const [id, e] of live)
    for (const slice of slicesOf.get(id) ?? [0])
      for (const w of ways(e, slice))
        tally(engagementCounts, [w.grain, w.facet, slice, w.period, w.kind, w.orgKinds, e.status, e.sensitive]);
  const actionCounts = new Map<string, number>();
  for (const [engagementId, kind, status, dueDate] of all<[number, string, string, string | null]>(
    `SELECT engagement_id, kind, status, due_date FROM actions`,
  )) {
    const e = live.get(engagementId);
    if (!e) continue;
    const outstanding = status === "open" || status === "in_progress";
    for (const slice of slicesOf.get(engagementId) ?? [0])
      for (const w of ways(e, slice, 2))
        tally(actionCounts, [
          w.grain,
          w.facet,
          slice,
          w.period,
          w.kind,
          w.orgKinds,
          kind,
          outstanding ? "outstanding" : status,
          outstanding ? (dueDate ?? "") : "",
        ]);
  }
  const organisationCounts = new Map<string, number>();
  for (const [engagementId, organisationId] of all<[number, number]>(
    `SELECT engagement_id, organisation_id FROM engagement_organisations`,
  )) {
    const e = live.get(engagementId);
    if (!e) continue;
    for (const w of ways(e)) tally(organisationCounts, [w.grain, w.facet, organisationId, w.period, w.kind, w.orgKinds]);
  }
  const rows = (map: Map<string, number>) => [...map].map(([key, n]) => JSON.stringify([...JSON.parse(key), n])).sort();
  return {
    report_engagement_keys: [...live].map(([id, e]) => JSON.stringify([id, e.date, e.kind, e.status, e.sensitive, e.orgKinds])).sort(),
    report_engagement_counts: rows(engagementCounts),
    report_action_counts: rows(actionCounts),
    report_organisation_counts: rows(organisationCounts),
  };
}

function expectCountersEqualRecount(step: string) {
  const expected = recount();
  for (const [table, rows] of Object.entries(expected)) {
    const kept = all(`SELECT * FROM ${table}`)
      .map((row) => JSON.stringify(row))
      .sort();
    expect(kept, `${table} after ${step}`).toEqual(rows);
  }
}

const NO_FILTERS: ReportFilters = { from: "2026-01-01", to: "2026-12-31", organisation: [], orgKind: [], theme: [], kind: [], include: [] };

/** Periods of every shape the counters are read in. */
const PERIODS: [string, string][] = [
  ["2026-01-01", "2026-12-31"], // whole months of one year
  ["2025-04-01", "2026-03-31"], // a financial year, across two years
  ["2025-11-17", "2026-02-03"], // partial first and last months across a year's end
  ["2026-03-05", "2026-03-19"], // inside one month
  ["2026-02-10", "2026-03-09"], // two partial months, no whole one
  ["2026-04-01", "2026-04-30"], // one whole month
  ["2026-06-15", "2026-06-15"], // one day
  ["2024-01-01", "2026-12-31"], // over two years: months from the first engagement to the last
  ["2024-02-29", "2026-08-31"], // a leap day, and a whole last month
];

/** The days on and either side of each period's ends and of the months that hold them. */
const EDGE_DATES = PERIODS.flatMap(([from, to]) => {
  const firstOfLastMonth = `${to.slice(0, 7)}-01`;
  const lastOfFirstMonth = addDays(`${addDays(`${from.slice(0, 7)}-28`, 5).slice(0, 7)}-01`, -1);
  return [
    from,
    to,
    addDays(from, -1),
    addDays(to, 1),
    firstOfLastMonth,
    addDays(firstOfLastMonth, -1),
    lastOfFirstMonth,
    addDays(lastOfFirstMonth, 1),
  ];
});

/** The filters the counters serve: none, engagement kinds, kinds of organisation, and both. */
function counterFilterSets(): Pick<ReportFilters, "kind" | "orgKind">[] {
  return [
    { kind: [], orgKind: [] },
    { kind: ["meeting"], orgKind: [] },
    { kind: ["call", "visit"], orgKind: [] },
    { kind: [], orgKind: ["police_force"] },
    { kind: [], orgKind: ["pcc", "inspectorate"] },
    { kind: ["meeting", "other"], orgKind: ["police_force", "government_department"] },
  ];
}

/** Filters with organisations chosen: one organisation's slice of the counters, or those organisations' engagements. */
function organisationFilterSets(): Pick<ReportFilters, "organisation" | "kind" | "orgKind">[] {
  const [first, second] = organisationIds.map((id) => all<[string]>(`SELECT slug FROM organisations WHERE id = ?`, id)[0][0]);
  return [
    { organisation: [first], kind: [], orgKind: [] },
    { organisation: [second], kind: ["meeting", "visit"], orgKind: [] },
    { organisation: [first, second], kind: ["meeting", "call"], orgKind: [] },
    { organisation: [second], kind: [], orgKind: ["pcc"] },
  ];
}

function expectStatisticsEqualRows(step: string, today: string) {
  for (const [from, to] of PERIODS)
    // A theme too: the builder shows the statistics' actions made as the rows of the actions spreadsheet.
    for (const chosen of [...counterFilterSets(), ...organisationFilterSets(), { theme: [themeIds[0]] }]) {
      const filters = { ...NO_FILTERS, ...chosen, from, to };
      const statistics = reportStatistics({ filters, today });
      expect(statistics, `${step}: ${JSON.stringify(filters)}`).toEqual(reportStatisticsFromRows({ filters, today }));
      // The builder's count of actions, from the same counters.
      expect(countReportActions(filters), `${step}: actions of ${JSON.stringify(filters)}`).toBe(
        statistics.commitments.made + statistics.followUps.made,
      );
    }
}

/** Every way the builder's calendar counts are read: each counter path, and the records. */
function calendarFilterSets(): Pick<ReportFilters, "organisation" | "orgKind" | "theme" | "kind">[] {
  const none = { organisation: [], orgKind: [], theme: [], kind: [] };
  return [
    ...counterFilterSets().map((chosen) => ({ ...none, ...chosen })),
    { ...none, theme: [themeIds[0]] },
    { ...none, theme: [themeIds[1]] },
    { ...none, theme: themeIds },
    { ...none, theme: [themeIds[0]], kind: ["meeting"] },
    { ...none, theme: [themeIds[1]], orgKind: ["police_force"] },
    ...organisationFilterSets().map((chosen) => ({ ...none, ...chosen })),
  ];
}

/**
 * The builder's count of the calendar's engagements and due dates, and the export's own count, equal the records the
 * calendar export streams (read with the plain filters, without any narrowing or counter).
 */
function expectCalendarCountsEqualRows(step: string, today: string) {
  const streamed = <T>(batches: Generator<T[]>) => [...batches].reduce((n, batch) => n + batch.length, 0);
  for (const filters of calendarFilterSets()) {
    const fromRecords = {
      engagements: streamed(upcomingEngagements({ filters, today })),
      actions: streamed(upcomingDueActions({ filters, today })),
    };
    const label = `${step}, from ${today}: ${JSON.stringify(filters)}`;
    expect(calendarItemCounts({ filters, today }), label).toEqual(fromRecords);
    const exported = countCalendarItems({ filters, today });
    expect({ engagements: exported.engagements, actions: exported.actions }, label).toEqual(fromRecords);
  }
}

let users: TestUser[];
let themeIds: number[];
let organisationIds: number[];

beforeAll(async () => {
  users = [await signedInAs("manager"), await signedInAs("officer")];
  themeIds = ["Serious crime", "Borders"].map(insertTheme);
  organisationIds = db()
    .select({ id: organisations.id })
    .from(organisations)
    .all()
    .map((o) => o.id)
    .slice(0, 14);
});

describe("the report builder's counters", () => {
  it("periodRanges reads whole months from the month rows and the days of partial months from the day rows", () => {
    expect(periodRanges("2026-01-01", "2026-12-31")).toEqual([{ grain: "m", from: "2026-01", to: "2026-12" }]);
    expect(periodRanges("2025-11-17", "2026-02-03")).toEqual([
      { grain: "m", from: "2025-12", to: "2026-01" },
      { grain: "d", from: "2025-11-17", to: "2025-11-30" },
      { grain: "d", from: "2026-02-01", to: "2026-02-03" },
    ]);
    expect(periodRanges("2026-03-05", "2026-03-19")).toEqual([{ grain: "d", from: "2026-03-05", to: "2026-03-19" }]);
    expect(periodRanges("2026-02-10", "2026-03-09")).toEqual([{ grain: "d", from: "2026-02-10", to: "2026-03-09" }]);
    expect(periodRanges("2024-02-01", "2024-02-29")).toEqual([{ grain: "m", from: "2024-02", to: "2024-02" }]);
    expect(periodRanges("2023-02-01", "2023-02-28")).toEqual([{ grain: "m", from: "2023-02", to: "2023-02" }]);
    expect(periodRanges("2024-02-01", "2024-02-28")).toEqual([{ grain: "d", from: "2024-02-01", to: "2024-02-28" }]);
  });

  it("equal a recount from scratch after every step of a random sequence of changes, and give the figures the records do", async () => {
    const r = seededRandom(20261201);
    // Engagements from late 2024 to early 2027, so that periods cross the years; half of them on the days around
    // the periods' edges, where whole months meet partial ones.
    const date = () => (r.chance(0.5) ? addDays(TODAY, r.int(850) - 600) : r.pick(EDGE_DATES));
    const maybe = <T>(value: T, p = 0.7) => (r.chance(p) ? value : null);
    const userId = () => r.pick(users).id;
    const manager = users[0];
    const actor = { id: manager.id, email: manager.email, role: manager.role, ip: "127.0.0.1" };

    function insertEngagementWithActions(): number {
      const id = Number(
        run(
          `INSERT INTO engagements (title, kind, status, date, marking, lead_user_id, created_by_id, archived_at, created_at, updated_at)
          VALUES ('Random', ?, ?, ?, ?, ?, ?, ?, '2026-01-01', '2026-01-01')`,
          r.pick(ENGAGEMENT_KINDS),
          r.pick(ENGAGEMENT_STATUSES),
          date(),
          r.chance(0.2) ? "OFFICIAL-SENSITIVE" : "OFFICIAL",
          maybe(userId()),
          maybe(userId()),
          r.chance(0.1) ? "2026-02-01T00:00:00Z" : null,
        ).lastInsertRowid,
      );
      for (const org of new Set([r.pick(organisationIds), r.pick(organisationIds), r.pick(organisationIds)].slice(0, r.int(4))))
        run(`INSERT INTO engagement_organisations (engagement_id, organisation_id) VALUES (?, ?)`, id, org);
      for (const theme of new Set([r.pick(themeIds), r.pick(themeIds)].slice(0, r.int(3))))
        run(`INSERT INTO engagement_themes (engagement_id, theme_id) VALUES (?, ?)`, id, theme);
      for (let i = r.int(5); i > 0; i--) insertAction(id);
      return id;
    }
    function insertAction(engagementId: number) {
      const office = r.chance(0.6);
      run(
        `INSERT INTO actions (engagement_id, kind, description, organisation_id, owner_type, owner_user_id, due_date, status, created_at, updated_at)
        VALUES (?, ?, 'Random action', ?, ?, ?, ?, ?, '2026-01-01', '2026-01-01')`,
        engagementId,
        r.pick(ACTION_KINDS),
        maybe(r.pick(organisationIds)),
        office ? "office" : "stakeholder",
        office ? maybe(userId()) : null,
        maybe(addDays(TODAY, r.int(120) - 60), 0.8),
        r.pick(["open", "open", "in_progress", "done", "dropped"]),
      );
    }
    /** A spreadsheet of engagements imported through the import pages, as a member of staff does: its id. */
    async function importSpreadsheet(): Promise<number> {
      const lines = ["Date,Title,Organisations,Action,Action due date"];
      for (let i = 1 + r.int(4); i > 0; i--)
        lines.push(
          `${date()},Imported ${r.int(1e9)},${r.pick(["NCA", "Border Force; Europol", "NCA; Europol"])},${r.chance(0.6) ? "Send the minutes" : ""},${r.chance(0.5) ? addDays(TODAY, r.int(120) - 60) : ""}`,
        );
      const form = new FormData();
      form.append("kind", "engagements");
      form.append("file", new File([lines.join("\n")], "import.csv"));
      const uploaded = await runAction(uploadAction, "/import", form, { user: users[1] });
      const id = Number(/\/import\/(\d+)$/.exec(redirectedTo(uploaded) ?? "")?.[1]);
      expect(id, await uploaded.clone().text()).toBeGreaterThan(0);
      const saved = await runAction(checkAction, `/import/${id}`, { intent: "save" }, { user: users[1], params: { importId: String(id) } });
      expect(redirectedTo(saved), await saved.clone().text()).toBeTruthy();
      return id;
    }
    const imported: number[] = [];

    const anyRow = (table: string) => all<number[]>(`SELECT id FROM ${table} ORDER BY random() LIMIT 1`)[0]?.[0];

    const steps: [string, () => Promise<unknown> | unknown][] = [
      ["an engagement with organisations and actions written as an import or a seed would", insertEngagementWithActions],
      ["an action added", () => insertAction(anyRow("engagements")!)],
      [
        "an action closed or reopened, re-dated, re-kinded, moved to another engagement",
        () => {
          const id = anyRow("actions");
          if (!id) return;
          const column = r.pick(["status", "due_date", "kind", "engagement_id", "owner_user_id"]);
          const value =
            column === "status"
              ? r.pick(["open", "in_progress", "done", "dropped"])
              : column === "due_date"
                ? maybe(addDays(TODAY, r.int(120) - 60))
                : column === "kind"
                  ? r.pick(ACTION_KINDS)
                  : column === "engagement_id"
                    ? anyRow("engagements")
                    : maybe(userId());
          run(`UPDATE actions SET ${column} = ? WHERE id = ?`, value, id);
        },
      ],
      ["an action deleted", () => run(`DELETE FROM actions WHERE id = ?`, anyRow("actions") ?? 0)],
      [
        "an engagement's status, date, kind, marking or title changed",
        () => {
          const id = anyRow("engagements");
          const column = r.pick(["status", "date", "kind", "marking", "title"]);
          const value =
            column === "status"
              ? r.pick(ENGAGEMENT_STATUSES)
              : column === "date"
                ? date()
                : column === "kind"
                  ? r.pick(ENGAGEMENT_KINDS)
                  : column === "marking"
                    ? r.pick(["OFFICIAL", "OFFICIAL-SENSITIVE"])
                    : "Renamed";
          run(`UPDATE engagements SET ${column} = ? WHERE id = ?`, value, id ?? 0);
        },
      ],
      [
        "several columns of an engagement changed at once, as its edit form saves them",
        () =>
          run(
            `UPDATE engagements SET date = ?, kind = ?, status = ?, marking = ? WHERE id = ?`,
            date(),
            r.pick(ENGAGEMENT_KINDS),
            r.pick(ENGAGEMENT_STATUSES),
            r.pick(["OFFICIAL", "OFFICIAL-SENSITIVE"]),
            anyRow("engagements") ?? 0,
          ),
      ],
      [
        "an engagement archived or restored through the model",
        async () => {
          const id = anyRow("engagements");
          if (!id) return;
          const row = db().select().from(engagements).where(eq(engagements.id, id)).get()!;
          const change = { id, version: row.version, actor };
          await (row.archivedAt ? restoreEngagement(change) : archiveEngagement(change));
        },
      ],
      [
        "an engagement deleted with everything it holds",
        () => {
          const id = anyRow("engagements") ?? 0;
          run(`UPDATE actions SET resolved_by_engagement_id = NULL WHERE resolved_by_engagement_id = ?`, id);
          for (const table of ["actions", "engagement_organisations", "engagement_themes", "attendees", "agenda_items"])
            run(`DELETE FROM ${table} WHERE engagement_id = ?`, id);
          run(`DELETE FROM engagements WHERE id = ?`, id);
        },
      ],
      [
        "a bulk close or reassign through the model",
        async () => {
          const items = all<number[]>(
            `SELECT a.id, a.version FROM actions a JOIN engagements e ON e.id = a.engagement_id
            WHERE e.archived_at IS NULL AND a.status IN ('open', 'in_progress') ORDER BY random() LIMIT 3`,
          ).map((row) => ({ id: row[0], version: row[1] }));
          const change = r.chance(0.5)
            ? { status: "done" as const, closingNote: "Done in the test" }
            : { ownerType: "office" as const, ownerUserId: users[1].id };
          await changeActionsAs({ items, change, user: actor });
        },
      ],
      [
        "an organisation added to or taken off an engagement",
        () => {
          const id = anyRow("engagements") ?? 0;
          const org = r.pick(organisationIds);
          if (r.chance(0.5)) run(`INSERT OR IGNORE INTO engagement_organisations (engagement_id, organisation_id) VALUES (?, ?)`, id, org);
          else run(`DELETE FROM engagement_organisations WHERE engagement_id = ? AND organisation_id = ?`, id, org);
        },
      ],
      ["a spreadsheet imported through the import pages", async () => imported.push(await importSpreadsheet())],
      [
        "an import undone by a manager (its engagements archived)",
        async () => {
          const id = imported.pop();
          if (!id) return;
          const response = await runAction(undoAction, `/import/${id}/undo`, {}, { user: manager, params: { importId: String(id) } });
          expect(redirectedTo(response)).toBe(`/import/${id}`);
        },
      ],
      [
        "an organisation link deleted",
        () =>
          run(`DELETE FROM engagement_organisations WHERE rowid = (SELECT rowid FROM engagement_organisations ORDER BY random() LIMIT 1)`),
      ],
      [
        "an organisation linked to an engagement",
        () =>
          run(
            `INSERT OR IGNORE INTO engagement_organisations (engagement_id, organisation_id) VALUES (?, ?)`,
            anyRow("engagements") ?? 0,
            r.pick(organisationIds),
          ),
      ],
      [
        "an organisation's kind changed",
        () => run(`UPDATE organisations SET kind = ? WHERE id = ?`, r.pick(ORGANISATION_KINDS), r.pick(organisationIds)),
      ],
      [
        "a write transaction rolled back midway",
        async () => {
          await expect(
            writeTransaction(() => {
              insertEngagementWithActions();
              run(`UPDATE actions SET status = 'done' WHERE id = ?`, anyRow("actions") ?? 0);
              run(`UPDATE engagements SET archived_at = '2026-03-01', kind = 'call' WHERE id = ?`, anyRow("engagements") ?? 0);
              run(
                `DELETE FROM engagement_organisations WHERE rowid = (SELECT rowid FROM engagement_organisations ORDER BY random() LIMIT 1)`,
              );
              throw new Error("midway");
            }),
          ).rejects.toThrow("midway");
        },
      ],
    ];

    for (let i = 0; i < 40; i++) insertEngagementWithActions();
    expectCountersEqualRecount("the start");
    expectStatisticsEqualRows("the start", TODAY);
    for (let i = 0; i < 150; i++) {
      const [name, step] = r.pick(steps);
      await step();
      expectCountersEqualRecount(`step ${i}: ${name}`);
      if (i % 10 === 0) expectStatisticsEqualRows(`step ${i}: ${name}`, r.pick([TODAY, addDays(TODAY, -45), addDays(TODAY, 40)]));
      if (i % 5 === 0) expectCalendarCountsEqualRows(`step ${i}: ${name}`, r.pick([TODAY, addDays(TODAY, -45), addDays(TODAY, 40)]));
    }
    expectStatisticsEqualRows("the end", TODAY);
    expectCalendarCountsEqualRows("the end", TODAY);
    // Not an empty comparison: imports were saved and undone; the periods hold engagements of each filter, with
    // actions overdue and organisations.
    const importStatuses = Object.fromEntries(all<[string, number]>(`SELECT status, count(*) FROM imports GROUP BY 1`));
    expect(importStatuses.saved).toBeGreaterThan(0);
    expect(importStatuses.undone).toBeGreaterThan(0);
    const year = reportStatistics({ filters: { ...NO_FILTERS, from: "2024-01-01", to: "2026-12-31" }, today: TODAY });
    expect(year.engagements).toBeGreaterThan(20);
    expect(year.commitments.overdue + year.followUps.overdue).toBeGreaterThan(0);
    expect(year.byOrganisationKind.length).toBeGreaterThan(1);
    expect(reportStatistics({ filters: { ...NO_FILTERS, orgKind: ["police_force"] }, today: TODAY }).engagements).toBeGreaterThan(0);
    // Nor are the calendar's: two planned engagements to come (a meeting and a call, with both themes, organisations
    // of the kinds the filters name and the two organisations they choose), each with an action due, fall under
    // every filter set, which the counters and the records then count alike.
    const ofKind = (kind: string) => all<[number]>(`SELECT id FROM organisations WHERE kind = ? LIMIT 1`, kind)[0][0];
    const linked = new Set([ofKind("police_force"), ofKind("pcc"), organisationIds[0], organisationIds[1]]);
    for (const kind of ["meeting", "call"]) {
      const id = Number(
        run(
          `INSERT INTO engagements (title, kind, status, date, marking, created_at, updated_at)
           VALUES ('Coming up', ?, 'planned', ?, 'OFFICIAL', '2026-01-01', '2026-01-01')`,
          kind,
          addDays(TODAY, 10),
        ).lastInsertRowid,
      );
      for (const org of linked) run(`INSERT INTO engagement_organisations (engagement_id, organisation_id) VALUES (?, ?)`, id, org);
      for (const theme of themeIds) run(`INSERT INTO engagement_themes (engagement_id, theme_id) VALUES (?, ?)`, id, theme);
      run(
        `INSERT INTO actions (engagement_id, kind, description, owner_type, due_date, status, created_at, updated_at)
         VALUES (?, 'commitment', 'Coming up', 'office', ?, 'open', '2026-01-01', '2026-01-01')`,
        id,
        addDays(TODAY, 5),
      );
    }
    expectCalendarCountsEqualRows("two engagements to come added", TODAY);
    for (const filters of calendarFilterSets()) {
      const counts = calendarItemCounts({ filters, today: TODAY });
      expect(Math.min(counts.engagements, counts.actions), JSON.stringify(filters)).toBeGreaterThan(0);
    }
  });

  it("are what the statistics read with no organisation or one and no theme; records are read otherwise", () => {
    const filters = { ...NO_FILTERS, from: "2024-01-01", to: "2026-12-31" };
    const slug = all<[string]>(`SELECT slug FROM organisations WHERE id = ?`, organisationIds[0])[0][0];
    const before = counterFilterSets().map((chosen) => reportStatistics({ filters: { ...filters, ...chosen }, today: TODAY }));
    const sliceBefore = reportStatistics({ filters: { ...filters, organisation: [slug] }, today: TODAY });
    const otherSlug = all<[string]>(`SELECT slug FROM organisations WHERE id = ?`, organisationIds[1])[0][0];
    const byRows = [{ organisation: [slug, otherSlug] }, { theme: [themeIds[0]] }].map((chosen) =>
      reportStatistics({ filters: { ...filters, ...chosen }, today: TODAY }),
    );
    // Counters for engagements that are not there, of every kind and of four kinds of organisation, in every facet,
    // in slice 0 and in the first organisation's: what reads the counters changes, what reads the records does not.
    for (const slice of [0, organisationIds[0]])
      for (const kind of ENGAGEMENT_KINDS)
        for (const facet of [0, 1, 2, 3])
          run(
            `INSERT OR REPLACE INTO report_engagement_counts (grain, facet, slice, period, kind, org_kinds, status, sensitive, n) VALUES ('m', ?, ?, '2026-05', ?, ?, 'held', 0, 5)`,
            facet,
            slice,
            facet & 1 ? kind : "*",
            facet & 2 ? "government_department,inspectorate,pcc,police_force" : "*",
          );
    expect(reportStatistics({ filters: { ...filters, organisation: [slug] }, today: TODAY }).engagements).toBeGreaterThan(
      sliceBefore.engagements,
    );
    const after = counterFilterSets().map((chosen) => reportStatistics({ filters: { ...filters, ...chosen }, today: TODAY }));
    after.forEach((statistics, i) =>
      expect(statistics.engagements, JSON.stringify(counterFilterSets()[i])).toBeGreaterThan(before[i].engagements),
    );
    expect(
      [{ organisation: [slug, otherSlug] }, { theme: [themeIds[0]] }].map((chosen) =>
        reportStatistics({ filters: { ...filters, ...chosen }, today: TODAY }),
      ),
    ).toEqual(byRows);
  });
  it("are what the builder's calendar counts read with no organisation and no theme (due dates: also one theme alone); records are read otherwise", () => {
    const slug = all<[string]>(`SELECT slug FROM organisations WHERE id = ?`, organisationIds[0])[0][0];
    const none: ReportEngagementFilters = { organisation: [], orgKind: [], theme: [], kind: [] };
    const byKinds: ReportEngagementFilters[] = [none, { ...none, kind: ["meeting"] }, { ...none, orgKind: ["pcc"] }];
    const oneTheme: ReportEngagementFilters = { ...none, theme: [themeIds[0]] };
    const byRows: ReportEngagementFilters[] = [
      { ...none, organisation: [slug] },
      { ...none, theme: themeIds },
      { ...none, theme: [themeIds[0]], kind: ["meeting"] },
    ];
    const count = (filters: ReportEngagementFilters) => calendarItemCounts({ filters, today: TODAY });
    const before = [...byKinds, oneTheme, ...byRows].map(count);
    // Planned engagements and due dates that are not there, in the counters each path reads: after today, and
    // (engagements) today itself, in this month's day rows.
    for (const [facet, value] of [
      ["all", ""],
      ["theme", String(themeIds[0])],
    ])
      run(
        `INSERT INTO outstanding_action_due_counts (facet, value, due_date, n) VALUES (?, ?, ?, 7) ON CONFLICT DO UPDATE SET n = n + 7`,
        facet,
        value,
        addDays(TODAY, 3),
      );
    for (const [facet, kind, orgKinds] of [
      [0, "*", "*"],
      [1, "meeting", "*"],
      [2, "*", "pcc"],
    ] as const) {
      run(
        `INSERT INTO report_action_counts (grain, facet, slice, period, engagement_kind, org_kinds, action_kind, outcome, due_date, n)
         VALUES ('m', ?, 0, '2026-05', ?, ?, 'commitment', 'outstanding', ?, 7) ON CONFLICT DO UPDATE SET n = n + 7`,
        facet,
        kind,
        orgKinds,
        addDays(TODAY, 3),
      );
      for (const [grain, period] of [
        ["m", "2026-09"],
        ["d", TODAY],
      ])
        run(
          `INSERT INTO report_engagement_counts (grain, facet, slice, period, kind, org_kinds, status, sensitive, n)
           VALUES (?, ?, 0, ?, ?, ?, 'planned', 0, 5) ON CONFLICT DO UPDATE SET n = n + 5`,
          grain,
          facet,
          period,
          kind,
          orgKinds,
        );
    }
    const after = [...byKinds, oneTheme, ...byRows].map(count);
    expect(after.slice(0, byKinds.length)).toEqual(
      before.slice(0, byKinds.length).map((c) => ({ engagements: c.engagements + 10, actions: c.actions + 7 })),
    );
    // One theme: the due dates from the counters, the planned engagements from the records.
    expect(after[byKinds.length]).toEqual({ engagements: before[byKinds.length].engagements, actions: before[byKinds.length].actions + 7 });
    expect(after.slice(byKinds.length + 1)).toEqual(before.slice(byKinds.length + 1));
  });
});
