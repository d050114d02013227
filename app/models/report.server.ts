// Reports: the engagements of a period, with what was agreed and what was delivered, for the
// Commissioner's reports. Read-only, apart from the audit event each export writes.
//
// Memory stays flat as data grows (docs/decisions/0006): the statistics are SQL aggregates, and the
// engagements are read in keyset batches of at most REPORT_BATCH_SIZE, each batch's children
// (organisations, themes, attendees, agenda, actions) fetched in one IN-query per kind. Callers consume
// the generators batch by batch and stream what they write, so no export holds every engagement at once.
import { sql, type SQL } from "drizzle-orm";
import { db, writeTransaction } from "~db/connection";
import {
  ORGANISATION_KINDS,
  type ActionKind,
  type ActionStatus,
  type EngagementStatus,
  type Marking,
  type OrganisationKind,
} from "~db/schema";
import { OUTSTANDING_ACTION_STATUSES } from "~/domain/actions";
import { ENGAGEMENT_STATUSES } from "~/domain/enums";
import { SUMMARY_EXPORT_LIMITS, summaryExportAllowed, type SummaryExportFormat } from "~/domain/report-limits";
import { ENGAGEMENT_KIND_LABELS } from "~/domain/engagement-labels";
import { formatDate, organisationKindLabel } from "~/domain/format";
import type {
  ActionTally,
  CalendarAction,
  CalendarEngagement,
  ReportEngagementFilters,
  FilterDescription,
  ReportAction,
  ReportAgendaItem,
  ReportAttendee,
  ReportEngagement,
  ReportFilters,
  ReportOrganisation,
  ReportPart,
  ReportStatistics,
} from "~/domain/report-types";
import { recordAudit, type Actor } from "./audit.server";

export type {
  ActionTally,
  CalendarAction,
  CalendarEngagement,
  FilterDescription,
  ReportAction,
  ReportAgendaItem,
  ReportAttendee,
  ReportEngagement,
  ReportFilters,
  ReportOrganisation,
  ReportPart,
  ReportStatistics,
};

export const REPORT_BATCH_SIZE = 500;

// ---- the WHERE clause every report query shares ----------------------------------------------

function list(values: readonly (string | number)[]): SQL {
  return sql`(${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )})`;
}

/**
 * A list of ids as one bound parameter (a JSON array read by json_each): one placeholder instead of 500,
 * which keeps statement building cheap for batch queries; SQLite still probes by primary key or index.
 */
function idSet(ids: readonly number[]): SQL {
  return sql`(select value from json_each(${JSON.stringify(ids)}))`;
}

/** Whether an organisation row (aliased `org`, linked as `link`) is one the filters name. */
function organisationMatch(filters: ReportEngagementFilters, link: string, org: string): SQL | null {
  const parts: SQL[] = [];
  if (filters.organisation.length) parts.push(sql`${sql.raw(org)}.slug in ${list(filters.organisation)}`);
  if (filters.orgKind.length) parts.push(sql`${sql.raw(org)}.kind in ${list(filters.orgKind)}`);
  void link;
  return parts.length ? sql`(${sql.join(parts, sql` or `)})` : null;
}

/**
 * Engagements (aliased `e`) that match the filters: not archived; in the period when one is given; of the
 * chosen engagement kinds; with any of the chosen organisations or kinds of organisation; with any of the themes.
 */
function engagementWhere(filters: ReportEngagementFilters, period?: { from: string; to: string }): SQL {
  const parts: SQL[] = [sql`e.archived_at is null`];
  if (period) parts.push(sql`e.date between ${period.from} and ${period.to}`);
  if (filters.kind.length) parts.push(sql`e.kind in ${list(filters.kind)}`);
  const orgMatch = organisationMatch(filters, "fo", "fo_org");
  if (orgMatch)
    parts.push(
      sql`exists (select 1 from engagement_organisations fo join organisations fo_org on fo_org.id = fo.organisation_id where fo.engagement_id = e.id and ${orgMatch})`,
    );
  if (filters.theme.length)
    parts.push(sql`exists (select 1 from engagement_themes ft where ft.engagement_id = e.id and ft.theme_id in ${list(filters.theme)})`);
  return sql.join(parts, sql` and `);
}

function reportWhere(filters: ReportFilters): SQL {
  return engagementWhere(filters, { from: filters.from, to: filters.to });
}

/**
 * The organisation an engagement is listed under in a grouped report: the first organisation recorded for
 * it among those the filters name (or among all of its organisations when the filters name none). Each
 * engagement appears once; its other organisations are named in it.
 */
function placementOrganisation(filters: ReportEngagementFilters): SQL {
  const match = organisationMatch(filters, "po", "po_org");
  return sql`(select po.organisation_id from engagement_organisations po join organisations po_org on po_org.id = po.organisation_id where po.engagement_id = e.id${
    match ? sql` and ${match}` : sql``
  } order by po.rowid limit 1)`;
}

const KIND_RANK = sql.raw(
  `case org.kind ${ORGANISATION_KINDS.map((k, i) => `when '${k}' then ${i}`).join(" ")} else ${ORGANISATION_KINDS.length} end`,
);

// ---- the builder's choices and its checks ----------------------------------------------------

export type ReportChoices = {
  organisations: { slug: string; name: string; shortName: string | null; kind: OrganisationKind; archived: boolean }[];
  themes: { id: number; name: string }[];
};

export function listReportChoices(): ReportChoices {
  const organisations = db()
    .all<{ slug: string; name: string; shortName: string | null; kind: OrganisationKind; archived: number }>(
      sql`select slug, name, short_name as shortName, kind, archived_at is not null as archived from organisations
          order by coalesce(short_name, name) collate nocase`,
    )
    .map((o) => ({ ...o, archived: Boolean(o.archived) }));
  const themes = db().all<{ id: number; name: string }>(sql`select id, name from themes order by name collate nocase`);
  return { organisations, themes };
}

/** The organisation slugs and theme ids in a query that name nothing: a stale bookmark or a tampered URL. */
export function findUnknownReportReferences(filters: Pick<ReportEngagementFilters, "organisation" | "theme">): {
  organisation: string[];
  theme: number[];
} {
  const knownSlugs = new Set(
    filters.organisation.length
      ? db()
          .all<{ slug: string }>(sql`select slug from organisations where slug in ${list(filters.organisation)}`)
          .map((r) => r.slug)
      : [],
  );
  const knownThemes = new Set(
    filters.theme.length
      ? db()
          .all<{ id: number }>(sql`select id from themes where id in ${list(filters.theme)}`)
          .map((r) => r.id)
      : [],
  );
  return {
    organisation: filters.organisation.filter((s) => !knownSlugs.has(s)),
    theme: filters.theme.filter((id) => !knownThemes.has(id)),
  };
}

const PART_WORDS: Record<ReportPart, string> = { attendees: "attendees", agenda: "agenda", actions: "commitments and follow-ups" };

export function describeReportFilters(filters: ReportFilters): FilterDescription {
  return {
    ...describeEngagementFilters(filters),
    period: `${formatDate(filters.from)} to ${formatDate(filters.to)}`,
    includes: filters.include.map((p) => PART_WORDS[p]),
  };
}

/** The engagement filters in words (no period, nothing to include): the calendar's. */
export function describeEngagementFilters(filters: ReportEngagementFilters): Omit<FilterDescription, "period" | "includes"> {
  const orgNames = filters.organisation.length
    ? db()
        .all<{ name: string }>(
          sql`select coalesce(short_name, name) as name from organisations where slug in ${list(filters.organisation)} order by 1`,
        )
        .map((r) => r.name)
    : [];
  const themeNames = filters.theme.length
    ? db()
        .all<{ name: string }>(sql`select name from themes where id in ${list(filters.theme)} order by name collate nocase`)
        .map((r) => r.name)
    : [];
  return {
    organisations: orgNames,
    organisationKinds: filters.orgKind.map(organisationKindLabel),
    themes: themeNames,
    engagementKinds: filters.kind.map((k) => ENGAGEMENT_KIND_LABELS[k] ?? k),
  };
}

// ---- statistics ---------------------------------------------------------------------------------

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

/** An action (`a`) still to do: its status is one of OUTSTANDING_ACTION_STATUSES. */
const OUTSTANDING_ACTION: SQL = sql`a.status in (${sql.join(
  OUTSTANDING_ACTION_STATUSES.map((status) => sql`${status}`),
  sql`, `,
)})`;

/**
 * Rows read a batch at a time, each batch after the last row of the one before (a keyset: `read` is given
 * that row, or null for the first batch), until a batch comes back short.
 */
function* keysetBatches<T>(read: (after: T | null) => T[], batchSize: number): Generator<T[]> {
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
function afterEngagement(after: { date: string; id: number } | null): SQL {
  return after ? sql` and (e.date > ${after.date} or (e.date = ${after.date} and e.id > ${after.id}))` : sql``;
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
  return db().get<{ id: number }>(sql`select id from organisations where slug = ${filters.organisation[0]}`)?.id ?? null;
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
    where oed.organisation_id in (select fo_org.id from organisations fo_org where ${organisationMatch(filters, "oed", "fo_org")})
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
  const engagements = db().all<StatisticsRows["engagements"][number]>(
    sql`select substr(e.date, 1, 7) as month, e.status as status, count(*) as n, coalesce(sum(e.marking = 'OFFICIAL-SENSITIVE'), 0) as sensitive
        from engagements e where ${where} group by month, e.status`,
  );
  // `overdue` is isOverdue of ~/domain/actions, in SQL.
  const actions = db().all<StatisticsRows["actions"][number]>(
    sql`select substr(e.date, 1, 7) as month, a.kind as kind, a.status as status,
               (${OUTSTANDING_ACTION} and a.due_date is not null and a.due_date < ${today}) as overdue, count(*) as n
        from engagements e join actions a on a.engagement_id = e.id where ${where} group by month, a.kind, a.status, overdue`,
  );
  return { engagements, actions };
}

function kindRowsFromRecords(where: SQL): StatisticsRows["kinds"] {
  return db().all<StatisticsRows["kinds"][number]>(
    sql`select org.kind as kind, count(distinct e.id) as engagements, count(distinct org.id) as organisations
        from engagements e join engagement_organisations eo on eo.engagement_id = e.id join organisations org on org.id = eo.organisation_id
        where ${where} group by org.kind`,
  );
}

/** Per organisation of the engagements (`e`) that match `where`: its engagements and its last date, in the report's order. */
function organisationRowsFromRecords(where: SQL): StatisticsRows["organisations"] {
  return db().all<StatisticsRows["organisations"][number]>(
    sql`select coalesce(org.short_name, org.name) as name, org.kind as kind, count(*) as engagements, max(e.date) as lastDate
        from engagements e join engagement_organisations eo on eo.engagement_id = e.id join organisations org on org.id = eo.organisation_id
        where ${where} group by org.id order by ${KIND_RANK}, coalesce(org.short_name, org.name)`,
  );
}

/**
 * The counters' rows that make up a period: its whole months from the month rows, the days of a partial first or
 * last month from the day rows (a period inside one month: its days). Each part is a range of the primary key.
 */
export function periodRanges(from: string, to: string): { grain: "m" | "d"; from: string; to: string }[] {
  const nextMonth = (month: string) => {
    const [y, m] = month.split("-").map(Number);
    return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
  };
  const previousMonth = (month: string) => {
    const [y, m] = month.split("-").map(Number);
    return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, "0")}`;
  };
  const lastDayOf = (month: string) => {
    const [y, m] = month.split("-").map(Number);
    return `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, "0")}`;
  };
  const fromMonth = from.slice(0, 7);
  const toMonth = to.slice(0, 7);
  const firstWhole = from.endsWith("-01") ? fromMonth : nextMonth(fromMonth);
  const lastWhole = to === lastDayOf(toMonth) ? toMonth : previousMonth(toMonth);
  if (firstWhole > lastWhole) return [{ grain: "d", from, to }];
  const ranges: { grain: "m" | "d"; from: string; to: string }[] = [{ grain: "m", from: firstWhole, to: lastWhole }];
  if (firstWhole !== fromMonth) ranges.push({ grain: "d", from, to: lastDayOf(fromMonth) });
  if (lastWhole !== toMonth) ranges.push({ grain: "d", from: `${toMonth}-01`, to });
  return ranges;
}

/** Which facet of the counters (db/schema/counts.ts) answers the filters: the one keeping what they choose by, and no more. */
function counterFacet(filters: ReportFilters, { byOrganisationKinds = false } = {}): number {
  return (filters.kind.length ? 1 : 0) | (filters.orgKind.length || byOrganisationKinds ? 2 : 0);
}

/** The counters' own filter (engagement kinds, kinds of organisation) on a row aliased `c`; `kindColumn` names its engagement kind. */
function counterWhere(filters: ReportFilters, kindColumn: string): SQL {
  const parts: SQL[] = [];
  if (filters.kind.length) parts.push(sql` and ${sql.raw(`c.${kindColumn}`)} in ${list(filters.kind)}`);
  if (filters.orgKind.length)
    parts.push(
      sql` and (${sql.join(
        filters.orgKind.map((kind) => sql`instr(',' || c.org_kinds || ',', ${`,${kind},`}) > 0`),
        sql` or `,
      )})`,
    );
  return sql.join(parts, sql``);
}

/**
 * The rows of a counter table (aliased `c`) of one facet that make up the period and match the filters: one
 * UNION ALL of ranges of its index (whole months, then the days of partial months). `join` may put a table
 * before it (the organisations, so that each organisation's rows are a range of its own).
 */
function periodRows({
  table,
  columns,
  filters,
  facet,
  kindColumn,
  slice,
  ranges = periodRanges(filters.from, filters.to),
  join = "",
}: {
  table: string;
  columns: string;
  filters: ReportFilters;
  facet: number;
  kindColumn: string;
  /** The slice (0: all engagements; an organisation's id: its engagements) of a table that has them. */
  slice?: number;
  ranges?: ReturnType<typeof periodRanges>;
  join?: string;
}): SQL {
  const where = counterWhere(filters, kindColumn);
  const inSlice = slice === undefined ? sql`` : sql` and c.slice = ${slice}`;
  return sql.join(
    ranges.map(
      (range) =>
        sql`select ${sql.raw(columns)} from ${sql.raw(join)}${sql.raw(table)} c where c.grain = ${range.grain} and c.facet = ${facet}${inSlice}${sql.raw(
          join ? " and c.organisation_id = o.id" : "",
        )} and c.period between ${range.from} and ${range.to}${where}`,
    ),
    sql` union all `,
  );
}

/** Engagements and actions from the counters of one slice (0: all; an organisation's id: its engagements) over `ranges`. */
function engagementAndActionRowsFromCounters(
  filters: ReportFilters,
  today: string,
  slice: number,
  ranges: ReturnType<typeof periodRanges>,
): Pick<StatisticsRows, "engagements" | "actions"> {
  const facet = counterFacet(filters);
  const engagements = db().all<StatisticsRows["engagements"][number]>(
    sql`select substr(period, 1, 7) as month, status, sum(n) as n, sum(n * sensitive) as sensitive
        from (${periodRows({ table: "report_engagement_counts", columns: "c.period, c.status, c.sensitive, c.n", filters, facet, kindColumn: "kind", slice, ranges })})
        group by month, status`,
  );
  // `overdue` is isOverdue of ~/domain/actions: outstanding, with a due date before today.
  const actions = db().all<StatisticsRows["actions"][number]>(
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
  for (const row of db().all<{ orgKinds: string; n: number }>(
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
  const organisations = db().all<StatisticsRows["organisations"][number]>(
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
  const row = db().get<{ sensitive: number | null }>(
    sql`select max(e.marking = 'OFFICIAL-SENSITIVE') as sensitive from engagements e where ${reportWhere(filters)}`,
  );
  return row?.sensitive ? "OFFICIAL-SENSITIVE" : "OFFICIAL";
}

export function countReportEngagements(filters: ReportFilters): number {
  return db().get<{ n: number }>(sql`select count(*) as n from engagements e where ${reportWhere(filters)}`)?.n ?? 0;
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
  return db().all<ReportPreviewEngagement>(
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
      db().get<{ n: number | null }>(
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
    db().get<{ n: number }>(
      sql`select count(*) as n from engagements e join actions a on a.engagement_id = e.id where ${reportWhere(filters)}`,
    )?.n ?? 0
  );
}

// ---- the engagements themselves, in batches ---------------------------------------------------------

type EngagementRow = Omit<ReportEngagement, "organisations" | "themes" | "attendees" | "agenda" | "actions" | "placement">;

function groupBy<T extends { engagementId: number }>(rows: T[]): Map<number, T[]> {
  const map = new Map<number, T[]>();
  for (const row of rows) {
    const list = map.get(row.engagementId);
    if (list) list.push(row);
    else map.set(row.engagementId, [row]);
  }
  return map;
}

/** The full engagements for a batch of ids, in the order given: one query for the rows and one per kind of child. */
function hydrateEngagements(ids: number[], include: readonly ReportPart[]): ReportEngagement[] {
  if (!ids.length) return [];
  const idList = idSet(ids);
  const rows = db().all<EngagementRow>(
    sql`select e.id, e.title, e.kind, e.status, e.date, e.start_time as startTime, e.end_time as endTime, e.format, e.location, e.country,
               e.purpose, e.summary, e.marking, u.name as leadName
        from engagements e left join users u on u.id = e.lead_user_id where e.id in ${idList}`,
  );
  const organisations = groupBy(
    db().all<ReportOrganisation & { engagementId: number }>(
      sql`select eo.engagement_id as engagementId, org.id, org.name, org.short_name as shortName, org.kind
          from engagement_organisations eo join organisations org on org.id = eo.organisation_id
          where eo.engagement_id in ${idList} order by eo.engagement_id, eo.rowid`,
    ),
  );
  const themes = groupBy(
    db().all<{ engagementId: number; name: string }>(
      sql`select et.engagement_id as engagementId, t.name from engagement_themes et join themes t on t.id = et.theme_id
          where et.engagement_id in ${idList} order by t.name collate nocase`,
    ),
  );
  const attendees = include.includes("attendees")
    ? groupBy(
        db().all<ReportAttendee & { engagementId: number }>(
          sql`select a.engagement_id as engagementId, coalesce(u.name, c.name, a.name, 'Name not recorded') as name,
                     coalesce(a.role_title, c.role_title) as roleTitle, a.side, coalesce(co.short_name, co.name) as organisation
              from attendees a left join users u on u.id = a.user_id left join contacts c on c.id = a.contact_id
              left join organisations co on co.id = c.organisation_id
              where a.engagement_id in ${idList} order by a.engagement_id, a.position, a.id`,
        ),
      )
    : new Map();
  const agenda = include.includes("agenda")
    ? groupBy(
        db().all<ReportAgendaItem & { engagementId: number }>(
          sql`select engagement_id as engagementId, title, notes, outcome from agenda_items
              where engagement_id in ${idList} order by engagement_id, position, id`,
        ),
      )
    : new Map();
  const actionRows = include.includes("actions") ? actionsOfEngagements(idList) : new Map<number, ReportAction[]>();

  const byId = new Map(rows.map((r) => [r.id, r]));
  const out: ReportEngagement[] = [];
  for (const id of ids) {
    const row = byId.get(id);
    if (!row) continue; // archived or removed between the id query and this one
    out.push({
      ...row,
      organisations: (organisations.get(id) ?? []).map(({ engagementId: _e, ...o }) => o),
      themes: (themes.get(id) ?? []).map((t) => t.name),
      attendees: (attendees.get(id) ?? []).map(({ engagementId: _e, ...a }: ReportAttendee & { engagementId: number }) => a),
      agenda: (agenda.get(id) ?? []).map(({ engagementId: _e, ...a }: ReportAgendaItem & { engagementId: number }) => a),
      actions: actionRows.get(id) ?? [],
    });
  }
  return out;
}

function actionsOfEngagements(idList: SQL): Map<number, ReportAction[]> {
  const rows = db().all<
    Omit<ReportAction, "resolvedBy"> & { resolvedById: number | null; resolvedTitle: string | null; resolvedDate: string | null }
  >(
    sql`select a.id, a.engagement_id as engagementId, a.kind, a.description, coalesce(org.short_name, org.name) as organisation, a.owner_type as ownerType,
               coalesce(u.name, a.owner_name) as ownerName, a.due_date as dueDate, a.status, a.closing_note as closingNote,
               a.closed_at as closedAt, r.id as resolvedById, r.title as resolvedTitle, r.date as resolvedDate
        from actions a left join organisations org on org.id = a.organisation_id left join users u on u.id = a.owner_user_id
        left join engagements r on r.id = a.resolved_by_engagement_id
        where a.engagement_id in ${idList} order by a.engagement_id, a.kind, a.position, a.id`,
  );
  return groupBy(
    rows.map(({ resolvedById, resolvedTitle, resolvedDate, ...a }) => ({
      ...a,
      resolvedBy: resolvedById ? { id: resolvedById, title: resolvedTitle ?? "", date: resolvedDate ?? "" } : null,
    })),
  );
}

/**
 * The report's engagements in date order (then id), in batches of at most `batchSize`, each with the
 * children the report includes. Keyset on (date, id): each batch is one indexed range query.
 */
export function* reportEngagementsByDate({
  filters,
  batchSize = REPORT_BATCH_SIZE,
  include = filters.include,
}: {
  filters: ReportFilters;
  batchSize?: number;
  include?: readonly ReportPart[];
}): Generator<ReportEngagement[]> {
  const where = reportWhere(filters);
  const pages = keysetBatches<{ id: number; date: string }>(
    (after) =>
      db().all(
        sql`select e.id, e.date from engagements e where ${where}${afterEngagement(after)} order by e.date, e.id limit ${batchSize}`,
      ),
    batchSize,
  );
  for (const page of pages)
    yield hydrateEngagements(
      page.map((p) => p.id),
      include,
    );
}

/** The organisations the report's engagements are listed under, in the order of the report (kind, then name). */
function placementGroups(filters: ReportFilters): ReportOrganisation[] {
  return db().all<ReportOrganisation>(
    sql`select org.id, org.name, org.short_name as shortName, org.kind from organisations org
        where org.id in (select ${placementOrganisation(filters)} from engagements e where ${reportWhere(filters)})
        order by ${KIND_RANK}, org.name, org.id`,
  );
}

/**
 * The report's engagements grouped as the Word document and the print page show them: by kind of organisation,
 * then organisation (see placementOrganisation), then date. Each engagement carries `placement`. Batches hold
 * at most `batchSize` engagements and may span groups; a group may span batches.
 */
export function* reportEngagementsGrouped({
  filters,
  batchSize = REPORT_BATCH_SIZE,
}: {
  filters: ReportFilters;
  batchSize?: number;
}): Generator<ReportEngagement[]> {
  const where = reportWhere(filters);
  const placement = placementOrganisation(filters);
  let pending: { id: number; placement: ReportOrganisation | null }[] = [];

  function* flush(): Generator<ReportEngagement[]> {
    if (!pending.length) return;
    const placed = new Map(pending.map((p) => [p.id, p.placement]));
    const engagements = hydrateEngagements(
      pending.map((p) => p.id),
      filters.include,
    );
    for (const e of engagements) e.placement = placed.get(e.id) ?? null;
    pending = [];
    yield engagements;
  }

  function* idsOf(condition: SQL): Generator<number> {
    const pages = keysetBatches<{ id: number; date: string }>(
      (after) =>
        db().all(
          sql`select e.id, e.date from engagements e where ${where} and ${condition}${afterEngagement(after)} order by e.date, e.id limit ${batchSize}`,
        ),
      batchSize,
    );
    for (const page of pages) for (const row of page) yield row.id;
  }

  for (const organisation of placementGroups(filters)) {
    // Only this organisation's own engagements are examined (through its index), not the whole period.
    for (const id of idsOf(
      sql`e.id in (select engagement_id from engagement_organisations where organisation_id = ${organisation.id}) and ${placement} = ${organisation.id}`,
    )) {
      pending.push({ id, placement: organisation });
      if (pending.length >= batchSize) yield* flush();
    }
  }
  // Engagements with no organisation recorded (possible only when the filters name none).
  if (!filters.organisation.length && !filters.orgKind.length) {
    for (const id of idsOf(sql`not exists (select 1 from engagement_organisations n where n.engagement_id = e.id)`)) {
      pending.push({ id, placement: null });
      if (pending.length >= batchSize) yield* flush();
    }
  }
  yield* flush();
}

/** The actions of the report's engagements, in the engagements' date order, in batches. */
export function* reportActions({
  filters,
  batchSize = REPORT_BATCH_SIZE,
}: {
  filters: ReportFilters;
  batchSize?: number;
}): Generator<(ReportAction & { engagement: ReportEngagement })[]> {
  for (const engagements of reportEngagementsByDate({ filters, batchSize, include: ["actions"] })) {
    const batch: (ReportAction & { engagement: ReportEngagement })[] = [];
    for (const engagement of engagements) for (const action of engagement.actions) batch.push({ ...action, engagement });
    if (batch.length) yield batch;
  }
}

/** One engagement with everything, for its own Word document and print page; undefined when there is none. */
export function getEngagementForExport(id: number): ReportEngagement | undefined {
  return hydrateEngagements([id], ["attendees", "agenda", "actions"])[0];
}

// ---- the calendar -----------------------------------------------------------------------------------

/** Planned engagements from `today` on that match the filters (the period does not apply), in batches. */
export function* upcomingEngagements({
  filters,
  today,
  batchSize = REPORT_BATCH_SIZE,
}: {
  filters: ReportEngagementFilters;
  today: string;
  batchSize?: number;
}): Generator<CalendarEngagement[]> {
  const where = engagementWhere(filters);
  yield* keysetBatches<CalendarEngagement>(
    (after) =>
      db().all(
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
export function* upcomingDueActions({
  filters,
  today,
  batchSize = REPORT_BATCH_SIZE,
}: {
  filters: ReportEngagementFilters;
  today: string;
  batchSize?: number;
}): Generator<CalendarAction[]> {
  const where = engagementWhere(filters);
  yield* keysetBatches<CalendarAction>((after) => {
    const keyset: SQL = after ? sql` and (a.due_date > ${after.dueDate} or (a.due_date = ${after.dueDate} and a.id > ${after.id}))` : sql``;
    return db().all(
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
  const row = db().get<{ n: number; sensitive: number | null }>(
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
  const row = db().get<{ n: number; sensitive: number | null }>(
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
  return db().get<{ n: number | null }>(sql`select sum(n) as n from (${rows}) where status = 'planned'`)?.n ?? 0;
}

/** Outstanding actions due from `today` on that match the filters, from the counters; null when they cannot answer. */
function dueActionCountFromCounters(filters: ReportEngagementFilters, today: string): number | null {
  if (filters.organisation.length) return null;
  const byKinds = filters.kind.length > 0 || filters.orgKind.length > 0;
  if (!byKinds && filters.theme.length <= 1) {
    const [facet, value] = filters.theme.length ? ["theme", String(filters.theme[0])] : ["all", ""];
    return (
      db().get<{ n: number | null }>(
        sql`select sum(n) as n from outstanding_action_due_counts where facet = ${facet} and value = ${value} and due_date >= ${today}`,
      )?.n ?? 0
    );
  }
  if (filters.theme.length) return null;
  // Every engagement is in some month: the month rows of all periods count each of its actions once.
  const asReport = fromDateOn(filters, "0000-01-01");
  return (
    db().get<{ n: number | null }>(
      sql`select sum(c.n) as n from report_action_counts c
          where c.grain = 'm' and c.facet = ${counterFacet(asReport)} and c.slice = 0
            and c.outcome = 'outstanding' and c.due_date >= ${today}${counterWhere(asReport, "engagement_kind")}`,
    )?.n ?? 0
  );
}

// ---- the audit trail --------------------------------------------------------------------------------

export type ExportFormat = "docx" | "engagements-csv" | "actions-csv" | "print" | "ics";

const FORMAT_WORDS: Record<ExportFormat, string> = {
  docx: "Word summary",
  "engagements-csv": "engagements spreadsheet (CSV)",
  "actions-csv": "actions spreadsheet (CSV)",
  print: "printable summary",
  ics: "calendar (iCalendar)",
};

/** One audit event for an export: who, which format, which filters, how many rows. Written before the data leaves. */
export async function recordReportExport({
  actor,
  ...input
}: {
  actor: Actor;
  format: ExportFormat;
  rows: number;
  rowNoun: string;
  filters: string;
  query: string;
  marking: Marking;
}): Promise<void> {
  await writeTransaction((tx) =>
    recordAudit(tx, {
      actor,
      action: "export",
      entityType: "report",
      entityId: null,
      summary: `Exported ${FORMAT_WORDS[input.format]} (${input.marking}) of ${input.rows.toLocaleString("en-GB")} ${input.rowNoun}: ${input.filters}`,
      after: { format: input.format, rows: input.rows, query: input.query, marking: input.marking },
    }),
  );
}

/** An export of one engagement, recorded in that engagement's own history. */
export async function recordEngagementExport({
  actor,
  engagement,
  format,
}: {
  actor: Actor;
  engagement: { id: number; title: string; marking: Marking };
  format: "docx" | "print";
}): Promise<void> {
  await writeTransaction((tx) =>
    recordAudit(tx, {
      actor,
      action: "export",
      entityType: "engagement",
      entityId: engagement.id,
      summary: `Exported engagement "${engagement.title}" as ${FORMAT_WORDS[format]} (${engagement.marking}), 1 engagement`,
      after: { format, rows: 1, marking: engagement.marking },
    }),
  );
}

/** The filters in one line, for the audit trail. */
export function filtersInOneLine(description: Partial<FilterDescription> & Omit<FilterDescription, "period" | "includes">): string {
  const parts: string[] = [];
  if (description.period) parts.push(description.period);
  if (description.organisations.length) parts.push(`organisations: ${description.organisations.join(", ")}`);
  if (description.organisationKinds.length) parts.push(`kinds of organisation: ${description.organisationKinds.join(", ")}`);
  if (description.themes.length) parts.push(`themes: ${description.themes.join(", ")}`);
  if (description.engagementKinds.length) parts.push(`engagement kinds: ${description.engagementKinds.join(", ")}`);
  if (description.includes)
    parts.push(description.includes.length ? `including ${description.includes.join(", ")}` : "without attendees, agenda or actions");
  return parts.join("; ") || "no filters";
}
