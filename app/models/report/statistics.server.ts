// A report's figures, from the counters where they serve the filters, else from the records
// (docs/decisions/0030), and the counts the builder and the exports check before they start.
import { sql, type SQL } from "drizzle-orm";
import { allRows, firstRow } from "~/models/prepared-statements.server";
import {
  ORGANISATION_KINDS,
  type ActionKind,
  type ActionStatus,
  type EngagementStatus,
  type Marking,
  type OrganisationKind,
} from "~db/schema";
import { ENGAGEMENT_STATUSES } from "~/domain/enums";
import { SUMMARY_EXPORT_LIMITS, summaryExportAllowed, type SummaryExportFormat } from "~/domain/report-limits";
import { organisationKindLabel } from "~/domain/format";
import type { ActionTally, ReportFilters, ReportStatistics } from "~/domain/report-types";
import { KIND_RANK, OUTSTANDING_ACTION, list, organisationMatch, reportWhere } from "./query.server";
import { counterFacet, counterWhere, periodRanges, periodRows } from "./counters.server";

function monthsOfPeriod(from: string, to: string): string[] {
  const months: string[] = [];
  let [y, m] = from.slice(0, 7).split("-").map(Number);
  const [ty, tm] = to.slice(0, 7).split("-").map(Number);
  while (y < ty || (y === ty && m <= tm)) {
    months.push(`${y}-${String(m).padStart(2, "0")}`);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
    if (months.length > 1200) break; // a century is enough for any report
  }
  return months;
}

function emptyTally(): ActionTally {
  return { made: 0, completed: 0, dropped: 0, outstanding: 0, overdue: 0 };
}

/** What both ways of counting return, grouped as the statistics need it. */
type StatisticsRows = {
  /** Engagements by month and status; `sensitive` of them OFFICIAL-SENSITIVE. */
  engagements: { month: string; status: EngagementStatus; n: number; sensitive: number }[];
  /** Actions by month, kind and status ('outstanding' stands for open and in progress), `overdue` 1 or 0. */
  actions: { month: string; kind: ActionKind; status: ActionStatus | "outstanding"; overdue: number; n: number }[];
  /** Per kind of organisation: engagements with at least one organisation of that kind, and its organisations. */
  kinds: { kind: OrganisationKind; engagements: number; organisations: number }[];
  /** Per organisation, in the report's order (kind, then name). */
  organisations: { name: string; kind: OrganisationKind; engagements: number; lastDate: string }[];
};

/**
 * The figures of a report. `today` (YYYY-MM-DD, UK) decides what is overdue. Four ways, the same figures
 * (tests/integration/report-statistics-recount.test.ts proves it after random changes):
 * - no organisation and no theme chosen (any period, any kinds of engagement, any kinds of organisation: the
 *   defaults, and the filters a busy year is most often cut by): from the counters the triggers keep
 *   (report_*_counts, docs/decisions/0030), whatever the number of engagements in the period;
 * - one organisation, no kind of organisation, no theme: its whole months from that organisation's slice of the
 *   counters (kept per month), its partial months' days from the records of its engagements; the organisations
 *   engaged with it from the records of its own engagements in the period (through organisation_engagement_dates,
 *   as below);
 * - other choices of organisations, no theme: from the records of those organisations' engagements in the period
 *   only, found through organisation_engagement_dates (decision 0017), so the cost follows how often they were
 *   engaged, not how busy the period was ("any of these organisations" would need counters per combination);
 * - a theme chosen: from the records of the period (reportStatisticsFromRows); the counters do not follow themes.
 */
export function reportStatistics({ filters, today }: { filters: ReportFilters; today: string }): ReportStatistics {
  if (statisticsServedByCounters(filters)) return assembleStatistics(filters, statisticsRowsFromCounters(filters, today));
  if (filters.organisation.length && !filters.theme.length) {
    const slice = counterSlice(filters);
    return assembleStatistics(
      filters,
      slice
        ? statisticsRowsOfOneOrganisation(filters, today, slice)
        : statisticsRowsFromRecords(filters, today, chosenOrganisationsEngagements(filters)),
    );
  }
  return assembleStatistics(filters, statisticsRowsFromRecords(filters, today));
}

/** The organisation whose slice of the counters answers the filters (one organisation and nothing else by organisation), else null. */
function counterSlice(filters: ReportFilters): number | null {
  if (filters.organisation.length !== 1 || filters.orgKind.length || filters.theme.length) return null;
  return firstRow<{ id: number }>(sql`select id from organisations where slug = ${filters.organisation[0]}`)?.id ?? null;
}

/** The figures counted from the records of the period, whatever the filters: the fallback, and what the other ways must equal. */
export function reportStatisticsFromRows({ filters, today }: { filters: ReportFilters; today: string }): ReportStatistics {
  return assembleStatistics(filters, statisticsRowsFromRecords(filters, today));
}

/**
 * Engagements (`e`) of the period linked to an organisation the filters name: a range of organisation_engagement_dates
 * per organisation and status. Said beside reportWhere's own test of the same, it lets SQLite start from these
 * engagements instead of every engagement of the period.
 */
function chosenOrganisationsEngagements(filters: ReportFilters): SQL {
  return sql`e.id in (select oed.engagement_id from organisation_engagement_dates oed
    where oed.organisation_id in (select fo_org.id from organisations fo_org where ${organisationMatch(filters, "fo_org")})
      and oed.status in ${list(ENGAGEMENT_STATUSES)} and oed.date between ${filters.from} and ${filters.to})`;
}

function statisticsServedByCounters(filters: ReportFilters): boolean {
  return filters.organisation.length === 0 && filters.theme.length === 0;
}

function statisticsRowsFromRecords(filters: ReportFilters, today: string, narrowing?: SQL): StatisticsRows {
  const where = narrowing ? sql`${reportWhere(filters)} and ${narrowing}` : reportWhere(filters);
  return {
    ...engagementAndActionRowsFromRecords(where, today),
    kinds: kindRowsFromRecords(where),
    organisations: organisationRowsFromRecords(where),
  };
}

/**
 * The status and month figures from one pass over the engagements (`e`) that match `where`, the action figures by
 * month and by outcome from one pass over their actions.
 */
function engagementAndActionRowsFromRecords(where: SQL, today: string): Pick<StatisticsRows, "engagements" | "actions"> {
  const engagements = allRows<StatisticsRows["engagements"][number]>(
    sql`select substr(e.date, 1, 7) as month, e.status as status, count(*) as n, coalesce(sum(e.marking = 'OFFICIAL-SENSITIVE'), 0) as sensitive
        from engagements e where ${where} group by month, e.status`,
  );
  // `overdue` is isOverdue of ~/domain/actions, in SQL.
  const actions = allRows<StatisticsRows["actions"][number]>(
    sql`select substr(e.date, 1, 7) as month, a.kind as kind, a.status as status,
               (${OUTSTANDING_ACTION} and a.due_date is not null and a.due_date < ${today}) as overdue, count(*) as n
        from engagements e join actions a on a.engagement_id = e.id where ${where} group by month, a.kind, a.status, overdue`,
  );
  return { engagements, actions };
}

function kindRowsFromRecords(where: SQL): StatisticsRows["kinds"] {
  return allRows<StatisticsRows["kinds"][number]>(
    sql`select org.kind as kind, count(distinct e.id) as engagements, count(distinct org.id) as organisations
        from engagements e join engagement_organisations eo on eo.engagement_id = e.id join organisations org on org.id = eo.organisation_id
        where ${where} group by org.kind`,
  );
}

/** Per organisation of the engagements (`e`) that match `where`: its engagements and its last date, in the report's order. */
function organisationRowsFromRecords(where: SQL): StatisticsRows["organisations"] {
  return allRows<StatisticsRows["organisations"][number]>(
    sql`select coalesce(org.short_name, org.name) as name, org.kind as kind, count(*) as engagements, max(e.date) as lastDate
        from engagements e join engagement_organisations eo on eo.engagement_id = e.id join organisations org on org.id = eo.organisation_id
        where ${where} group by org.id order by ${KIND_RANK}, coalesce(org.short_name, org.name)`,
  );
}

function engagementAndActionRowsFromCounters(
  filters: ReportFilters,
  today: string,
  slice: number,
  ranges: ReturnType<typeof periodRanges>,
): Pick<StatisticsRows, "engagements" | "actions"> {
  const facet = counterFacet(filters);
  const engagements = allRows<StatisticsRows["engagements"][number]>(
    sql`select substr(period, 1, 7) as month, status, sum(n) as n, sum(n * sensitive) as sensitive
        from (${periodRows({ table: "report_engagement_counts", columns: "c.period, c.status, c.sensitive, c.n", filters, facet, kindColumn: "kind", slice, ranges })})
        group by month, status`,
  );
  // `overdue` is isOverdue of ~/domain/actions: outstanding, with a due date before today.
  const actions = allRows<StatisticsRows["actions"][number]>(
    sql`select substr(period, 1, 7) as month, action_kind as kind, outcome as status,
               (outcome = 'outstanding' and due_date <> '' and due_date < ${today}) as overdue, sum(n) as n
        from (${periodRows({
          table: "report_action_counts",
          columns: "c.period, c.action_kind, c.outcome, c.due_date, c.n",
          filters,
          facet,
          kindColumn: "engagement_kind",
          slice,
          ranges,
        })})
        group by month, kind, status, overdue`,
  );
  return { engagements, actions };
}

/**
 * One organisation's figures: its whole months from its slice of the counters (kept per month only), the days of
 * partial months and the organisations engaged with it from the records of its engagements.
 */
function statisticsRowsOfOneOrganisation(filters: ReportFilters, today: string, slice: number): StatisticsRows {
  const ranges = periodRanges(filters.from, filters.to);
  const months = ranges.filter((range) => range.grain === "m");
  const fromCounters = months.length
    ? engagementAndActionRowsFromCounters(filters, today, slice, months)
    : { engagements: [], actions: [] };
  const engagementsPerKind = months.length ? engagementsPerKindFromCounters(filters, slice, months) : new Map<string, number>();
  const days = ranges
    .filter((range) => range.grain === "d")
    .map((range) => {
      const part = { ...filters, from: range.from, to: range.to };
      const where = sql`${reportWhere(part)} and ${chosenOrganisationsEngagements(part)}`;
      for (const row of kindRowsFromRecords(where))
        engagementsPerKind.set(row.kind, (engagementsPerKind.get(row.kind) ?? 0) + row.engagements);
      return engagementAndActionRowsFromRecords(where, today);
    });
  const organisations = organisationRowsFromRecords(sql`${reportWhere(filters)} and ${chosenOrganisationsEngagements(filters)}`);
  return {
    engagements: [...fromCounters.engagements, ...days.flatMap((d) => d.engagements)],
    actions: [...fromCounters.actions, ...days.flatMap((d) => d.actions)],
    kinds: kindsOf(engagementsPerKind, organisations),
    organisations,
  };
}

/** Engagements per kind of organisation from the counters of one slice over `ranges`: each counts once under each kind in its set. */
function engagementsPerKindFromCounters(
  filters: ReportFilters,
  slice: number,
  ranges: ReturnType<typeof periodRanges>,
): Map<string, number> {
  const engagementsPerKind = new Map<string, number>();
  for (const row of allRows<{ orgKinds: string; n: number }>(
    sql`select org_kinds as orgKinds, sum(n) as n
        from (${periodRows({
          table: "report_engagement_counts",
          columns: "c.org_kinds, c.n",
          filters,
          facet: counterFacet(filters, { byOrganisationKinds: true }),
          kindColumn: "kind",
          slice,
          ranges,
        })})
        group by org_kinds`,
  ))
    for (const kind of row.orgKinds ? row.orgKinds.split(",") : [])
      engagementsPerKind.set(kind, (engagementsPerKind.get(kind) ?? 0) + row.n);
  return engagementsPerKind;
}

/** The figures per kind of organisation: its engagements, and how many of the organisations engaged are of that kind. */
function kindsOf(engagementsPerKind: Map<string, number>, organisations: StatisticsRows["organisations"]): StatisticsRows["kinds"] {
  const organisationsPerKind = new Map<string, number>();
  for (const organisation of organisations)
    organisationsPerKind.set(organisation.kind, (organisationsPerKind.get(organisation.kind) ?? 0) + 1);
  return [...engagementsPerKind].map(([kind, n]) => ({
    kind: kind as OrganisationKind,
    engagements: n,
    organisations: organisationsPerKind.get(kind) ?? 0,
  }));
}

/** The figures from the counters' slice 0 (all engagements). */
function statisticsRowsFromCounters(filters: ReportFilters, today: string): StatisticsRows {
  const facet = counterFacet(filters);
  const ranges = periodRanges(filters.from, filters.to);
  const { engagements, actions } = engagementAndActionRowsFromCounters(filters, today, 0, ranges);
  const engagementsPerKind = engagementsPerKindFromCounters(filters, 0, ranges);

  // Each organisation's rows are ranges of its own; its last day in the period is one backward seek of its day rows.
  const organisations = allRows<StatisticsRows["organisations"][number]>(
    sql`select coalesce(org.short_name, org.name) as name, org.kind as kind, t.n as engagements,
               (select c.period from report_organisation_counts c where c.grain = 'd' and c.facet = ${facet} and c.organisation_id = t.organisation_id
                  and c.period between ${filters.from} and ${filters.to}${counterWhere(filters, "engagement_kind")}
                order by c.period desc limit 1) as lastDate
        from (select organisation_id, sum(n) as n
              from (${periodRows({
                table: "report_organisation_counts",
                columns: "c.organisation_id, c.n",
                filters,
                facet,
                kindColumn: "engagement_kind",
                join: "organisations o cross join ",
              })})
              group by organisation_id) t
        join organisations org on org.id = t.organisation_id
        order by ${KIND_RANK}, coalesce(org.short_name, org.name)`,
  );
  return { engagements, actions, kinds: kindsOf(engagementsPerKind, organisations), organisations };
}

function assembleStatistics(filters: ReportFilters, rows: StatisticsRows): ReportStatistics {
  const byStatus: Record<EngagementStatus, number> = { planned: 0, held: 0, cancelled: 0 };
  const engagementsByMonth = new Map<string, number>();
  let engagementCount = 0;
  let sensitive = 0;
  for (const row of rows.engagements) {
    byStatus[row.status] += row.n;
    engagementsByMonth.set(row.month, (engagementsByMonth.get(row.month) ?? 0) + row.n);
    engagementCount += row.n;
    sensitive += row.sensitive ?? 0;
  }

  const commitments = emptyTally();
  const followUps = emptyTally();
  const actionsByMonth = new Map<string, { commitments: number; followUps: number }>();
  for (const row of rows.actions) {
    const tally = row.kind === "commitment" ? commitments : followUps;
    tally.made += row.n;
    if (row.status === "done") tally.completed += row.n;
    else if (row.status === "dropped") tally.dropped += row.n;
    else tally.outstanding += row.n;
    if (row.overdue) tally.overdue += row.n;
    const month = actionsByMonth.get(row.month) ?? { commitments: 0, followUps: 0 };
    if (row.kind === "commitment") month.commitments += row.n;
    else month.followUps += row.n;
    actionsByMonth.set(row.month, month);
  }

  // Every month of a period up to two years long; beyond that, the months from the first engagement to the last.
  let months = monthsOfPeriod(filters.from, filters.to);
  if (months.length > 24) {
    const used = [...engagementsByMonth.keys()].sort();
    months = used.length ? monthsOfPeriod(`${used[0]}-01`, `${used[used.length - 1]}-01`) : [];
  }
  const byMonth = months.map((month) => ({
    month,
    engagements: engagementsByMonth.get(month) ?? 0,
    commitments: actionsByMonth.get(month)?.commitments ?? 0,
    followUps: actionsByMonth.get(month)?.followUps ?? 0,
  }));

  const byOrganisationKind = ORGANISATION_KINDS.map((kind) => {
    const row = rows.kinds.find((r) => r.kind === kind);
    return { kind, label: organisationKindLabel(kind), engagements: row?.engagements ?? 0, organisations: row?.organisations ?? 0 };
  }).filter((r) => r.engagements > 0);

  return {
    engagements: engagementCount,
    byStatus,
    byMonth,
    byOrganisationKind,
    organisationsEngaged: rows.organisations.length,
    organisations: rows.organisations,
    commitments,
    followUps,
    sensitiveEngagements: sensitive,
    marking: sensitive > 0 ? "OFFICIAL-SENSITIVE" : "OFFICIAL",
  };
}

/** The marking a report must carry: the highest of the engagements it includes. */
export function reportMarking(filters: ReportFilters): Marking {
  const row = firstRow<{ sensitive: number | null }>(
    sql`select max(e.marking = 'OFFICIAL-SENSITIVE') as sensitive from engagements e where ${reportWhere(filters)}`,
  );
  return row?.sensitive ? "OFFICIAL-SENSITIVE" : "OFFICIAL";
}

export function countReportEngagements(filters: ReportFilters): number {
  return firstRow<{ n: number }>(sql`select count(*) as n from engagements e where ${reportWhere(filters)}`)?.n ?? 0;
}

/**
 * Whether a summary (Word or printed) of these filters is within its format's limit: one count on the date
 * index, made before anything is generated or audited.
 */
export function summaryExportSize({ filters, format }: { filters: ReportFilters; format: SummaryExportFormat }) {
  const engagements = countReportEngagements(filters);
  return { engagements, limit: SUMMARY_EXPORT_LIMITS[format], allowed: summaryExportAllowed(format, engagements) };
}

export type ReportPreviewEngagement = {
  id: number;
  title: string;
  date: string;
  marking: Marking;
  /** The organisations' short names, in the order recorded. */
  organisations: string;
};

/** The first `limit` engagements of a report in date order (then id), for the builder's preview. */
export function previewReportEngagements({ filters, limit = 20 }: { filters: ReportFilters; limit?: number }): ReportPreviewEngagement[] {
  return allRows<ReportPreviewEngagement>(
    sql`select e.id, e.title, e.date, e.marking,
               coalesce((select group_concat(name, ', ') from (select coalesce(org.short_name, org.name) as name from engagement_organisations eo
                 join organisations org on org.id = eo.organisation_id where eo.engagement_id = e.id order by eo.rowid)), '') as organisations
        from engagements e where ${reportWhere(filters)} order by e.date, e.id limit ${limit}`,
  );
}

/** The actions of the report's engagements: from the counters where they serve the filters (see reportStatistics), else from the rows. */
export function countReportActions(filters: ReportFilters): number {
  if (statisticsServedByCounters(filters))
    return (
      firstRow<{ n: number | null }>(
        sql`select sum(n) as n from (${periodRows({
          table: "report_action_counts",
          columns: "c.n",
          filters,
          facet: counterFacet(filters),
          kindColumn: "engagement_kind",
          slice: 0,
        })})`,
      )?.n ?? 0
    );
  return (
    firstRow<{ n: number }>(
      sql`select count(*) as n from engagements e join actions a on a.engagement_id = e.id where ${reportWhere(filters)}`,
    )?.n ?? 0
  );
}
