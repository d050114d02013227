// Many engagements and actions written straight into a database, fast and deterministic: for
// query-plan checks and benchmarks before (or without) `npm run seed:demo`.
import type { Db } from "../../db/connection";
import { seededRandom } from "./seeded-random";

function isoDay(base: string, offset: number): string {
  const d = new Date(`${base}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + offset);
  return d.toISOString().slice(0, 10);
}

export type BulkOptions = { engagements: number; today: string; seed?: number; staffIds?: number[] };

/** N engagements over the last four years and the next two months, 1 to 3 organisations each, 0 to 6 actions each. */
export function fillBulkData(database: Db, opts: BulkOptions): { engagements: number; actions: number } {
  const random = seededRandom(opts.seed ?? 42).next;
  const pick = <T>(list: T[]): T => list[Math.floor(random() * list.length)];
  const sqlite = database.$client;
  const orgIds = (sqlite.prepare("SELECT id FROM organisations").all() as { id: number }[]).map((r) => r.id);
  const policeIds = (sqlite.prepare("SELECT id FROM organisations WHERE kind IN ('police_force','pcc')").all() as { id: number }[]).map(
    (r) => r.id,
  );
  let themeIds = (sqlite.prepare("SELECT id FROM themes").all() as { id: number }[]).map((r) => r.id);
  const now = new Date().toISOString();
  if (!themeIds.length) {
    const insertTheme = sqlite.prepare("INSERT INTO themes (name, created_at) VALUES (?, ?)");
    for (const name of [
      "Victim identification",
      "Prosecutions",
      "International cooperation",
      "Inspection recommendations",
      "Labour exploitation",
      "Child exploitation",
      "Data and intelligence",
      "Training",
    ])
      insertTheme.run(name, now);
    themeIds = (sqlite.prepare("SELECT id FROM themes").all() as { id: number }[]).map((r) => r.id);
  }
  const staff = opts.staffIds ?? (sqlite.prepare("SELECT id FROM users").all() as { id: number }[]).map((r) => r.id);
  const insertEngagement = sqlite.prepare(
    "INSERT INTO engagements (title, kind, status, date, lead_user_id, created_by_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
  );
  const insertLink = sqlite.prepare("INSERT OR IGNORE INTO engagement_organisations (engagement_id, organisation_id) VALUES (?, ?)");
  const insertTheme = sqlite.prepare("INSERT OR IGNORE INTO engagement_themes (engagement_id, theme_id) VALUES (?, ?)");
  const insertAction = sqlite.prepare(
    `INSERT INTO actions (engagement_id, kind, description, organisation_id, owner_type, owner_user_id, owner_name, due_date, status, closing_note, position, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const kinds = ["meeting", "call", "visit", "conference", "correspondence"];
  let actionCount = 0;
  sqlite.transaction(() => {
    for (let i = 0; i < opts.engagements; i++) {
      const offset = -Math.floor(random() * 1460) + (random() < 0.05 ? Math.floor(random() * 60) : 0);
      const date = isoDay(opts.today, offset);
      const status = offset > 0 ? "planned" : random() < 0.04 ? "cancelled" : "held";
      const lead = staff.length ? pick(staff) : null;
      const id = Number(insertEngagement.run(`Bulk engagement ${i + 1}`, pick(kinds), status, date, lead, lead, now, now).lastInsertRowid);
      const orgCount = 1 + Math.floor(random() * random() * 3);
      const orgs: number[] = [];
      for (let k = 0; k < orgCount; k++) {
        const org = random() < 0.55 ? pick(policeIds) : pick(orgIds);
        orgs.push(org);
        insertLink.run(id, org);
      }
      for (let k = 0; k < 1 + Math.floor(random() * 2); k++) insertTheme.run(id, pick(themeIds));
      if (status !== "held") continue;
      const actionTotal = Math.floor(random() * 7);
      for (let k = 0; k < actionTotal; k++) {
        const kind = random() < 0.6 ? "commitment" : "follow_up";
        const stakeholder = kind === "commitment" && random() < 0.5;
        const ownerUser = !stakeholder && staff.length && random() < 0.8 ? pick(staff) : null;
        const due = random() < 0.12 ? null : isoDay(date, 7 + Math.floor(random() * 90));
        // Old actions are mostly closed; recent ones mostly open.
        const age = -offset;
        const closed = random() < (age > 180 ? 0.9 : age > 60 ? 0.6 : 0.2);
        const st = closed ? (random() < 0.85 ? "done" : "dropped") : random() < 0.3 ? "in_progress" : "open";
        insertAction.run(
          id,
          kind,
          `Bulk action ${k + 1} of engagement ${i + 1}`,
          pick(orgs),
          stakeholder ? "stakeholder" : "office",
          ownerUser,
          stakeholder && random() < 0.5 ? "A named contact" : null,
          due,
          st,
          closed ? "Closed in bulk data" : null,
          k,
          now,
          now,
        );
        actionCount++;
      }
    }
  })();
  sqlite.pragma("analysis_limit = 1000");
  sqlite.exec("ANALYZE");
  return { engagements: opts.engagements, actions: actionCount };
}
