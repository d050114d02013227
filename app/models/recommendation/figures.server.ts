// Figures about recommendations for the dashboard and the coverage page. They read only the recommendation tables
// (and organisations), never engagements or actions, so they stay cheap however many engagements there are.
import { and, eq, isNull, sql } from "drizzle-orm";
import { db } from "~db/connection";
import { preparedRaw, preparedStatement } from "~/models/prepared-statements.server";
import { IMPLEMENTED_JSON, liveTakeUps, NOT_IMPLEMENTED, OVERDUE_TAKE_UP } from "./live-take-ups.server";
import { inspectionReports, recommendationAddressees, recommendations } from "~db/schema";
import { todayInUk } from "~/domain/dates";
import { statutoryResponse, type TakeUpStatus } from "~/domain/recommendations";

/**
 * The dashboard's recommendation figures: take-ups (each recommendation × body it is addressed to), how many
 * implemented and the percent, how many past their date and not implemented; and the statutory responses of
 * reports about a force still awaited, due and overdue.
 */
export function recommendationFigures({ today = todayInUk() }: { today?: string } = {}) {
  const [total, implemented, overdue] = preparedRaw(
    `SELECT count(*), coalesce(sum(NOT (${NOT_IMPLEMENTED})), 0), coalesce(sum(${OVERDUE_TAKE_UP}), 0) ${liveTakeUps()}`,
  ).get({ implemented: IMPLEMENTED_JSON, today }) as [number, number, number];
  const awaited = (
    preparedStatement(
      `SELECT published_on AS publishedOn, subject_force_id AS subjectForceId, response_received_on AS responseReceivedOn
       FROM inspection_reports WHERE archived_at IS NULL AND subject_force_id IS NOT NULL AND response_received_on IS NULL`,
    ).all() as Parameters<typeof statutoryResponse>[0][]
  ).map((r) => statutoryResponse(r, today));
  return {
    takeUps: total,
    implemented,
    percentImplemented: total ? Math.round((100 * implemented) / total) : null,
    overdue,
    responsesDue: awaited.filter((r) => r?.state === "due").length,
    responsesOverdue: awaited.filter((r) => r?.state === "overdue").length,
  };
}
export type RecommendationFigures = ReturnType<typeof recommendationFigures>;

/** For each organisation, how many live take-ups it has not implemented yet (the coverage page's column). */
export function openTakeUpsByOrganisation(): Map<number, number> {
  return new Map(
    preparedRaw(`SELECT ra.organisation_id, count(*) ${liveTakeUps()} AND ${NOT_IMPLEMENTED} GROUP BY ra.organisation_id`).all({
      implemented: IMPLEMENTED_JSON,
    }) as [number, number][],
  );
}

/**
 * The reports published in a period (live ones, newest first) with their live recommendations and, for each, how
 * many bodies stand at each status: the Word report's recommendations section. Reports marked above `marking`
 * are left out and counted, as the other exports leave out what the document's marking does not cover.
 */
export function recommendationsOfPeriod({ from, to, marking }: { from: string; to: string; marking: "OFFICIAL" | "OFFICIAL-SENSITIVE" }) {
  const reports = db()
    .select({
      id: inspectionReports.id,
      title: inspectionReports.title,
      publishedOn: inspectionReports.publishedOn,
      marking: inspectionReports.marking,
    })
    .from(inspectionReports)
    .where(and(isNull(inspectionReports.archivedAt), sql`${inspectionReports.publishedOn} between ${from} and ${to}`))
    .orderBy(sql`${inspectionReports.publishedOn} desc`, sql`${inspectionReports.id} desc`)
    .all();
  const shown = reports.filter((r) => marking === "OFFICIAL-SENSITIVE" || r.marking === "OFFICIAL");
  const ids = shown.map((r) => r.id);
  const rows = ids.length
    ? db()
        .select({
          reportId: recommendations.reportId,
          recommendationId: recommendations.id,
          number: recommendations.number,
          text: recommendations.text,
          dueOn: recommendations.dueOn,
          status: recommendationAddressees.status,
          n: sql<number>`count(${recommendationAddressees.id})`,
        })
        .from(recommendations)
        .leftJoin(
          recommendationAddressees,
          and(eq(recommendationAddressees.recommendationId, recommendations.id), isNull(recommendationAddressees.archivedAt)),
        )
        .where(and(isNull(recommendations.archivedAt), sql`${recommendations.reportId} in (${sql.join(ids, sql`, `)})`))
        .groupBy(recommendations.id, recommendationAddressees.status)
        .orderBy(recommendations.position, recommendations.id)
        .all()
    : [];
  const byReport = new Map<
    number,
    Map<number, { number: string; text: string; dueOn: string | null; statuses: Partial<Record<TakeUpStatus, number>> }>
  >();
  for (const r of rows) {
    const recs = byReport.get(r.reportId) ?? new Map();
    const rec = recs.get(r.recommendationId) ?? { number: r.number, text: r.text, dueOn: r.dueOn, statuses: {} };
    if (r.status) rec.statuses[r.status] = (rec.statuses[r.status] ?? 0) + r.n;
    recs.set(r.recommendationId, rec);
    byReport.set(r.reportId, recs);
  }
  return {
    reports: shown.map((r) => ({ ...r, recommendations: [...(byReport.get(r.id)?.values() ?? [])] })),
    leftOut: reports.length - shown.length,
  };
}
export type RecommendationsOfPeriod = ReturnType<typeof recommendationsOfPeriod>;
