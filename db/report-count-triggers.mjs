// Writes the SQL of migrations/0015_report-count-triggers.sql: the report builder's counter triggers and their
// back-fill (docs/decisions/0030). Kept because the triggers are a few patterns repeated per table, sign and slice,
// which is easier to read and change here than in the SQL. An applied migration never changes: to change the
// counters, edit this, write a new custom migration (`npx drizzle-kit generate --custom --name ...`) that drops the
// old triggers and tables and creates them again, and fill it with
//   node db/report-count-triggers.mjs
// The set of kinds of organisation is ordered in a subquery, not by `group_concat(... ORDER BY ...)`, so that the
// sqlite3 shell of older systems (before 3.44) can still open the database; the counters' readers split the set,
// so they do not depend on its order anyway.
import process from "node:process";
import { pathToFileURL } from "node:url";

const GF = `(SELECT 'd' AS grain UNION ALL SELECT 'm' AS grain) g JOIN (SELECT 0 AS facet UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3) f`;
/** Slice 0 and the slice of each organisation of engagement `id`. */
const slices = (id) =>
  `(SELECT 0 AS slice UNION ALL SELECT so.organisation_id FROM engagement_organisations so WHERE so.engagement_id = ${id}) s`;
const period = (date) => `CASE g.grain WHEN 'd' THEN ${date} ELSE substr(${date}, 1, 7) END`;
const kindOf = (kind) => `CASE WHEN f.facet & 1 THEN ${kind} ELSE '*' END`;
const setOf = (set) => `CASE WHEN f.facet & 2 THEN ${set} ELSE '*' END`;
const outcome = (a) => `CASE WHEN ${a}.status IN ('open', 'in_progress') THEN 'outstanding' ELSE ${a}.status END`;
const due = (a) => `CASE WHEN ${a}.status IN ('open', 'in_progress') THEN coalesce(${a}.due_date, '') ELSE '' END`;
const orgKinds = (id) =>
  `coalesce((SELECT group_concat(ok.kind, ',') FROM (SELECT DISTINCT o.kind FROM engagement_organisations eo JOIN organisations o ON o.id = eo.organisation_id WHERE eo.engagement_id = ${id} ORDER BY o.kind) ok), '')`;
const E_COLS = `report_engagement_counts (grain, facet, slice, period, kind, org_kinds, status, sensitive, n)`;
const A_COLS = `report_action_counts (grain, facet, slice, period, engagement_kind, org_kinds, action_kind, outcome, due_date, n)`;
const O_COLS = `report_organisation_counts (grain, facet, organisation_id, period, engagement_kind, org_kinds, n)`;
const E_UPSERT = `ON CONFLICT (grain, facet, slice, period, kind, org_kinds, status, sensitive) DO UPDATE SET n = n + excluded.n`;
const A_UPSERT = `ON CONFLICT (grain, facet, slice, period, engagement_kind, org_kinds, action_kind, outcome, due_date) DO UPDATE SET n = n + excluded.n`;
const O_UPSERT = `ON CONFLICT (grain, facet, organisation_id, period, engagement_kind, org_kinds) DO UPDATE SET n = n + excluded.n`;

/** An organisation's slice is kept per month only; its actions for facets 0 and 1 only (see reportStatistics). */
const SLICE_ROWS = `(s.slice = 0 OR g.grain = 'm')`;
const ACTION_SLICE_ROWS = `(s.slice = 0 OR (g.grain = 'm' AND f.facet < 2))`;
/** The engagement row of key `K` (NEW, OLD or k) in the slices given (a FROM item aliased s), times sign. */
const engagementRows = (K, sign, sliceFrom, where) => `  INSERT INTO ${E_COLS}
    SELECT g.grain, f.facet, s.slice, ${period(`${K}.date`)}, ${kindOf(`${K}.kind`)}, ${setOf(`${K}.org_kinds`)}, ${K}.status, ${K}.sensitive, ${sign}
    FROM ${sliceFrom} JOIN ${GF} WHERE ${where} AND ${SLICE_ROWS}
    ${E_UPSERT};`;
/** The rows of the actions `a` (joined by `actionJoin`) under key `K` in the slices given, times sign. */
const actionRows = (K, sign, sliceFrom, actionFrom, where) => `  INSERT INTO ${A_COLS}
    SELECT g.grain, f.facet, s.slice, ${period(`${K}.date`)}, ${kindOf(`${K}.kind`)}, ${setOf(`${K}.org_kinds`)}, a.kind, ${outcome("a")}, ${due("a")}, ${sign} * count(*)
    FROM ${actionFrom} JOIN ${sliceFrom} JOIN ${GF} WHERE ${where} AND ${ACTION_SLICE_ROWS} GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9
    ${A_UPSERT};`;
/** The rows of links `eo` of key `K`'s engagement, times sign. */
const linkRows = (K, sign, linkFrom, where) => `  INSERT INTO ${O_COLS}
    SELECT g.grain, f.facet, eo.organisation_id, ${period(`${K}.date`)}, ${kindOf(`${K}.kind`)}, ${setOf(`${K}.org_kinds`)}, ${sign}
    FROM ${linkFrom} JOIN ${GF} WHERE ${where}
    ${O_UPSERT};`;

/** Everything counted under one key (`K` is NEW or OLD of report_engagement_keys), times sign, for the facets `changed` says. */
function keyContribution(K, sign, changed = { engagements: "true", others: "true" }) {
  return [
    engagementRows(K, sign, slices(`${K}.engagement_id`), changed.engagements),
    actionRows(K, sign, slices(`${K}.engagement_id`), "actions a", `a.engagement_id = ${K}.engagement_id AND ${changed.others}`),
    linkRows(K, sign, "engagement_organisations eo", `eo.engagement_id = ${K}.engagement_id AND ${changed.others}`),
  ].join("\n");
}

/** One action (`A` is NEW or OLD of actions), counted under its engagement's key in each slice, times sign. */
function actionContribution(A, sign) {
  return `  INSERT INTO ${A_COLS}
    SELECT g.grain, f.facet, s.slice, ${period("k.date")}, ${kindOf("k.kind")}, ${setOf("k.org_kinds")}, ${A}.kind, ${outcome(A)}, ${due(A)}, ${sign}
    FROM report_engagement_keys k JOIN ${slices(`${A}.engagement_id`)} JOIN ${GF} WHERE k.engagement_id = ${A}.engagement_id AND ${ACTION_SLICE_ROWS}
    ${A_UPSERT};`;
}

/**
 * One organisation link (`L` is NEW or OLD), under its engagement's key as it stands, times sign: the link's own
 * rows, and the engagement and its actions in the organisation's slice.
 */
function linkContribution(L, sign) {
  const one = `(SELECT ${L}.organisation_id AS slice) s`;
  return [
    linkRows(
      "k",
      sign,
      `report_engagement_keys k JOIN (SELECT ${L}.organisation_id AS organisation_id) eo`,
      `k.engagement_id = ${L}.engagement_id`,
    ),
    engagementRows("k", sign, `report_engagement_keys k JOIN ${one}`, `k.engagement_id = ${L}.engagement_id`),
    actionRows(
      "k",
      sign,
      one,
      "report_engagement_keys k JOIN actions a ON a.engagement_id = k.engagement_id",
      `k.engagement_id = ${L}.engagement_id`,
    ),
  ].join("\n");
}

const newKey = (E, where) =>
  `  INSERT INTO report_engagement_keys (engagement_id, date, kind, status, sensitive, org_kinds)
    SELECT ${E}.id, ${E}.date, ${E}.kind, ${E}.status, ${E}.marking = 'OFFICIAL-SENSITIVE', ${orgKinds(`${E}.id`)} WHERE ${where};`;

const refreshOrgKinds = (where) =>
  `  UPDATE report_engagement_keys SET org_kinds = ${orgKinds("report_engagement_keys.engagement_id")}
    WHERE ${where} AND org_kinds IS NOT ${orgKinds("report_engagement_keys.engagement_id")};`;

const HEADER = `-- Keeps the report builder's counters (db/schema/counts.ts, docs/decisions/0030) right on every write, in the
-- writer's own transaction, as migrations/0011_count-triggers.sql does for the pages' counters. Hand-written
-- (drizzle-kit generate --custom). Each unarchived engagement has a row in report_engagement_keys: the date, kind,
-- status, marking and set of kinds of organisation it is counted under. The triggers on that table move everything
-- the engagement counts for (itself and its actions in slice 0 and, per month, in each of its organisations' slices,
-- the actions there in facets 0 and 1 only; its organisation links) when the key comes, goes or changes; the triggers on the records only keep the key right and
-- add or take away the one action or link that changed, under the key as it stands. So a change of date, status,
-- kind, marking, archive or restore, or of an organisation's kind, moves the engagement's contribution, whatever
-- order rows are deleted in. AFTER triggers only (see 0011).
--
-- The back-fill comes first, while no trigger is there to fire per row: keys from the records, then each counter
-- table in one GROUP BY per slice (0, then the organisations').
`;

/**
 * The statements that fill the counters from the records while none of the counters' triggers is in place: the
 * migration's back-fill, and seeds/demo.ts's after its bulk insert (it lifts the triggers around the insert, as it
 * does the text index's, and refills the emptied counters with these).
 */
export const REPORT_COUNT_BACKFILL = [];
/** The tables those statements fill: the keys first. */
export const REPORT_COUNT_TABLES = [
  "report_engagement_keys",
  "report_engagement_counts",
  "report_action_counts",
  "report_organisation_counts",
];
REPORT_COUNT_BACKFILL.push(`INSERT INTO report_engagement_keys (engagement_id, date, kind, status, sensitive, org_kinds)
  SELECT e.id, e.date, e.kind, e.status, e.marking = 'OFFICIAL-SENSITIVE', ${orgKinds("e.id")} FROM engagements e WHERE e.archived_at IS NULL;`);
for (const [sliceExpr, sliceJoin, sliceWhere, actionSliceWhere] of [
  ["0", "", "true", "true"],
  [
    "so.organisation_id",
    " JOIN engagement_organisations so ON so.engagement_id = k.engagement_id",
    "g.grain = 'm'",
    "g.grain = 'm' AND f.facet < 2",
  ],
]) {
  REPORT_COUNT_BACKFILL.push(`INSERT INTO ${E_COLS}
  SELECT g.grain, f.facet, ${sliceExpr}, ${period("k.date")}, ${kindOf("k.kind")}, ${setOf("k.org_kinds")}, k.status, k.sensitive, count(*)
  FROM report_engagement_keys k${sliceJoin} JOIN ${GF} WHERE ${sliceWhere}
  GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;`);
  REPORT_COUNT_BACKFILL.push(`INSERT INTO ${A_COLS}
  SELECT g.grain, f.facet, ${sliceExpr}, ${period("k.date")}, ${kindOf("k.kind")}, ${setOf("k.org_kinds")}, a.kind, ${outcome("a")}, ${due("a")}, count(*)
  FROM report_engagement_keys k${sliceJoin} JOIN actions a ON a.engagement_id = k.engagement_id JOIN ${GF} WHERE ${actionSliceWhere}
  GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9;`);
}
REPORT_COUNT_BACKFILL.push(`INSERT INTO ${O_COLS}
  SELECT g.grain, f.facet, eo.organisation_id, ${period("k.date")}, ${kindOf("k.kind")}, ${setOf("k.org_kinds")}, count(*)
  FROM report_engagement_keys k JOIN engagement_organisations eo ON eo.engagement_id = k.engagement_id JOIN ${GF} WHERE true
  GROUP BY 1, 2, 3, 4, 5, 6;`);
const parts = [HEADER + REPORT_COUNT_BACKFILL[0], ...REPORT_COUNT_BACKFILL.slice(1)];
parts.push(`CREATE TRIGGER \`report_counts_key_insert\` AFTER INSERT ON \`report_engagement_keys\`
BEGIN
${keyContribution("NEW", 1)}
END;`);
parts.push(`CREATE TRIGGER \`report_counts_key_delete\` AFTER DELETE ON \`report_engagement_keys\`
BEGIN
${keyContribution("OLD", -1)}
END;`);
// Only the facets whose rows change are moved: a change of status or marking leaves the actions' and links' rows
// where they are, a change of the set of kinds leaves the facets that do not keep it.
const keyChanged = {
  others: `(OLD.date IS NOT NEW.date OR (f.facet & 1 AND OLD.kind IS NOT NEW.kind) OR (f.facet & 2 AND OLD.org_kinds IS NOT NEW.org_kinds))`,
  engagements: `(OLD.date IS NOT NEW.date OR OLD.status IS NOT NEW.status OR OLD.sensitive IS NOT NEW.sensitive OR (f.facet & 1 AND OLD.kind IS NOT NEW.kind) OR (f.facet & 2 AND OLD.org_kinds IS NOT NEW.org_kinds))`,
};
parts.push(`CREATE TRIGGER \`report_counts_key_update\` AFTER UPDATE ON \`report_engagement_keys\`
BEGIN
${keyContribution("OLD", -1, keyChanged)}
${keyContribution("NEW", 1, keyChanged)}
END;`);
parts.push(`CREATE TRIGGER \`report_counts_engagement_insert\` AFTER INSERT ON \`engagements\`
BEGIN
${newKey("NEW", "NEW.archived_at IS NULL")}
END;`);
parts.push(`CREATE TRIGGER \`report_counts_engagement_update\` AFTER UPDATE OF date, kind, status, marking, archived_at ON \`engagements\`
WHEN OLD.date IS NOT NEW.date OR OLD.kind IS NOT NEW.kind OR OLD.status IS NOT NEW.status OR OLD.marking IS NOT NEW.marking
  OR (OLD.archived_at IS NULL) <> (NEW.archived_at IS NULL)
BEGIN
  DELETE FROM report_engagement_keys WHERE engagement_id = OLD.id AND NEW.archived_at IS NOT NULL;
  UPDATE report_engagement_keys SET date = NEW.date, kind = NEW.kind, status = NEW.status, sensitive = NEW.marking = 'OFFICIAL-SENSITIVE'
    WHERE engagement_id = NEW.id AND NEW.archived_at IS NULL;
${newKey("NEW", "NEW.archived_at IS NULL AND NOT EXISTS (SELECT 1 FROM report_engagement_keys WHERE engagement_id = NEW.id)")}
END;`);
parts.push(`CREATE TRIGGER \`report_counts_engagement_delete\` AFTER DELETE ON \`engagements\`
BEGIN
  DELETE FROM report_engagement_keys WHERE engagement_id = OLD.id;
END;`);
parts.push(`CREATE TRIGGER \`report_counts_action_insert\` AFTER INSERT ON \`actions\`
BEGIN
${actionContribution("NEW", 1)}
END;`);
parts.push(`CREATE TRIGGER \`report_counts_action_delete\` AFTER DELETE ON \`actions\`
BEGIN
${actionContribution("OLD", -1)}
END;`);
parts.push(`CREATE TRIGGER \`report_counts_action_update\` AFTER UPDATE OF engagement_id, kind, status, due_date ON \`actions\`
WHEN OLD.engagement_id IS NOT NEW.engagement_id OR OLD.kind IS NOT NEW.kind OR OLD.status IS NOT NEW.status OR OLD.due_date IS NOT NEW.due_date
BEGIN
${actionContribution("OLD", -1)}
${actionContribution("NEW", 1)}
END;`);
parts.push(`CREATE TRIGGER \`report_counts_engagement_organisation_insert\` AFTER INSERT ON \`engagement_organisations\`
BEGIN
${linkContribution("NEW", 1)}
${refreshOrgKinds("engagement_id = NEW.engagement_id")}
END;`);
parts.push(`CREATE TRIGGER \`report_counts_engagement_organisation_delete\` AFTER DELETE ON \`engagement_organisations\`
BEGIN
${linkContribution("OLD", -1)}
${refreshOrgKinds("engagement_id = OLD.engagement_id")}
END;`);
parts.push(`CREATE TRIGGER \`report_counts_organisation_kind\` AFTER UPDATE OF kind ON \`organisations\`
WHEN OLD.kind IS NOT NEW.kind
BEGIN
${refreshOrgKinds("engagement_id IN (SELECT engagement_id FROM engagement_organisations WHERE organisation_id = NEW.id)")}
END;`);
for (const t of ["report_engagement_counts", "report_action_counts", "report_organisation_counts"])
  parts.push(`CREATE TRIGGER \`${t}_drop_nought\` AFTER UPDATE OF n ON \`${t}\`
WHEN NEW.n = 0
BEGIN
  DELETE FROM ${t} WHERE rowid = NEW.rowid;
END;`);
// Run as a script: the migration's SQL.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href)
  process.stdout.write(parts.join("\n--> statement-breakpoint\n") + "\n");
