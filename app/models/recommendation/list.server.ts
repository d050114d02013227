// The recommendations list: one row for each recommendation and body it is addressed to (its take-up), with filters,
// counts for each filter value and keyset pages. Archived reports and recommendations are left out.
import { and, asc, desc, eq, inArray, notInArray, or, sql, type SQL } from "drizzle-orm";
import { db } from "~db/connection";
import {
  inspectionReports,
  organisations,
  recommendationAddressees,
  recommendations,
  type Marking,
  type OrganisationKind,
} from "~db/schema";
import { todayInUk } from "~/domain/dates";
import { preparedRaw, preparedStatement, selectReader } from "~/models/prepared-statements.server";
import { IMPLEMENTED_JSON, LIVE_TAKE_UP, liveTakeUps, OVERDUE_TAKE_UP } from "./live-take-ups.server";
import { IMPLEMENTED_STATUSES, isImplemented, isTakeUpOverdue, type TakeUpStatus } from "~/domain/recommendations";

export const RECOMMENDATION_PAGE_SIZE = 50;

export type RecommendationFilters = {
  reportId?: number;
  publisherId?: number;
  /** One organisation, or several (a force and its policing body): take-ups of any of them. */
  organisationIds?: number[];
  orgKind?: OrganisationKind;
  /** A status, or "not_implemented": any status but the implemented ones. */
  status?: TakeUpStatus | "not_implemented";
  overdue?: boolean;
};

type Facet = "report" | "publisher" | "organisation" | "orgKind" | "status" | "overdue";

function overdueCondition(today: string): SQL {
  // isTakeUpOverdue in SQL.
  return and(
    sql`${recommendations.dueOn} is not null`,
    sql`${recommendations.dueOn} < ${today}`,
    notInArray(recommendationAddressees.status, [...IMPLEMENTED_STATUSES]),
  )!;
}

function conditions(f: RecommendationFilters, today: string, except?: Facet): SQL[] {
  const where: SQL[] = [LIVE_TAKE_UP];
  if (f.reportId !== undefined && except !== "report") where.push(eq(recommendations.reportId, f.reportId));
  if (f.publisherId !== undefined && except !== "publisher") where.push(eq(inspectionReports.publisherId, f.publisherId));
  if (f.organisationIds && except !== "organisation") where.push(inArray(recommendationAddressees.organisationId, f.organisationIds));
  if (f.orgKind && except !== "orgKind") where.push(eq(organisations.kind, f.orgKind));
  if (f.status && except !== "status")
    where.push(
      f.status === "not_implemented"
        ? notInArray(recommendationAddressees.status, [...IMPLEMENTED_STATUSES])
        : eq(recommendationAddressees.status, f.status),
    );
  if (f.overdue && except !== "overdue") where.push(overdueCondition(today));
  return where;
}

const LIST_COLUMNS = {
  addresseeId: recommendationAddressees.id,
  recommendationId: recommendations.id,
  number: recommendations.number,
  text: recommendations.text,
  kind: recommendations.kind,
  dueOn: recommendations.dueOn,
  reportId: inspectionReports.id,
  reportTitle: inspectionReports.title,
  publishedOn: inspectionReports.publishedOn,
  marking: inspectionReports.marking,
  organisationId: organisations.id,
  organisationName: organisations.name,
  organisationShortName: organisations.shortName,
  organisationSlug: organisations.slug,
  organisationKind: organisations.kind,
  status: recommendationAddressees.status,
  statusOn: recommendationAddressees.statusOn,
  source: recommendationAddressees.source,
};

function listSelect() {
  return db()
    .select(LIST_COLUMNS)
    .from(recommendationAddressees)
    .innerJoin(recommendations, eq(recommendations.id, recommendationAddressees.recommendationId))
    .innerJoin(inspectionReports, eq(inspectionReports.id, recommendations.reportId))
    .innerJoin(organisations, eq(organisations.id, recommendationAddressees.organisationId));
}

/** A page of the list, from a statement prepared once per shape of the filters (docs/decisions/0031). */
const listRows = selectReader<ReturnType<ReturnType<typeof listSelect>["all"]>[number]>(listSelect, LIST_COLUMNS);

export type Cursor = { recommendationId: number; addresseeId: number };

export function parseCursor(text: string | undefined): Cursor | undefined {
  const match = text ? /^([1-9]\d{0,14})_([1-9]\d{0,14})$/.exec(text) : null;
  return match ? { recommendationId: Number(match[1]), addresseeId: Number(match[2]) } : undefined;
}

const formatCursor = (row: Cursor) => `${row.recommendationId}_${row.addresseeId}`;

/**
 * One page, newest recommendation first and its bodies in the order they were added: keyset on
 * (recommendation id descending, take-up id ascending), `after` for the next page, `before` for the previous.
 */
export function listRecommendations({
  filters,
  after,
  before,
  today = todayInUk(),
  limit = RECOMMENDATION_PAGE_SIZE,
}: {
  filters: RecommendationFilters;
  after?: Cursor;
  before?: Cursor;
  today?: string;
  limit?: number;
}) {
  const where = conditions(filters, today);
  const backward = !after && Boolean(before);
  const cursor = backward ? before : after;
  if (cursor)
    where.push(
      backward
        ? or(
            sql`${recommendations.id} > ${cursor.recommendationId}`,
            and(eq(recommendations.id, cursor.recommendationId), sql`${recommendationAddressees.id} < ${cursor.addresseeId}`),
          )!
        : or(
            sql`${recommendations.id} < ${cursor.recommendationId}`,
            and(eq(recommendations.id, cursor.recommendationId), sql`${recommendationAddressees.id} > ${cursor.addresseeId}`),
          )!,
    );
  let rows = listRows(
    and(...where),
    backward ? [asc(recommendations.id), desc(recommendationAddressees.id)] : [desc(recommendations.id), asc(recommendationAddressees.id)],
    limit + 1,
  );
  const more = rows.length > limit;
  rows = rows.slice(0, limit);
  if (backward) rows.reverse();
  const shown = rows.map((r) => ({ ...r, overdue: isTakeUpOverdue(r, today) }));
  const first = shown[0];
  const last = shown[shown.length - 1];
  return {
    rows: shown,
    next: last && (backward || more) ? formatCursor(last) : null,
    previous: first && (backward ? more : Boolean(after)) ? formatCursor(first) : null,
  };
}

export type ListedTakeUp = ReturnType<typeof listRecommendations>["rows"][number];

/** Every row matching the filters in list order, in batches (the CSV download). */
export function* allRecommendationBatches({
  filters,
  today = todayInUk(),
  batch = 1000,
}: {
  filters: RecommendationFilters;
  today?: string;
  batch?: number;
}) {
  let after: Cursor | undefined;
  for (;;) {
    const page = listRecommendations({ filters, after, today, limit: batch });
    if (page.rows.length) yield page.rows;
    if (!page.next) return;
    after = parseCursor(page.next);
  }
}

export type RecommendationCounts = {
  total: number;
  report: Record<string, number>;
  publisher: Record<string, number>;
  organisation: Record<string, number>;
  orgKind: Record<string, number>;
  status: Record<string, number>;
  overdue: number;
};

/**
 * For each filter value, how many rows choosing it would show: the rows matching every OTHER filter, grouped by
 * that value. One aggregate query groups the rows by every facet at once; the counts are tallied here.
 */
export function countRecommendations({
  filters: f,
  today = todayInUk(),
}: {
  filters: RecommendationFilters;
  today?: string;
}): RecommendationCounts {
  // The same grouped statement on every request: prepared once, not built by drizzle each time (docs/decisions/0031).
  const groups = (
    preparedRaw(
      `SELECT r.report_id, ir.publisher_id, ra.organisation_id, o.kind, ra.status, ${OVERDUE_TAKE_UP}, count(*)
       ${liveTakeUps("JOIN organisations o ON o.id = ra.organisation_id")}
       GROUP BY 1, 2, 3, 5, 6`,
    ).all({ today, implemented: IMPLEMENTED_JSON }) as [number, number, number, OrganisationKind, TakeUpStatus, number, number][]
  ).map(([reportId, publisherId, organisationId, orgKind, status, overdue, n]) => ({
    reportId,
    publisherId,
    organisationId,
    orgKind,
    status,
    overdue,
    n,
  }));
  const counts: RecommendationCounts = { total: 0, report: {}, publisher: {}, organisation: {}, orgKind: {}, status: {}, overdue: 0 };
  const add = (map: Record<string, number>, key: string | number, n: number) => (map[key] = (map[key] ?? 0) + n);
  const facets: Facet[] = ["report", "publisher", "organisation", "orgKind", "status", "overdue"];
  for (const g of groups) {
    const matches: Record<Facet, boolean> = {
      report: f.reportId === undefined || g.reportId === f.reportId,
      publisher: f.publisherId === undefined || g.publisherId === f.publisherId,
      organisation: !f.organisationIds || f.organisationIds.includes(g.organisationId),
      orgKind: !f.orgKind || g.orgKind === f.orgKind,
      status: !f.status || (f.status === "not_implemented" ? !isImplemented(g.status) : g.status === f.status),
      overdue: !f.overdue || Boolean(g.overdue),
    };
    const failing = facets.filter((facet) => !matches[facet]);
    if (failing.length > 1) continue;
    const only = failing[0];
    if (!only) counts.total += g.n;
    if (!only || only === "report") add(counts.report, g.reportId, g.n);
    if (!only || only === "publisher") add(counts.publisher, g.publisherId, g.n);
    if (!only || only === "organisation") add(counts.organisation, g.organisationId, g.n);
    if (!only || only === "orgKind") add(counts.orgKind, g.orgKind, g.n);
    if (!only || only === "status") add(counts.status, g.status, g.n);
    if ((!only || only === "overdue") && g.overdue) counts.overdue += g.n;
  }
  return counts;
}

/** The choices the filters offer: live reports, and the organisations some recommendation is addressed to. */
export function listRecommendationChoices() {
  const reports = preparedStatement(
    `SELECT id, title, publisher_id AS publisherId FROM inspection_reports WHERE archived_at IS NULL ORDER BY published_on DESC`,
  ).all() as { id: number; title: string; publisherId: number }[];
  const orgs = preparedStatement(`SELECT id, name, slug FROM organisations ORDER BY name`).all() as {
    id: number;
    name: string;
    slug: string;
  }[];
  const publisherIds = new Set(reports.map((r) => r.publisherId));
  return { reports, organisations: orgs, publishers: orgs.filter((o) => publisherIds.has(o.id)) };
}

/** The marking a download of these rows must carry: the highest of their reports'. */
export function recommendationsMarking({ filters, today = todayInUk() }: { filters: RecommendationFilters; today?: string }): Marking {
  const row = db()
    .select({ sensitive: sql<number>`max(${inspectionReports.marking} = 'OFFICIAL-SENSITIVE')`, n: sql<number>`count(*)` })
    .from(recommendationAddressees)
    .innerJoin(recommendations, eq(recommendations.id, recommendationAddressees.recommendationId))
    .innerJoin(inspectionReports, eq(inspectionReports.id, recommendations.reportId))
    .innerJoin(organisations, eq(organisations.id, recommendationAddressees.organisationId))
    .where(and(...conditions(filters, today)))
    .get();
  return row?.sensitive ? "OFFICIAL-SENSITIVE" : "OFFICIAL";
}

/** How many rows match (for the download's audit entry). */
export function countMatchingRecommendations({ filters, today = todayInUk() }: { filters: RecommendationFilters; today?: string }): number {
  return (
    db()
      .select({ n: sql<number>`count(*)` })
      .from(recommendationAddressees)
      .innerJoin(recommendations, eq(recommendations.id, recommendationAddressees.recommendationId))
      .innerJoin(inspectionReports, eq(inspectionReports.id, recommendations.reportId))
      .innerJoin(organisations, eq(organisations.id, recommendationAddressees.organisationId))
      .where(and(...conditions(filters, today)))
      .get()?.n ?? 0
  );
}
