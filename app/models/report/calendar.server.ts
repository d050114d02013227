// The calendar export: planned engagements and actions falling due, from today on.
import { sql, type SQL } from "drizzle-orm";
import { allRows, firstRow } from "~/models/prepared-statements.server";
import { readDueWindowsOf } from "~/models/outstanding-counts.server";
import type { Marking } from "~db/schema";
import type { CalendarAction, CalendarEngagement, ReportEngagementFilters, ReportFilters } from "~/domain/report-types";
import { OUTSTANDING_ACTION, REPORT_BATCH_SIZE, afterEngagement, engagementWhere, keysetBatches, list } from "./query.server";
import { counterFacet, counterWhere, periodRows } from "./counters.server";

/** What the calendar asks for: the filters (the period does not apply), from `today` (YYYY-MM-DD, UK) on. */
type CalendarQuery = { filters: ReportEngagementFilters; today: string; batchSize?: number };

/** Planned engagements from `today` on that match the filters (the period does not apply), in batches. */
export function* upcomingEngagements({ filters, today, batchSize = REPORT_BATCH_SIZE }: CalendarQuery): Generator<CalendarEngagement[]> {
  const where = engagementWhere(filters);
  yield* keysetBatches<CalendarEngagement>(
    (after) =>
      allRows(
        sql`select e.id, e.title, e.kind, e.date, e.start_time as startTime, e.end_time as endTime, e.format, e.location, e.country,
                 e.purpose, e.marking,
                 (select group_concat(name, ', ') from (select coalesce(org.short_name, org.name) as name from engagement_organisations eo join organisations org on org.id = eo.organisation_id
                   where eo.engagement_id = e.id order by eo.rowid)) as organisations
          from engagements e where ${where} and e.status = 'planned' and e.date >= ${today}${afterEngagement(after)}
          order by e.date, e.id limit ${batchSize}`,
      ),
    batchSize,
  );
}

/** Open and in-progress actions due from `today` on, of engagements that match the filters, in batches. */
export function* upcomingDueActions({ filters, today, batchSize = REPORT_BATCH_SIZE }: CalendarQuery): Generator<CalendarAction[]> {
  const where = engagementWhere(filters);
  yield* keysetBatches<CalendarAction>((after) => {
    const keyset: SQL = after ? sql` and (a.due_date > ${after.dueDate} or (a.due_date = ${after.dueDate} and a.id > ${after.id}))` : sql``;
    return allRows(
      sql`select a.id, a.kind, a.description, a.due_date as dueDate, a.status, coalesce(org.short_name, org.name) as organisation, a.owner_type as ownerType,
                 coalesce(u.name, a.owner_name) as ownerName, e.id as engagementId, e.title as engagementTitle, e.date as engagementDate, e.marking
          from actions a join engagements e on e.id = a.engagement_id
          left join organisations org on org.id = a.organisation_id left join users u on u.id = a.owner_user_id
          where ${OUTSTANDING_ACTION} and a.due_date >= ${today} and ${where}${keyset}
          order by a.due_date, a.id limit ${batchSize}`,
    );
  }, batchSize);
}

/**
 * How many planned engagements and due dates of outstanding actions from `today` on match the filters, and the marking of
 * the lot: what the calendar export says it holds (its audit line, its name). Counted from the records, as it streams
 * them anyway; the builder's page, which shows the two counts only, reads calendarItemCounts.
 */
export function countCalendarItems({ filters, today }: { filters: ReportEngagementFilters; today: string }): {
  engagements: number;
  actions: number;
  marking: Marking;
} {
  const engagements = plannedEngagementsFromRecords(filters, today);
  const actions = dueActionsFromRecords(filters, today);
  return {
    engagements: engagements.n,
    actions: actions.n,
    marking: engagements.sensitive || actions.sensitive ? "OFFICIAL-SENSITIVE" : "OFFICIAL",
  };
}

/**
 * The two counts of countCalendarItems (no marking), as the builder shows them, from the counters the triggers keep
 * when the filters allow (docs/decisions/0032), else from the records as countCalendarItems counts them. Read per
 * record, the due dates cost a lookup of the engagement for each outstanding action due from today on (~14,000 at
 * 200,000 engagements, of engagements of any date), the planned engagements one for each (~3,000).
 * - Planned engagements, with no organisation and no theme chosen: report_engagement_counts, slice 0, the facet
 *   the kinds chosen need, from today on (the whole months after this one, and this month's days from today).
 * - Due dates, with no filter or one theme alone: outstanding_action_due_counts (facet "all" or "theme"), from today
 *   on; with kinds of engagement and/or of organisation alone: report_action_counts, slice 0, the month rows of every
 *   period, outstanding and due from today on (decision 0030: a set of kinds matches when it holds a chosen kind).
 * - Anything else (organisations; several themes; a theme with kinds): the records; with organisations chosen (and no
 *   kind of organisation), from those organisations' engagements only (planned ones from today on: a seek each).
 * tests/integration/report-statistics-recount.test.ts proves both ways equal after random changes.
 */
export function calendarItemCounts({ filters, today }: { filters: ReportEngagementFilters; today: string }): {
  engagements: number;
  actions: number;
} {
  return {
    engagements: plannedEngagementCountFromCounters(filters, today) ?? plannedEngagementsFromRecords(filters, today).n,
    actions: dueActionCountFromCounters(filters, today) ?? dueActionsFromRecords(filters, today).n,
  };
}

/** Planned engagements from `today` on that match the filters, counted from the records, and whether any is OFFICIAL-SENSITIVE. */
function plannedEngagementsFromRecords(filters: ReportEngagementFilters, today: string): { n: number; sensitive: boolean } {
  const row = firstRow<{ n: number; sensitive: number | null }>(
    sql`select count(*) as n, max(e.marking = 'OFFICIAL-SENSITIVE') as sensitive from engagements e
        where ${engagementWhere(filters)} and e.status = 'planned' and e.date >= ${today}${chosenOrganisationsOnly(
          filters,
          sql` and oed.status = 'planned' and oed.date >= ${today}`,
        )}`,
  );
  return { n: row?.n ?? 0, sensitive: Boolean(row?.sensitive) };
}

/** Outstanding actions due from `today` on of engagements that match the filters, counted from the records, and whether any is of an OFFICIAL-SENSITIVE engagement. */
function dueActionsFromRecords(filters: ReportEngagementFilters, today: string): { n: number; sensitive: boolean } {
  const row = firstRow<{ n: number; sensitive: number | null }>(
    sql`select count(*) as n, max(e.marking = 'OFFICIAL-SENSITIVE') as sensitive from actions a join engagements e on e.id = a.engagement_id
        where ${OUTSTANDING_ACTION} and a.due_date >= ${today} and ${engagementWhere(filters)}${chosenOrganisationsOnly(filters, sql``)}`,
  );
  return { n: row?.n ?? 0, sensitive: Boolean(row?.sensitive) };
}

/**
 * With organisations chosen and no kind of organisation (which widens "any of these" to every organisation of the
 * kind): the engagements (`e`) of those organisations, found through organisation_engagement_dates (decision 0017)
 * and narrowed by `range` (its rows `oed`), said beside engagementWhere's own test of the same so that SQLite starts
 * from them. Nothing otherwise.
 */
function chosenOrganisationsOnly(filters: ReportEngagementFilters, range: SQL): SQL {
  if (!filters.organisation.length || filters.orgKind.length) return sql``;
  return sql` and e.id in (select oed.engagement_id from organisation_engagement_dates oed
    where oed.organisation_id in (select id from organisations where slug in ${list(filters.organisation)})${range})`;
}

/** The filters as a report from `from` to the end of time, for the counters' helpers. */
function fromDateOn(filters: ReportEngagementFilters, from: string): ReportFilters {
  return { ...filters, from, to: "9999-12-31", include: [] };
}

/** Planned engagements from `today` on that match the filters, from the counters; null when they cannot answer. */
function plannedEngagementCountFromCounters(filters: ReportEngagementFilters, today: string): number | null {
  if (filters.organisation.length || filters.theme.length) return null;
  const future = fromDateOn(filters, today);
  const rows = periodRows({
    table: "report_engagement_counts",
    columns: "c.status, c.n",
    filters: future,
    facet: counterFacet(future),
    kindColumn: "kind",
    slice: 0,
  });
  return firstRow<{ n: number | null }>(sql`select sum(n) as n from (${rows}) where status = 'planned'`)?.n ?? 0;
}

/** Outstanding actions due from `today` on that match the filters, from the counters; null when they cannot answer. */
function dueActionCountFromCounters(filters: ReportEngagementFilters, today: string): number | null {
  if (filters.organisation.length) return null;
  const byKinds = filters.kind.length > 0 || filters.orgKind.length > 0;
  if (!byKinds && filters.theme.length <= 1) {
    const [facet, value] = filters.theme.length ? (["theme", String(filters.theme[0])] as const) : (["all", ""] as const);
    return readDueWindowsOf({ facet, value, today }).fromToday;
  }
  if (filters.theme.length) return null;
  // Every engagement is in some month: the month rows of all periods count each of its actions once.
  const asReport = fromDateOn(filters, "0000-01-01");
  return (
    firstRow<{ n: number | null }>(
      sql`select sum(c.n) as n from report_action_counts c
          where c.grain = 'm' and c.facet = ${counterFacet(asReport)} and c.slice = 0
            and c.outcome = 'outstanding' and c.due_date >= ${today}${counterWhere(asReport, "engagement_kind")}`,
    )?.n ?? 0
  );
}
