import { copyFileSync, rmSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { signIn } from "~/models/auth.server";
import { listEngagements } from "~/models/engagement/list.server";
import { reportStatistics, reportStatisticsFromRows } from "~/models/report/statistics.server";
import { countEngagementRows } from "../support/records";
import { closeDatabase, db, openDatabase } from "~db/connection";
import { DEMO_PASSWORD, DEMO_STAFF, DemoRefused, seedDemo } from "../../seeds/demo";
import { insertEngagement } from "../support/fixtures";
import { TMP } from "../support/paths";
import { runScript } from "../support/scripts";

const TODAY = "2026-11-28";
const noFilters = { from: null, to: null, organisation: null, organisationKind: null, kind: null, theme: null, status: null, q: null };

function snapshot() {
  const sqlite = db().$client;
  return {
    engagements: sqlite
      .prepare("select title, kind, status, date, start_time, summary, marking from engagements where is_demo = 1 order by id")
      .all(),
    actions: sqlite
      .prepare(
        "select a.kind, a.description, a.status, a.due_date, a.resolved_by_engagement_id is not null as resolved from actions a join engagements e on e.id = a.engagement_id where e.is_demo = 1 order by a.id",
      )
      .all().length,
  };
}

/** The seed lifts the report counters' triggers around its insert and refills the counters: they are back, and right. */
function expectReportCountersRight() {
  const triggers = db()
    .$client.prepare(
      "select name from sqlite_master where type = 'trigger' and (name glob 'report_counts_*' or name glob 'report_*_drop_nought')",
    )
    .all();
  expect(triggers).toHaveLength(REPORT_COUNT_TRIGGERS);
  for (const filters of [
    { organisation: [], orgKind: [], kind: [] },
    { organisation: [], orgKind: ["police_force" as const], kind: ["meeting" as const] },
    { organisation: ["national-crime-agency"], orgKind: [], kind: [] },
  ]) {
    const report = { ...filters, from: "2024-01-01", to: "2027-12-31", theme: [], include: [] };
    expect(reportStatistics({ filters: report, today: TODAY })).toEqual(reportStatisticsFromRows({ filters: report, today: TODAY }));
  }
  // And they follow a change made after the seed: an engagement becomes a visit.
  const visits = { from: "2000-01-01", to: "2099-12-31", organisation: [], orgKind: [], kind: ["visit" as const], theme: [], include: [] };
  const before = reportStatistics({ filters: visits, today: TODAY }).engagements;
  db()
    .$client.prepare(
      "update engagements set kind = 'visit' where id = (select min(id) from engagements where kind <> 'visit' and archived_at is null)",
    )
    .run();
  expect(reportStatistics({ filters: visits, today: TODAY }).engagements).toBe(before + 1);
}

/** The report counters' triggers a migrated database has (migrations/0015_report-count-triggers.sql). */
const REPORT_COUNT_TRIGGERS = 15;

describe("the demo-data generator", () => {
  it("writes realistic demo engagements: the reference organisations, agendas, actions due around today, themes and demo staff", async () => {
    const result = await seedDemo(db(), { engagements: 400, seed: 7, today: TODAY });
    expect(result.engagements).toBe(400);
    const sqlite = db().$client;
    const n = (query: string) => (sqlite.prepare(query).get() as { n: number }).n;
    expect(n("select count(*) as n from engagements where is_demo = 1")).toBe(400);
    expect(n("select count(*) as n from engagements where is_demo = 0")).toBe(0);
    expect(n("select count(distinct organisation_id) as n from engagement_organisations")).toBeGreaterThan(50);
    expect(n("select count(*) as n from agenda_items")).toBeGreaterThan(600);
    expect(n("select count(*) as n from actions where kind = 'commitment'")).toBeGreaterThan(400);
    expect(n("select count(*) as n from actions where kind = 'follow_up'")).toBeGreaterThan(200);
    // Due dates either side of today: some overdue, some still to come.
    expect(n(`select count(*) as n from actions where status in ('open', 'in_progress') and due_date < '${TODAY}'`)).toBeGreaterThan(5);
    expect(n(`select count(*) as n from actions where status in ('open', 'in_progress') and due_date >= '${TODAY}'`)).toBeGreaterThan(5);
    expect(n("select count(*) as n from actions where status in ('done', 'dropped') and closing_note is not null")).toBe(
      n("select count(*) as n from actions where status in ('done', 'dropped')"),
    );
    expect(n("select count(*) as n from actions where resolved_by_engagement_id is not null")).toBeGreaterThan(0);
    expect(n(`select count(*) as n from engagements where status = 'planned' and date > '${TODAY}'`)).toBeGreaterThan(0);
    expect(n("select count(distinct theme_id) as n from engagement_themes")).toBeGreaterThanOrEqual(5);
    // The demo staff can sign in with the printed password, and are marked as demo accounts.
    expect(result.staff.map((s) => s.email)).toEqual(DEMO_STAFF.map((s) => s.email));
    expect(n("select count(*) as n from users where is_demo = 1")).toBe(DEMO_STAFF.length);
    const signedIn = await signIn({ email: DEMO_STAFF[0].email, password: DEMO_PASSWORD, ip: "127.0.0.1" });
    expect(signedIn.ok).toBe(true);
    // The text index was rebuilt, and its triggers put back.
    expect(listEngagements({ filters: { ...noFilters, q: "referral" } }).rows.length).toBeGreaterThan(0);
    expect(n("select count(*) as n from sqlite_master where type = 'trigger' and name like 'engagements_fts_%'")).toBe(3);
    expectReportCountersRight();
  });

  it("is deterministic: the same seed and day give the same data, replacing an earlier run", async () => {
    await seedDemo(db(), { engagements: 150, seed: 42, today: TODAY });
    const first = snapshot();
    const again = await seedDemo(db(), { engagements: 150, seed: 42, today: TODAY });
    expect(again.replaced).toBe(150);
    expect(snapshot()).toEqual(first);
    expectReportCountersRight();
    await seedDemo(db(), { engagements: 150, seed: 43, today: TODAY });
    expect(snapshot()).not.toEqual(first);
  });

  it("refuses a database that holds engagements people recorded, unless forced, and never touches them", async () => {
    const { engagement } = insertEngagement({ title: "A real meeting" });
    await expect(seedDemo(db(), { engagements: 10, today: TODAY })).rejects.toBeInstanceOf(DemoRefused);
    const before = countEngagementRows();
    await seedDemo(db(), { engagements: 10, today: TODAY, force: true });
    const sqlite = db().$client;
    expect((sqlite.prepare("select title from engagements where id = ?").get(engagement.id) as { title: string }).title).toBe(
      "A real meeting",
    );
    expect((sqlite.prepare("select count(*) as n from engagements where is_demo = 1").get() as { n: number }).n).toBe(10);
    expect(countEngagementRows().engagements).toBe(before.engagements - 150 + 10);
  });

  it("is fast enough for benchmarks: a thousand engagements in a few seconds", async () => {
    const result = await seedDemo(db(), { engagements: 1000, seed: 1, today: TODAY, force: true });
    expect(result.milliseconds).toBeLessThan(15_000);
  });
});

describe("npm run seed:demo", () => {
  function run(args: string[], databasePath: string) {
    return runScript("seed-demo", args, { env: { ...process.env, DATABASE_PATH: databasePath }, timeout: 120_000 });
  }

  it("fills the database at DATABASE_PATH, prints the staff, the password and how long it took; refuses real data", () => {
    closeDatabase();
    const file = path.join(TMP, `demo-cli-${process.pid}.db`);
    copyFileSync(process.env.DATABASE_PATH!, file);
    try {
      const bad = run(["--engagements", "lots"], file);
      expect(bad.status).toBe(1);
      expect(bad.stderr).toMatch(/Usage: npm run seed:demo -- --engagements N/);
      // This copy holds the earlier tests' real engagement: refused without --force.
      const refused = run(["--engagements", "20"], file);
      expect(refused.status).toBe(1);
      expect(refused.stderr).toMatch(/engagements recorded by people/);
      const ok = run(["--engagements", "20", "--today", TODAY, "--force"], file);
      expect(ok.status, ok.stderr).toBe(0);
      expect(ok.stdout).toMatch(/^20 demo engagements written to .* in \d+\.\d s/m);
      expect(ok.stdout).toContain(DEMO_STAFF[0].email);
      expect(ok.stdout).toContain(`Password: ${DEMO_PASSWORD}`);
      const check = openDatabase(file);
      expect((check.$client.prepare("select count(*) as n from engagements where is_demo = 1").get() as { n: number }).n).toBe(20);
      check.$client.close();
    } finally {
      for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
    }
  });
});
