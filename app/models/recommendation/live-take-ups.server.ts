// The live take-ups (a body's take-up of a recommendation, its recommendation and report all unarchived) as SQL, for
// the figures the dashboard, coverage and the recommendations list read on every request from statements prepared
// once (docs/decisions/0031). Take-ups are `ra`, recommendations `r`, reports `ir`.
import { and, isNull, type SQL } from "drizzle-orm";
import { inspectionReports, recommendationAddressees, recommendations } from "~db/schema";
import { IMPLEMENTED_STATUSES } from "~/domain/recommendations";

/** The same rule for drizzle's query builder, on the tables themselves. */
export const LIVE_TAKE_UP: SQL = and(
  isNull(recommendationAddressees.archivedAt),
  isNull(recommendations.archivedAt),
  isNull(inspectionReports.archivedAt),
)!;

/** FROM and WHERE of the live take-ups; `joins` (further tables) go before the WHERE. */
export function liveTakeUps(joins = ""): string {
  return `FROM recommendation_addressees ra JOIN recommendations r ON r.id = ra.recommendation_id
    JOIN inspection_reports ir ON ir.id = r.report_id${joins ? ` ${joins}` : ""}
    WHERE r.archived_at IS NULL AND ir.archived_at IS NULL AND ra.archived_at IS NULL`;
}

/** Not implemented (yet): the statuses bound as `@implemented`, the JSON list IMPLEMENTED_JSON. */
export const NOT_IMPLEMENTED = "ra.status NOT IN (SELECT value FROM json_each(@implemented))";

/** Past its date and not implemented (isTakeUpOverdue of ~/domain/recommendations, in SQL), on `@today`. */
export const OVERDUE_TAKE_UP = `(r.due_on IS NOT NULL AND r.due_on < @today AND ${NOT_IMPLEMENTED})`;

export const IMPLEMENTED_JSON = JSON.stringify(IMPLEMENTED_STATUSES);
