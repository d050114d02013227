// What every report query shares: the WHERE clause of the filters, the report's order of kinds of organisation,
// what counts as an outstanding action, and reading engagements in keyset batches.
import { sql, type SQL } from "drizzle-orm";
import { ORGANISATION_KINDS } from "~db/schema";
import { OUTSTANDING_ACTION_STATUSES } from "~/domain/actions";
import type { ReportEngagementFilters, ReportFilters } from "~/domain/report-types";

export const REPORT_BATCH_SIZE = 500;

export function list(values: readonly (string | number)[]): SQL {
  return sql`(${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )})`;
}

/** Whether an organisation row (aliased `org`) is one the filters name. */
export function organisationMatch(filters: ReportEngagementFilters, org: string): SQL | null {
  const parts: SQL[] = [];
  if (filters.organisation.length) parts.push(sql`${sql.raw(org)}.slug in ${list(filters.organisation)}`);
  if (filters.orgKind.length) parts.push(sql`${sql.raw(org)}.kind in ${list(filters.orgKind)}`);
  return parts.length ? sql`(${sql.join(parts, sql` or `)})` : null;
}

/**
 * Engagements (aliased `e`) that match the filters: not archived; in the period when one is given; of the
 * chosen engagement kinds; with any of the chosen organisations or kinds of organisation; with any of the themes.
 */
export function engagementWhere(filters: ReportEngagementFilters, period?: { from: string; to: string }): SQL {
  const parts: SQL[] = [sql`e.archived_at is null`];
  if (period) parts.push(sql`e.date between ${period.from} and ${period.to}`);
  if (filters.kind.length) parts.push(sql`e.kind in ${list(filters.kind)}`);
  const orgMatch = organisationMatch(filters, "fo_org");
  if (orgMatch)
    parts.push(
      sql`exists (select 1 from engagement_organisations fo join organisations fo_org on fo_org.id = fo.organisation_id where fo.engagement_id = e.id and ${orgMatch})`,
    );
  if (filters.theme.length)
    parts.push(sql`exists (select 1 from engagement_themes ft where ft.engagement_id = e.id and ft.theme_id in ${list(filters.theme)})`);
  return sql.join(parts, sql` and `);
}

export function reportWhere(filters: ReportFilters): SQL {
  return engagementWhere(filters, { from: filters.from, to: filters.to });
}

export const KIND_RANK = sql.raw(
  `case org.kind ${ORGANISATION_KINDS.map((k, i) => `when '${k}' then ${i}`).join(" ")} else ${ORGANISATION_KINDS.length} end`,
);

/** An action (`a`) still to do: its status is one of OUTSTANDING_ACTION_STATUSES. */
export const OUTSTANDING_ACTION: SQL = sql`a.status in (${sql.join(
  OUTSTANDING_ACTION_STATUSES.map((status) => sql`${status}`),
  sql`, `,
)})`;

/**
 * Rows read a batch at a time, each batch after the last row of the one before (a keyset: `read` is given
 * that row, or null for the first batch), until a batch comes back short.
 */
export function* keysetBatches<T>(read: (after: T | null) => T[], batchSize: number): Generator<T[]> {
  let after: T | null = null;
  for (;;) {
    const page = read(after);
    if (!page.length) return;
    yield page;
    if (page.length < batchSize) return;
    after = page[page.length - 1];
  }
}

/** The keyset term of the (date, id) order of engagements (`e`): after the given one; nothing for the first batch. */
export function afterEngagement(after: { date: string; id: number } | null): SQL {
  return after ? sql` and (e.date > ${after.date} or (e.date = ${after.date} and e.id > ${after.id}))` : sql``;
}
