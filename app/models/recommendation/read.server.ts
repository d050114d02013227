// Reading recommendations: a report's grid (recommendations against bodies), one recommendation with its bodies,
// one body's take-up with its history, and the recommendations addressed to one organisation.
import { and, asc, desc, eq, isNull, sql } from "drizzle-orm";
import { inspectionReports, organisations, recommendationAddressees, recommendations, takeUpChanges, users } from "~db/schema";
import { todayInUk } from "~/domain/dates";
import { isTakeUpOverdue, percentImplemented, type AddresseeGroup, type TakeUpStatus } from "~/domain/recommendations";
import { NotFoundError } from "../errors";
import { preparedQuery } from "../prepared-statements.server";
import { LIVE_TAKE_UP } from "./live-take-ups.server";

export type GridCell = { organisationId: number; status: TakeUpStatus; overdue: boolean };
export type GridBody = { id: number; name: string; shortName: string | null; slug: string; viaGroup: AddresseeGroup | null };

const recommendationsOfReport = (includeArchived: boolean) =>
  preparedQuery((database) =>
    database
      .select()
      .from(recommendations)
      .where(
        and(eq(recommendations.reportId, sql.placeholder("reportId")), includeArchived ? undefined : isNull(recommendations.archivedAt)),
      )
      .orderBy(asc(recommendations.position), asc(recommendations.id))
      .prepare(),
  );
const liveRecommendationsOfReport = recommendationsOfReport(false);
const everyRecommendationOfReport = recommendationsOfReport(true);
const cellsOfReport = preparedQuery((database) =>
  database
    .select({
      recommendationId: recommendationAddressees.recommendationId,
      organisationId: recommendationAddressees.organisationId,
      status: recommendationAddressees.status,
      viaGroup: recommendationAddressees.viaGroup,
      name: organisations.name,
      shortName: organisations.shortName,
      slug: organisations.slug,
    })
    .from(recommendationAddressees)
    .innerJoin(recommendations, eq(recommendations.id, recommendationAddressees.recommendationId))
    .innerJoin(organisations, eq(organisations.id, recommendationAddressees.organisationId))
    .where(and(eq(recommendations.reportId, sql.placeholder("reportId")), isNull(recommendationAddressees.archivedAt)))
    .orderBy(asc(organisations.name))
    .prepare(),
);

/**
 * A report's recommendations (archived ones only when asked) against the bodies they are addressed to: one row a
 * recommendation, its cells keyed by organisation id, the bodies in name order, and the percent implemented
 * (of every take-up of the report's live recommendations).
 */
export function reportGrid({
  reportId,
  includeArchived = false,
  today = todayInUk(),
}: {
  reportId: number;
  includeArchived?: boolean;
  today?: string;
}) {
  const recs = (includeArchived ? everyRecommendationOfReport : liveRecommendationsOfReport)().all({ reportId });
  const cells = cellsOfReport().all({ reportId });
  const bodies = new Map<number, GridBody>();
  const byRec = new Map<number, Record<number, GridCell>>();
  const dueOf = new Map(recs.map((r) => [r.id, r.dueOn]));
  const statuses: TakeUpStatus[] = [];
  for (const c of cells) {
    if (!dueOf.has(c.recommendationId)) continue;
    if (!bodies.has(c.organisationId))
      bodies.set(c.organisationId, { id: c.organisationId, name: c.name, shortName: c.shortName, slug: c.slug, viaGroup: c.viaGroup });
    const row = byRec.get(c.recommendationId) ?? {};
    row[c.organisationId] = {
      organisationId: c.organisationId,
      status: c.status,
      overdue: isTakeUpOverdue({ status: c.status, dueOn: dueOf.get(c.recommendationId) ?? null }, today),
    };
    byRec.set(c.recommendationId, row);
    statuses.push(c.status);
  }
  return {
    bodies: [...bodies.values()],
    rows: recs.map((r) => {
      const rowCells = byRec.get(r.id) ?? {};
      return { ...r, cells: rowCells, percentImplemented: percentImplemented(Object.values(rowCells).map((c) => c.status)) };
    }),
    percentImplemented: percentImplemented(statuses),
    takeUps: statuses.length,
  };
}

const recommendationById = preparedQuery((database) =>
  database
    .select({
      recommendation: recommendations,
      reportTitle: inspectionReports.title,
      reportArchivedAt: inspectionReports.archivedAt,
      marking: inspectionReports.marking,
    })
    .from(recommendations)
    .innerJoin(inspectionReports, eq(inspectionReports.id, recommendations.reportId))
    .where(eq(recommendations.id, sql.placeholder("id")))
    .prepare(),
);
const addresseesOfRecommendation = preparedQuery((database) =>
  database
    .select({
      id: recommendationAddressees.id,
      organisationId: recommendationAddressees.organisationId,
      name: organisations.name,
      shortName: organisations.shortName,
      archivedAt: recommendationAddressees.archivedAt,
      slug: organisations.slug,
      kind: organisations.kind,
      viaGroup: recommendationAddressees.viaGroup,
      status: recommendationAddressees.status,
      statusOn: recommendationAddressees.statusOn,
      source: recommendationAddressees.source,
    })
    .from(recommendationAddressees)
    .innerJoin(organisations, eq(organisations.id, recommendationAddressees.organisationId))
    .where(eq(recommendationAddressees.recommendationId, sql.placeholder("id")))
    .orderBy(asc(organisations.name))
    .prepare(),
);

/** One recommendation, its report, and every body it is addressed to with its take-up. */
export function getRecommendation({ id, today = todayInUk() }: { id: number; today?: string }) {
  const row = recommendationById().get({ id });
  if (!row) throw new NotFoundError("Recommendation");
  const addressees = addresseesOfRecommendation()
    .all({ id })
    .map((a) => ({ ...a, overdue: isTakeUpOverdue({ status: a.status, dueOn: row.recommendation.dueOn }, today) }));
  const live = addressees.filter((a) => !a.archivedAt);
  return {
    ...row.recommendation,
    reportTitle: row.reportTitle,
    reportArchivedAt: row.reportArchivedAt,
    marking: row.marking,
    addressees: live,
    /** Bodies taken off the recommendation: their take-up is kept, and can be put back. */
    removedAddressees: addressees.filter((a) => a.archivedAt),
    percentImplemented: percentImplemented(live.map((a) => a.status)),
  };
}

const takeUpOf = preparedQuery((database) =>
  database
    .select({
      takeUp: recommendationAddressees,
      organisationName: organisations.name,
      organisationShortName: organisations.shortName,
      organisationSlug: organisations.slug,
    })
    .from(recommendationAddressees)
    .innerJoin(organisations, eq(organisations.id, recommendationAddressees.organisationId))
    .where(
      and(
        eq(recommendationAddressees.recommendationId, sql.placeholder("recommendationId")),
        eq(recommendationAddressees.organisationId, sql.placeholder("organisationId")),
      ),
    )
    .prepare(),
);
const changesOfTakeUp = preparedQuery((database) =>
  database
    .select({
      id: takeUpChanges.id,
      change: takeUpChanges.change,
      status: takeUpChanges.status,
      statusOn: takeUpChanges.statusOn,
      source: takeUpChanges.source,
      note: takeUpChanges.note,
      changedAt: takeUpChanges.changedAt,
      changedBy: users.name,
    })
    .from(takeUpChanges)
    .leftJoin(users, eq(users.id, takeUpChanges.changedById))
    .where(eq(takeUpChanges.addresseeId, sql.placeholder("addresseeId")))
    .orderBy(desc(takeUpChanges.id))
    .prepare(),
);

/** One body's take-up of a recommendation, with every change of it, newest first. NotFoundError when not addressed to it. */
export function getTakeUp({ recommendationId, organisationId }: { recommendationId: number; organisationId: number }) {
  const row = takeUpOf().get({ recommendationId, organisationId });
  if (!row) throw new NotFoundError("Take-up");
  const history = changesOfTakeUp().all({ addresseeId: row.takeUp.id });
  return {
    ...row.takeUp,
    organisationName: row.organisationName,
    organisationShortName: row.organisationShortName,
    organisationSlug: row.organisationSlug,
    history,
  };
}

const recommendationsOfOrganisationQuery = preparedQuery((database) =>
  database
    .select({
      recommendationId: recommendations.id,
      number: recommendations.number,
      text: recommendations.text,
      kind: recommendations.kind,
      dueOn: recommendations.dueOn,
      reportId: inspectionReports.id,
      reportTitle: inspectionReports.title,
      publishedOn: inspectionReports.publishedOn,
      status: recommendationAddressees.status,
      statusOn: recommendationAddressees.statusOn,
    })
    .from(recommendationAddressees)
    .innerJoin(recommendations, eq(recommendations.id, recommendationAddressees.recommendationId))
    .innerJoin(inspectionReports, eq(inspectionReports.id, recommendations.reportId))
    .where(and(eq(recommendationAddressees.organisationId, sql.placeholder("organisationId")), LIVE_TAKE_UP))
    .orderBy(desc(inspectionReports.publishedOn), asc(recommendations.position))
    .prepare(),
);

/**
 * The live recommendations addressed to one organisation, newest report first, with its take-up of each (for the
 * organisation's page).
 */
export function recommendationsOfOrganisation({ organisationId, today = todayInUk() }: { organisationId: number; today?: string }) {
  return recommendationsOfOrganisationQuery()
    .all({ organisationId })
    .map((r) => ({ ...r, overdue: isTakeUpOverdue(r, today) }));
}
