// Demo inspection reports, their recommendations and each body's take-up, for seed:demo. Written inside the demo
// seed's transaction with its own random sequence, so the demo engagements stay exactly as they were.
import type Database from "better-sqlite3";
import { addDays } from "../app/domain/dates";
import { ADDRESSEE_GROUP_RULES, type TakeUpStatus } from "../app/domain/recommendations";

type Org = { id: number; slug: string; name: string; kind: string; nation: string };
type Random = { int: (min: number, max: number) => number; pick: <T>(list: readonly T[]) => T; chance: (p: number) => boolean };

const NATIONAL_RECOMMENDATIONS = [
  "Chief constables should make sure that officers and staff can recognise the signs of modern slavery and know what to do.",
  "Chief constables should make sure that every potential victim is referred to the National Referral Mechanism without delay.",
  "The NPCC lead for modern slavery should publish a national framework for investigating modern slavery offences.",
  "The National Crime Agency should share intelligence on organised immigration crime with forces within 28 days.",
  "Police and crime commissioners should commission specialist support for victims in their area.",
  "Chief constables should make sure that supervisors review modern slavery investigations regularly.",
  "Chief constables should use every available power, including slavery and trafficking prevention orders.",
  "The NPCC lead should agree with the Crown Prosecution Service how early investigative advice is sought.",
];

const FORCE_RECOMMENDATIONS = [
  "The force should make sure that its control room staff identify modern slavery when calls are received.",
  "The force should improve how it records modern slavery crimes, so that they are recorded within 24 hours.",
  "The force should make sure that victims are kept informed of the progress of their case.",
  "The force should work with partners to disrupt the organised crime groups that exploit victims.",
];

const SOURCES = [
  "Force response to the inspectorate",
  "Letter to the Commissioner",
  "Published action plan",
  "Meeting with the office",
  "Later inspection",
];

export function seedDemoRecommendations(
  sqlite: Database.Database,
  { orgs, today, now, staffIds, r }: { orgs: Org[]; today: string; now: string; staffIds: number[]; r: Random },
) {
  const demoReports = "select id from inspection_reports where is_demo = 1";
  const demoRecs = `select id from recommendations where report_id in (${demoReports})`;
  sqlite
    .prepare(
      `delete from take_up_changes where addressee_id in (select id from recommendation_addressees where recommendation_id in (${demoRecs}))`,
    )
    .run();
  sqlite.prepare(`delete from recommendation_links where recommendation_id in (${demoRecs})`).run();
  sqlite.prepare(`delete from recommendation_addressees where recommendation_id in (${demoRecs})`).run();
  sqlite.prepare(`delete from recommendations where report_id in (${demoReports})`).run();
  sqlite.prepare("delete from inspection_reports where is_demo = 1").run();

  const bySlug = new Map(orgs.map((o) => [o.slug, o]));
  const publisher = bySlug.get("hmicfrs") ?? orgs[0];
  const groupMembers = (group: keyof typeof ADDRESSEE_GROUP_RULES) => {
    const rule = ADDRESSEE_GROUP_RULES[group];
    return orgs.filter((o) => o.kind === rule.kind && (!rule.nations || rule.nations.includes(o.nation)));
  };
  const forces = groupMembers("territorial_forces");
  const named = (...slugs: string[]) => slugs.map((s) => bySlug.get(s)).filter((o): o is Org => Boolean(o));

  const insertReport = sqlite.prepare(
    "insert into inspection_reports (title, publisher_id, published_on, marking, summary, subject_force_id, response_received_on, is_demo, created_at, updated_at) values (?, ?, ?, 'OFFICIAL', ?, ?, ?, 1, ?, ?)",
  );
  const insertRec = sqlite.prepare(
    "insert into recommendations (report_id, number, position, text, kind, due_on, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?)",
  );
  const insertAddressee = sqlite.prepare(
    "insert into recommendation_addressees (recommendation_id, organisation_id, via_group, status, status_on, source, created_at, updated_at, version) values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
  );
  const insertChange = sqlite.prepare(
    "insert into take_up_changes (addressee_id, status, status_on, source, changed_at, changed_by_id) values (?, ?, ?, ?, ?, ?)",
  );

  let recommendations = 0;
  let takeUps = 0;
  const addressees = (recId: number, bodies: Org[], via: string | null, publishedOn: string) => {
    for (const o of bodies) {
      const age = (Date.parse(today) - Date.parse(publishedOn)) / 86_400_000;
      // Older reports have moved further: a path of statuses, each one step of the history.
      const steps = age > 300 ? r.int(1, 3) : age > 60 ? r.int(0, 2) : r.chance(0.3) ? 1 : 0;
      const path: TakeUpStatus[] = (
        [
          ["accepted", "in_progress", "implemented"],
          ["partly_accepted", "in_progress", "implemented"],
          ["accepted", "implemented", "confirmed"],
          ["not_accepted"],
        ] as TakeUpStatus[][]
      )[r.int(0, 3)].slice(0, steps);
      const status: TakeUpStatus = path[path.length - 1] ?? "not_known";
      const dates = path.map((_, i) => addDays(publishedOn, Math.min(Math.floor(age) - 1, 30 + i * r.int(30, 120))));
      const source = path.length ? r.pick(SOURCES) : null;
      const id = Number(
        insertAddressee.run(recId, o.id, via, status, dates[dates.length - 1] ?? null, source, now, now, path.length + 1).lastInsertRowid,
      );
      path.forEach((s, i) => insertChange.run(id, s, dates[i], r.pick(SOURCES), now, r.pick(staffIds)));
      takeUps++;
    }
  };

  const national = (title: string, publishedOn: string, count: number) => {
    const reportId = Number(
      insertReport.run(
        title,
        publisher.id,
        publishedOn,
        "A national inspection of the police response to modern slavery.",
        null,
        null,
        now,
        now,
      ).lastInsertRowid,
    );
    for (let i = 0; i < count; i++) {
      const text = NATIONAL_RECOMMENDATIONS[i % NATIONAL_RECOMMENDATIONS.length];
      const afi = i >= count - 2;
      const recId = Number(
        insertRec.run(
          reportId,
          afi ? `AFI ${i - count + 3}` : String(i + 1),
          i + 1,
          text,
          afi ? "area_for_improvement" : "recommendation",
          addDays(publishedOn, r.pick([180, 270, 365])),
          now,
          now,
        ).lastInsertRowid,
      );
      recommendations++;
      if (/^Chief constables/.test(text)) addressees(recId, forces, "territorial_forces", publishedOn);
      else if (/^Police and crime commissioners/.test(text))
        addressees(recId, groupMembers("local_policing_bodies"), "local_policing_bodies", publishedOn);
      else if (/National Crime Agency/.test(text)) addressees(recId, named("national-crime-agency"), null, publishedOn);
      else addressees(recId, named("npcc-modern-slavery-oic-lead", "npcc"), null, publishedOn);
    }
  };
  const forceReport = (force: Org, publishedOn: string, received: boolean) => {
    const reportId = Number(
      insertReport.run(
        `${force.name}: inspection of the response to modern slavery`,
        publisher.id,
        publishedOn,
        null,
        force.id,
        received ? addDays(publishedOn, 50) : null,
        now,
        now,
      ).lastInsertRowid,
    );
    FORCE_RECOMMENDATIONS.forEach((text, i) => {
      const recId = Number(
        insertRec.run(
          reportId,
          i < 3 ? String(i + 1) : "AFI 1",
          i + 1,
          text,
          i < 3 ? "recommendation" : "area_for_improvement",
          addDays(publishedOn, 180),
          now,
          now,
        ).lastInsertRowid,
      );
      recommendations++;
      addressees(recId, [force], null, publishedOn);
    });
  };

  national("Stolen freedom: the policing response to modern slavery and human trafficking", addDays(today, -700), 8);
  national("Modern slavery: a revisit of the police response", addDays(today, -120), 6);
  if (forces.length) {
    forceReport(r.pick(forces), addDays(today, -30), false);
    forceReport(r.pick(forces), addDays(today, -90), false);
    forceReport(r.pick(forces), addDays(today, -200), true);
  }
  return { reports: forces.length ? 5 : 2, recommendations, takeUps };
}
