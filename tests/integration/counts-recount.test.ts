// The counters the triggers keep (db/schema/counts.ts, docs/decisions/0017) equal a recount from scratch,
// with plain GROUP BY over the records, after every step of a random sequence of changes: through the
// models (archive, restore, bulk close and reassign, a transaction rolled back midway) and straight in
// SQL (every column the counters depend on, inserts and deletes of every table they follow, a change of
// an organisation's kind), as an import or a seed would write. The pages' figures are checked against a
// recount too, on several days.
import { readFileSync } from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db, writeTransaction } from "~db/connection";
import { ACTION_KINDS, ENGAGEMENT_STATUSES, engagements, ORGANISATION_KINDS, organisations } from "~db/schema";
import { addDays } from "~/domain/dates";
import { changeActionsAs } from "~/models/action.server";
import { countOutstandingActions } from "~/models/action-register.server";
import { moveOverdueCutoff } from "~/models/outstanding-counts.server";
import { buildCoverageReport } from "~/models/coverage.server";
import { countEngagementsPerMonth, listMyDueActions, listQuietOrganisations, summariseOutstandingActions } from "~/models/dashboard.server";
import { archiveEngagement, restoreEngagement } from "~/models/engagement/write.server";
import { getOrganisationEngagementSummary, listLastEngagedDates } from "~/models/organisation/timeline.server";
import { insertTheme } from "../support/fixtures";
import { signedInAs, type TestUser } from "../support/requests";
import { ROOT } from "../support/paths";
import { all, run } from "../support/raw-sql";
import { seededRandom } from "../support/seeded-random";

const TODAY = "2026-06-15";

const OUTSTANDING = `WITH o AS (
  SELECT a.*, e.lead_user_id AS lead, e.created_by_id AS creator FROM actions a JOIN engagements e ON e.id = a.engagement_id
  WHERE a.status IN ('open', 'in_progress') AND e.archived_at IS NULL),
themes_of AS (SELECT o.id AS action_id, 0 AS theme_id FROM o UNION ALL SELECT o.id, et.theme_id FROM o JOIN engagement_themes et ON et.engagement_id = o.engagement_id),
persons_of AS (SELECT id AS action_id, 0 AS person_id FROM o UNION SELECT id, owner_user_id FROM o WHERE owner_user_id IS NOT NULL
  UNION SELECT id, lead FROM o WHERE lead IS NOT NULL UNION SELECT id, creator FROM o WHERE creator IS NOT NULL)`;

/** The counters' class of due date: none (0), due on or after the cutoff day (1), before it (2). */
const DUE_CLASS = `CASE WHEN o.due_date IS NULL THEN 0 WHEN o.due_date < (SELECT day FROM outstanding_action_cutoff) THEN 2 ELSE 1 END`;

/** What each counter table should hold, recounted from the records. */
const RECOUNTS: Record<string, string> = {
  outstanding_action_counts: `${OUTSTANDING}
    SELECT t.theme_id, p.person_id, o.kind, o.status, coalesce(o.owner_user_id, 0), o.owner_type, coalesce(o.organisation_id, 0), ${DUE_CLASS}, count(*)
    FROM o JOIN themes_of t ON t.action_id = o.id JOIN persons_of p ON p.action_id = o.id GROUP BY 1, 2, 3, 4, 5, 6, 7, 8 ORDER BY 1, 2, 3, 4, 5, 6, 7, 8`,
  outstanding_action_theme_counts: `${OUTSTANDING}
    SELECT t.theme_id, p.person_id, ${DUE_CLASS}, count(*)
    FROM o JOIN themes_of t ON t.action_id = o.id JOIN persons_of p ON p.action_id = o.id GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
  outstanding_action_facet_counts: `${OUTSTANDING}
    SELECT * FROM (
      SELECT p.person_id, 'kind', o.kind, ${DUE_CLASS}, count(*) FROM o JOIN persons_of p ON p.action_id = o.id GROUP BY 1, 3, 4
      UNION ALL SELECT p.person_id, 'status', o.status, ${DUE_CLASS}, count(*) FROM o JOIN persons_of p ON p.action_id = o.id GROUP BY 1, 3, 4
      UNION ALL SELECT p.person_id, 'owner', coalesce(CAST(o.owner_user_id AS TEXT), o.owner_type), ${DUE_CLASS}, count(*)
        FROM o JOIN persons_of p ON p.action_id = o.id GROUP BY 1, 3, 4
      UNION ALL SELECT p.person_id, 'organisation', CAST(coalesce(o.organisation_id, 0) AS TEXT), ${DUE_CLASS}, count(*)
        FROM o JOIN persons_of p ON p.action_id = o.id GROUP BY 1, 3, 4
    ) ORDER BY 1, 2, 3, 4`,
  outstanding_action_due_counts: `${OUTSTANDING}, d AS (SELECT * FROM o WHERE due_date IS NOT NULL)
    SELECT * FROM (
      SELECT 'all', '', due_date, count(*) FROM d GROUP BY 3
      UNION ALL SELECT 'owner', coalesce(CAST(owner_user_id AS TEXT), owner_type), due_date, count(*) FROM d GROUP BY 2, 3
      UNION ALL SELECT 'orgKind', coalesce(org.kind, ''), due_date, count(*) FROM d LEFT JOIN organisations org ON org.id = d.organisation_id GROUP BY 2, 3
      UNION ALL SELECT 'kind', kind, due_date, count(*) FROM d GROUP BY 2, 3
      UNION ALL SELECT 'status', status, due_date, count(*) FROM d GROUP BY 2, 3
      UNION ALL SELECT 'organisation', CAST(coalesce(organisation_id, 0) AS TEXT), due_date, count(*) FROM d GROUP BY 2, 3
      UNION ALL SELECT 'mine', CAST(p.person_id AS TEXT), due_date, count(*) FROM d JOIN persons_of p ON p.action_id = d.id WHERE p.person_id > 0 GROUP BY 2, 3
      UNION ALL SELECT 'theme', CAST(t.theme_id AS TEXT), due_date, count(*) FROM d JOIN themes_of t ON t.action_id = d.id WHERE t.theme_id > 0 GROUP BY 2, 3
    ) ORDER BY 1, 2, 3`,
  organisation_engagement_dates: `SELECT eo.organisation_id, e.status, e.date, e.id FROM engagement_organisations eo JOIN engagements e ON e.id = eo.engagement_id
    WHERE e.archived_at IS NULL ORDER BY 1, 2, 3, 4`,
  organisation_engagement_month_counts: `SELECT eo.organisation_id, e.status, substr(e.date, 1, 7), count(*) FROM engagement_organisations eo
    JOIN engagements e ON e.id = eo.engagement_id WHERE e.archived_at IS NULL GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
  engagement_day_counts: `SELECT * FROM (
      SELECT date, '', count(*) FROM engagements WHERE archived_at IS NULL AND status <> 'cancelled' GROUP BY 1
      UNION ALL SELECT e.date, org.kind, count(DISTINCT e.id) FROM engagements e JOIN engagement_organisations eo ON eo.engagement_id = e.id
        JOIN organisations org ON org.id = eo.organisation_id WHERE e.archived_at IS NULL AND e.status <> 'cancelled' GROUP BY 1, 2
    ) ORDER BY 1, 2`,
  engagement_month_counts: `SELECT * FROM (
      SELECT substr(date, 1, 7), '', count(*) FROM engagements WHERE archived_at IS NULL AND status <> 'cancelled' GROUP BY 1
      UNION ALL SELECT substr(e.date, 1, 7), org.kind, count(DISTINCT e.id) FROM engagements e JOIN engagement_organisations eo ON eo.engagement_id = e.id
        JOIN organisations org ON org.id = eo.organisation_id WHERE e.archived_at IS NULL AND e.status <> 'cancelled' GROUP BY 1, 2
    ) ORDER BY 1, 2`,
};

function expectCountersEqualRecount(step: string) {
  for (const [table, recount] of Object.entries(RECOUNTS)) {
    const key = {
      outstanding_action_counts: 8,
      outstanding_action_theme_counts: 3,
      outstanding_action_facet_counts: 4,
      outstanding_action_due_counts: 3,
      organisation_engagement_dates: 4,
      organisation_engagement_month_counts: 3,
      engagement_day_counts: 2,
      engagement_month_counts: 2,
    }[table]!;
    const kept = all(`SELECT * FROM ${table} ORDER BY ${Array.from({ length: key }, (_, i) => i + 1).join(", ")}`);
    expect(kept, `${table} after ${step}`).toEqual(all(recount));
  }
}

/** The figures the pages show, against plain SQL over the records, on `today`. */
function expectPageFiguresEqualRecount(step: string, today: string, users: TestUser[]) {
  const soon = addDays(today, 7);
  const month = addDays(today, 30);
  const live = `FROM actions a JOIN engagements e ON e.id = a.engagement_id WHERE a.status IN ('open', 'in_progress') AND e.archived_at IS NULL`;
  const [[outstanding, overdue, dueSoon, inMonth, none]] = all(
    `SELECT count(*), coalesce(sum(a.due_date < @t), 0), coalesce(sum(a.due_date >= @t AND a.due_date <= @s), 0),
      coalesce(sum(a.due_date >= @t AND a.due_date <= @m), 0), coalesce(sum(a.due_date IS NULL), 0) ${live}`,
    { t: today, s: soon, m: month },
  ) as number[][];
  const summary = summariseOutstandingActions(today);
  expect(summary.totals, step).toEqual({ outstanding, overdue, dueSoon });
  const byOwner = Object.fromEntries(
    (
      all(
        `SELECT coalesce(CAST(a.owner_user_id AS TEXT), a.owner_type), coalesce(sum(a.due_date < @t), 0), coalesce(sum(a.due_date >= @t AND a.due_date <= @s), 0), count(*) ${live} GROUP BY 1`,
        { t: today, s: soon },
      ) as [string, number, number, number][]
    ).map(([key, ...figures]) => [key, figures]),
  );
  expect(Object.fromEntries(summary.byOwner.map((o) => [o.key, [o.overdue, o.dueSoon, o.outstanding]])), step).toEqual(byOwner);
  const byKind = Object.fromEntries(
    (
      all(
        `SELECT coalesce(org.kind, ''), coalesce(sum(a.due_date < @t), 0), coalesce(sum(a.due_date >= @t AND a.due_date <= @s), 0), count(*)
        FROM actions a JOIN engagements e ON e.id = a.engagement_id LEFT JOIN organisations org ON org.id = a.organisation_id
        WHERE a.status IN ('open', 'in_progress') AND e.archived_at IS NULL GROUP BY 1`,
        { t: today, s: soon },
      ) as [string, number, number, number][]
    ).map(([key, ...figures]) => [key, figures]),
  );
  expect(Object.fromEntries(summary.byOrganisationKind.map((k) => [k.kind ?? "", [k.overdue, k.dueSoon, k.outstanding]])), step).toEqual(
    byKind,
  );

  for (const user of users) {
    const [[mineDue]] = all(`SELECT count(*) ${live} AND a.owner_user_id = ? AND a.due_date <= ?`, user.id, soon) as number[][];
    expect(listMyDueActions({ userId: user.id, today }).total, step).toBe(mineDue);
    // The register's counts, as a manager sees them (everyone's) and as an officer does (their own and their meetings').
    const counts = countOutstandingActions({ filters: { owner: undefined }, viewerId: user.id, today });
    expect({ total: counts.total, due: counts.due }, step).toEqual({
      total: outstanding,
      due: { overdue, week: dueSoon, month: inMonth, none },
    });
    const mineRows = `${live} AND (a.owner_user_id = ${user.id} OR e.lead_user_id = ${user.id} OR e.created_by_id = ${user.id})`;
    const [[mine]] = all(`SELECT count(*) ${mineRows}`) as number[][];
    expect(counts.mine, step).toBe(mine);
    const theirs = countOutstandingActions({ filters: { owner: { userId: user.id, withMeetings: true } }, viewerId: user.id, today });
    const [[mOverdue, mNone]] = all(
      `SELECT coalesce(sum(a.due_date < ?), 0), coalesce(sum(a.due_date IS NULL), 0) ${mineRows}`,
      today,
    ) as number[][];
    expect([theirs.total, theirs.due.overdue, theirs.due.none], step).toEqual([mine, mOverdue, mNone]);
    const byTheme = Object.fromEntries(
      all(`SELECT et.theme_id, count(*) FROM actions a JOIN engagements e ON e.id = a.engagement_id JOIN engagement_themes et ON et.engagement_id = e.id
        WHERE a.status IN ('open', 'in_progress') AND e.archived_at IS NULL AND (a.owner_user_id = ${user.id} OR e.lead_user_id = ${user.id} OR e.created_by_id = ${user.id})
        GROUP BY 1`) as [number, number][],
    );
    expect(theirs.theme, step).toEqual(byTheme);
  }

  // Every facet of the register's counts without text (counters, and the actions still to fall due for a due window),
  // under one filter or two, with each due window, against plain SQL: each facet's values count the rows matching
  // every OTHER filter; "mine" is the viewer's own and their meetings'.
  const viewer = users[0].id;
  const from = `FROM actions a JOIN engagements e ON e.id = a.engagement_id`;
  const grouped = (sqlText: string) => Object.fromEntries(all(sqlText) as [string | number, number][]);
  const one = (sqlText: string) => (all(sqlText) as number[][])[0][0];
  const dueSql = {
    overdue: `a.due_date < '${today}'`,
    week: `a.due_date >= '${today}' AND a.due_date <= '${soon}'`,
    month: `a.due_date >= '${today}' AND a.due_date <= '${month}'`,
    none: `a.due_date IS NULL`,
  } as const;
  const cases: { filters: Parameters<typeof countOutstandingActions>[0]["filters"]; sql: Record<string, string> }[] = [];
  for (const due of [undefined, "overdue", "week", "month", "none"] as const) {
    const dueCondition: Record<string, string> = due ? { due: dueSql[due] } : {};
    cases.push({ filters: { kind: "commitment", due }, sql: { kind: `a.kind = 'commitment'`, ...dueCondition } });
    // The due window alone, or with "mine and my meetings'": the counts of what falls due come from the due counters.
    cases.push({ filters: { due }, sql: { ...dueCondition } });
    cases.push({
      filters: { owner: { userId: viewer, withMeetings: true }, due },
      sql: { owner: `(a.owner_user_id = ${viewer} OR e.lead_user_id = ${viewer} OR e.created_by_id = ${viewer})`, ...dueCondition },
    });
    // Two filters, one of them "mine and my meetings'": the facets neither filters count the actions matching both, read once.
    cases.push({
      filters: { owner: { userId: viewer, withMeetings: true }, kind: "commitment", due },
      sql: {
        owner: `(a.owner_user_id = ${viewer} OR e.lead_user_id = ${viewer} OR e.created_by_id = ${viewer})`,
        kind: `a.kind = 'commitment'`,
        ...dueCondition,
      },
    });
    cases.push({
      filters: { kind: "commitment", orgKind: "police_force", due },
      sql: {
        kind: `a.kind = 'commitment'`,
        orgKind: `a.organisation_id IN (SELECT id FROM organisations WHERE kind = 'police_force')`,
        ...dueCondition,
      },
    });
  }
  // With text, from the rows: themes counted in the same pass.
  const text = `(a.description LIKE '%re%' OR a.owner_name LIKE '%re%' OR a.organisation_id IN (SELECT id FROM organisations WHERE name LIKE '%re%' OR short_name LIKE '%re%'))`;
  cases.push({ filters: { q: "re" }, sql: { q: text } });
  cases.push({
    filters: { q: "re", kind: "commitment", due: "overdue" },
    sql: { q: text, kind: `a.kind = 'commitment'`, due: dueSql.overdue },
  });
  for (const { filters, sql } of cases) {
    const counted = countOutstandingActions({ filters, viewerId: viewer, today });
    const where = (except?: string) =>
      [
        `a.status IN ('open', 'in_progress') AND e.archived_at IS NULL`,
        ...Object.entries(sql)
          .filter(([k]) => k !== except)
          .map(([, v]) => v),
      ].join(" AND ");
    expect({ ...counted, filters }, `${step}, ${JSON.stringify(filters)}`).toEqual({
      filters,
      total: one(`SELECT count(*) ${from} WHERE ${where()}`),
      kind: grouped(`SELECT a.kind, count(*) ${from} WHERE ${where("kind")} GROUP BY 1`),
      status: grouped(`SELECT a.status, count(*) ${from} WHERE ${where("status")} GROUP BY 1`),
      owner: grouped(`SELECT coalesce(a.owner_user_id, a.owner_type), count(*) ${from} WHERE ${where("owner")} GROUP BY 1`),
      organisation: grouped(
        `SELECT a.organisation_id, count(*) ${from} WHERE ${where("organisation")} AND a.organisation_id IS NOT NULL GROUP BY 1`,
      ),
      orgKind: grouped(
        `SELECT org.kind, count(*) ${from} JOIN organisations org ON org.id = a.organisation_id WHERE ${where("orgKind")} GROUP BY 1`,
      ),
      theme: grouped(
        `SELECT et.theme_id, count(*) ${from} JOIN engagement_themes et ON et.engagement_id = e.id WHERE ${where("theme")} GROUP BY 1`,
      ),
      mine: one(
        `SELECT count(*) ${from} WHERE ${where("owner")} AND (a.owner_user_id = ${viewer} OR e.lead_user_id = ${viewer} OR e.created_by_id = ${viewer})`,
      ),
      due: Object.fromEntries(
        Object.entries(dueSql).map(([window, condition]) => [
          window,
          one(`SELECT count(*) ${from} WHERE ${where("due")} AND ${condition}`),
        ]),
      ),
    });
  }

  // Last engaged (organisations list), quiet organisations (dashboard), open actions and periods (coverage), per month.
  const ids = (all(`SELECT id FROM organisations`) as number[][]).map(([id]) => id);
  const lastHeld = Object.fromEntries(
    all(
      `SELECT eo.organisation_id, max(e.date) FROM engagement_organisations eo JOIN engagements e ON e.id = eo.engagement_id
      WHERE e.archived_at IS NULL AND e.status = 'held' AND e.date <= ? GROUP BY 1`,
      today,
    ) as [number, string][],
  );
  expect(listLastEngagedDates({ organisationIds: ids, today }), step).toEqual(lastHeld);
  const since = listQuietOrganisations({ months: 3, today }).since;
  const quiet = all(
    `SELECT org.id, max(e.date) AS last FROM organisations org JOIN engagement_organisations eo ON eo.organisation_id = org.id
    JOIN engagements e ON e.id = eo.engagement_id
    WHERE org.archived_at IS NULL AND e.archived_at IS NULL AND e.status <> 'cancelled' AND e.date <= ? GROUP BY 1 HAVING last < ? ORDER BY 2, org.name`,
    today,
    since,
  );
  expect(
    listQuietOrganisations({ months: 3, today }).organisations.map((o) => [o.id, o.lastEngaged]),
    step,
  ).toEqual(quiet);
  const open = Object.fromEntries(
    all(`SELECT a.organisation_id, count(*) ${live} AND a.organisation_id IS NOT NULL GROUP BY 1`) as [number, number][],
  );
  // Periods of days and whole months, ending before today or after it (counted up to today), and within one month.
  const monthStart = `${today.slice(0, 7)}-01`;
  const periods = [
    { from: addDays(today, -60), to: addDays(today, 30) },
    { from: addDays(monthStart, -92).slice(0, 8) + "01", to: addDays(monthStart, -1) },
    { from: addDays(monthStart, -31).slice(0, 8) + "01", to: addDays(addDays(monthStart, 45).slice(0, 8) + "01", -1) },
    { from: addDays(today, -9), to: addDays(today, -2) },
  ];
  for (const period of periods) {
    const report = buildCoverageReport({ period, today });
    const bodies = [
      ...report.forces,
      ...report.forces.flatMap((f) => (f.policingBody ? [f.policingBody] : [])),
      ...report.national,
      ...report.international,
    ];
    const inPeriod = Object.fromEntries(
      (
        all(
          `SELECT eo.organisation_id, count(*), max(e.date) FROM engagement_organisations eo JOIN engagements e ON e.id = eo.engagement_id
          WHERE e.archived_at IS NULL AND e.status <> 'cancelled' AND e.date >= ? AND e.date <= ? GROUP BY 1`,
          period.from,
          period.to < today ? period.to : today,
        ) as [number, number, string][]
      ).map(([id, n, latest]) => [id, { n, latest }]),
    );
    for (const body of bodies) {
      expect([body.id, body.engagements, body.latestInPeriod, body.openActions], `${step}, ${period.from} to ${period.to}`).toEqual([
        body.id,
        inPeriod[body.id]?.n ?? 0,
        inPeriod[body.id]?.latest ?? null,
        open[body.id] ?? 0,
      ]);
    }
  }
  // An organisation's page: its engagements in all and its held ones per year (from the month counts).
  const linked = (all(`SELECT DISTINCT organisation_id FROM engagement_organisations ORDER BY 1 LIMIT 6`) as number[][]).map(([id]) => id);
  for (const id of linked) {
    const summary = getOrganisationEngagementSummary({ organisationId: id, limit: 1, openLimit: 1, today });
    const live = `FROM engagement_organisations eo JOIN engagements e ON e.id = eo.engagement_id WHERE e.archived_at IS NULL AND eo.organisation_id = ?`;
    expect([summary.total, summary.perYear.map((y) => [y.year, y.count])], `${step}, organisation ${id}`).toEqual([
      (all(`SELECT count(*) ${live}`, id) as number[][])[0][0],
      all(`SELECT substr(e.date, 1, 4), count(*) ${live} AND e.status = 'held' GROUP BY 1 ORDER BY 1 DESC`, id),
    ]);
  }
  const monthly = countEngagementsPerMonth(today);
  const [[held]] = all(
    `SELECT count(*) FROM engagements WHERE archived_at IS NULL AND status <> 'cancelled' AND date >= ? AND date <= ?`,
    `${monthly.months[0]}-01`,
    today,
  ) as number[][];
  expect(
    monthly.totals.reduce((a, b) => a + b, 0),
    step,
  ).toBe(held);
  // Month by month and kind by kind: the whole months come from their counters, this month's days up to today from
  // the day counters.
  const recounted = new Map<string, number>();
  for (const [month, kind, n] of all(
    `SELECT substr(date, 1, 7), '', count(*) FROM engagements WHERE archived_at IS NULL AND status <> 'cancelled' AND date >= ? AND date <= ? GROUP BY 1
     UNION ALL SELECT substr(e.date, 1, 7), org.kind, count(DISTINCT e.id) FROM engagements e JOIN engagement_organisations eo ON eo.engagement_id = e.id
       JOIN organisations org ON org.id = eo.organisation_id
       WHERE e.archived_at IS NULL AND e.status <> 'cancelled' AND e.date >= ? AND e.date <= ? GROUP BY 1, 2`,
    `${monthly.months[0]}-01`,
    today,
    `${monthly.months[0]}-01`,
    today,
  ) as [string, string, number][])
    recounted.set(`${month} ${kind}`, n);
  const shown = new Map<string, number>();
  monthly.months.forEach((month, i) => {
    if (monthly.totals[i]) shown.set(`${month} `, monthly.totals[i]);
    for (const { kind, counts } of monthly.byKind) if (counts[i]) shown.set(`${month} ${kind}`, counts[i]);
  });
  expect(Object.fromEntries(shown), step).toEqual(Object.fromEntries(recounted));
}

let users: TestUser[];
let themeIds: number[];
let organisationIds: number[];

beforeAll(async () => {
  users = [await signedInAs("manager"), await signedInAs("officer"), await signedInAs("officer", "second")];
  themeIds = ["Serious crime", "Borders", "Cyber", "Workforce"].map(insertTheme);
  organisationIds = db()
    .select({ id: organisations.id })
    .from(organisations)
    .all()
    .map((o) => o.id)
    .slice(0, 12);
});

describe("the counters the pages read", () => {
  it("equal a recount from scratch after every step of a random sequence of changes, and the pages' figures do on any day", async () => {
    const r = seededRandom(20261130);
    const date = () => addDays(TODAY, r.int(200) - 120);
    const maybe = <T>(value: T, p = 0.7) => (r.chance(p) ? value : null);
    const userId = () => r.pick(users).id;
    const manager = users[0];

    function insertEngagementWithActions(): number {
      const id = Number(
        run(
          `INSERT INTO engagements (title, kind, status, date, lead_user_id, created_by_id, archived_at, created_at, updated_at)
          VALUES ('Random', 'meeting', ?, ?, ?, ?, ?, '2026-01-01', '2026-01-01')`,
          r.pick(ENGAGEMENT_STATUSES),
          date(),
          maybe(userId()),
          maybe(userId()),
          r.chance(0.1) ? "2026-02-01T00:00:00Z" : null,
        ).lastInsertRowid,
      );
      for (const org of new Set([r.pick(organisationIds), r.pick(organisationIds)].slice(0, 1 + r.int(2))))
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
        maybe(date(), 0.8),
        r.pick(["open", "open", "in_progress", "done", "dropped"]),
      );
    }
    const anyRow = (table: string) => (all(`SELECT id FROM ${table} ORDER BY random() LIMIT 1`)[0] as number[] | undefined)?.[0];

    const steps: [string, () => Promise<unknown> | unknown][] = [
      ["an engagement with actions written as an import or a seed would", insertEngagementWithActions],
      ["an action added", () => insertAction(anyRow("engagements")!)],
      [
        "an action closed or reopened, re-dated, reassigned, moved",
        () => {
          const id = anyRow("actions");
          if (!id) return;
          const column = r.pick(["status", "due_date", "owner_user_id", "organisation_id", "kind", "engagement_id"]);
          const value =
            column === "status"
              ? r.pick(["open", "in_progress", "done", "dropped"])
              : column === "due_date"
                ? maybe(date())
                : column === "owner_user_id"
                  ? maybe(userId())
                  : column === "organisation_id"
                    ? maybe(r.pick(organisationIds))
                    : column === "kind"
                      ? r.pick(ACTION_KINDS)
                      : anyRow("engagements");
          run(`UPDATE actions SET ${column} = ? WHERE id = ?`, value, id);
        },
      ],
      ["an action deleted", () => run(`DELETE FROM actions WHERE id = ?`, anyRow("actions") ?? 0)],
      [
        "an engagement's status, date, lead or recorder changed",
        () => {
          const id = anyRow("engagements");
          const column = r.pick(["status", "date", "lead_user_id", "created_by_id"]);
          const value = column === "status" ? r.pick(ENGAGEMENT_STATUSES) : column === "date" ? date() : maybe(userId());
          run(`UPDATE engagements SET ${column} = ? WHERE id = ?`, value, id ?? 0);
        },
      ],
      [
        "an engagement archived or restored through the model",
        async () => {
          const id = anyRow("engagements");
          if (!id) return;
          const row = db().select().from(engagements).where(eq(engagements.id, id)).get()!;
          const change = { id, version: row.version, actor: { id: manager.id, email: manager.email, role: manager.role, ip: "127.0.0.1" } };
          await (row.archivedAt ? restoreEngagement(change) : archiveEngagement(change));
        },
      ],
      [
        "a bulk close or reassign through the model",
        async () => {
          const items = all(
            `SELECT a.id, a.version FROM actions a JOIN engagements e ON e.id = a.engagement_id
            WHERE e.archived_at IS NULL AND a.status IN ('open', 'in_progress') ORDER BY random() LIMIT 3`,
          ).map((row) => ({ id: (row as number[])[0], version: (row as number[])[1] }));
          const change = r.chance(0.5)
            ? { status: "done" as const, closingNote: "Done in the test" }
            : { ownerType: "office" as const, ownerUserId: r.pick(users.slice(1)).id };
          await changeActionsAs({ items, change, user: { id: manager.id, email: manager.email, role: manager.role, ip: "127.0.0.1" } });
        },
      ],
      [
        "a theme added to or taken off an engagement",
        () => {
          const id = anyRow("engagements") ?? 0;
          const theme = r.pick(themeIds);
          if (r.chance(0.5)) run(`INSERT OR IGNORE INTO engagement_themes (engagement_id, theme_id) VALUES (?, ?)`, id, theme);
          else run(`DELETE FROM engagement_themes WHERE engagement_id = ? AND theme_id = ?`, id, theme);
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
      [
        "an organisation's kind changed",
        () => run(`UPDATE organisations SET kind = ? WHERE id = ?`, r.pick(ORGANISATION_KINDS), r.pick(organisationIds)),
      ],
      [
        "the overdue cutoff moved to another day, forward or back, by the server's call or as another process would",
        async () => {
          if (r.chance(0.5)) await moveOverdueCutoff(date());
          else run(`UPDATE outstanding_action_cutoff SET day = ?`, date());
        },
      ],
      [
        "a write transaction rolled back midway",
        async () => {
          await expect(
            writeTransaction(() => {
              insertEngagementWithActions();
              run(`UPDATE actions SET status = 'done' WHERE id = ?`, anyRow("actions") ?? 0);
              run(`UPDATE engagements SET archived_at = '2026-03-01' WHERE id = ?`, anyRow("engagements") ?? 0);
              throw new Error("midway");
            }),
          ).rejects.toThrow("midway");
        },
      ],
    ];

    for (let i = 0; i < 20; i++) insertEngagementWithActions();
    expectCountersEqualRecount("the start");
    for (let i = 0; i < 150; i++) {
      const [name, step] = r.pick(steps);
      await step();
      expectCountersEqualRecount(`step ${i}: ${name}`);
      // A day passing: the same counters give the figures of any day.
      if (i % 25 === 0)
        for (const offset of [0, 1, 8, 31])
          expectPageFiguresEqualRecount(`step ${i}: ${name}, day +${offset}`, addDays(TODAY, offset), users);
    }
    expectPageFiguresEqualRecount("the end", TODAY, users);
    // The overdue counts read the counters alone when the cutoff is today, and count the days between otherwise.
    await moveOverdueCutoff(TODAY);
    expectCountersEqualRecount("the cutoff moved to today");
    // Commitments of a police force due on the first and last days of each window, so that its ends are counted.
    const [[liveEngagement]] = all(`SELECT id FROM engagements WHERE archived_at IS NULL ORDER BY id LIMIT 1`) as number[][];
    const [[policeForce]] = all(`SELECT id FROM organisations WHERE kind = 'police_force' ORDER BY id LIMIT 1`) as number[][];
    for (const due of [addDays(TODAY, -1), TODAY, addDays(TODAY, 7), addDays(TODAY, 8), addDays(TODAY, 30), addDays(TODAY, 31)])
      run(
        `INSERT INTO actions (engagement_id, kind, description, organisation_id, owner_type, due_date, status, created_at, updated_at)
        VALUES (?, 'commitment', 'On the edge of a window', ?, 'stakeholder', ?, 'open', '2026-01-01', '2026-01-01')`,
        liveEngagement,
        policeForce,
        due,
      );
    expectCountersEqualRecount("commitments due on the edges of the windows");
    for (const offset of [0, 1, 8]) expectPageFiguresEqualRecount(`the cutoff today, day +${offset}`, addDays(TODAY, offset), users);
    await moveOverdueCutoff(addDays(TODAY, 40));
    expectCountersEqualRecount("the cutoff moved 40 days ahead");
    expectPageFiguresEqualRecount("the cutoff 40 days ahead of the day", TODAY, users);
    // Without the cutoff row (taken away by hand), the overdue counts are the dated counters less what falls due from today.
    const [[day]] = all(`SELECT day FROM outstanding_action_cutoff`) as string[][];
    run(`DELETE FROM outstanding_action_cutoff`);
    expectPageFiguresEqualRecount("no cutoff day", TODAY, users);
    run(`INSERT INTO outstanding_action_cutoff (id, day) VALUES (1, ?)`, day);

    // An office upgrading with years of records gets a new kept table from its migration's fill, not from the
    // triggers: each fill, run on the records as they now stand, gives the recount too.
    for (const [migration, table] of [
      ["0017_engagement-month-counts", "engagement_month_counts"],
      ["0018_outstanding-action-theme-counts", "outstanding_action_theme_counts"],
      ["0019_organisation-month-counts", "organisation_engagement_month_counts"],
      ["0021_outstanding-action-facet-counts", "outstanding_action_facet_counts"],
      ["0022_overdue-cutoff", "outstanding_action_counts"],
    ]) {
      const fills = readFileSync(path.join(ROOT, "migrations", `${migration}.sql`), "utf8")
        .split("--> statement-breakpoint")
        .map((statement) => statement.replace(/^\s*(--.*\n\s*)*/, ""))
        .filter((statement) => statement.startsWith(`INSERT INTO ${table} `));
      expect(fills, migration).toHaveLength(1);
      db().$client.transaction(() => {
        run(`DELETE FROM ${table}`);
        db().$client.exec(fills[0]);
      })();
      expectCountersEqualRecount(`${table} filled by migration ${migration}`);
    }
  });
});
