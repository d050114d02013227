import { DEFAULT_DIRECTION, type CoverageSort, type SortDirection } from "~/forms/coverage";
import { todayInUk, ukFinancialYear } from "~/domain/dates";
import { parseForm, type FieldErrors } from "~/forms/form-data";
import { coverageQuerySchema } from "~/forms/coverage";
import { datePartsOf, type DateParts } from "~/forms/fields";
import { registerQuery } from "~/forms/action-register";
import { NOT_IMPLEMENTED, recommendationQuery } from "~/forms/recommendation-query";
import type { CoverageReport } from "~/models/coverage.server";

type CoverageQuery = {
  from: string;
  to: string;
  sort: CoverageSort;
  dir: SortDirection;
  /** Dates that could not be used, with a message at each; the default period is shown instead. */
  fieldErrors: FieldErrors | null;
  /** What was typed, to show back in the form. */
  typed: { from: DateParts; to: DateParts };
  isDefaultPeriod: boolean;
};

/** The page's period (default: the current UK financial year) and order from its address. */
export function readCoverageQuery(url: URL): CoverageQuery {
  const year = ukFinancialYear(todayInUk());
  const params = Object.fromEntries(url.searchParams);
  const typed = { from: datePartsOf(params, "from"), to: datePartsOf(params, "to") };
  const parsed = parseForm(coverageQuerySchema, url.searchParams);
  const sortParam = url.searchParams.get("sort");
  const dirParam = url.searchParams.get("dir");
  const sort: CoverageSort = sortParam === "engagements" || sortParam === "latest" || sortParam === "actions" ? sortParam : "name";
  const dir: SortDirection = dirParam === "asc" || dirParam === "desc" ? dirParam : DEFAULT_DIRECTION[sort];
  if (!parsed.ok) return { from: year.from, to: year.to, sort, dir, fieldErrors: parsed.fieldErrors, typed, isDefaultPeriod: true };
  const from = parsed.data.from ?? year.from;
  const to = parsed.data.to ?? year.to;
  if (from > to)
    return {
      from: year.from,
      to: year.to,
      sort,
      dir,
      fieldErrors: { to: "End date must be the same as or after the start date" },
      typed,
      isDefaultPeriod: true,
    };
  return { from, to, sort, dir, fieldErrors: null, typed, isDefaultPeriod: from === year.from && to === year.to };
}

/**
 * Where each count of the page links, by organisation id: to the list of exactly what it counts. A force's open
 * actions and recommendations are its own and its policing body's, so those links name both (and the lists say so);
 * engagements are counted for each apart, held or planned, in the period up to today.
 */
export function countLinks(report: CoverageReport): {
  engagementsLinks: Record<number, string>;
  actionsLinks: Record<number, string>;
  recommendationsLinks: Record<number, string>;
} {
  const slugsOf = (r: { slug: string; policingBody?: { slug: string } | null }) =>
    [r.slug, ...(r.policingBody ? [r.policingBody.slug] : [])].join(",");
  const rows = [...report.forces, ...report.optionalForces, ...report.national, ...report.international];
  const forces = [...report.forces, ...report.optionalForces];
  const bodies: { id: number; slug: string }[] = [...rows, ...forces.flatMap((f) => (f.policingBody ? [f.policingBody] : []))];
  const engagements = (slug: string) => {
    const params = new URLSearchParams({ organisation: slug, from: report.period.from, to: report.countedTo, status: "not_cancelled" });
    return `/engagements?${params.toString()}`;
  };
  return {
    engagementsLinks: Object.fromEntries(bodies.map((b) => [b.id, engagements(b.slug)])),
    actionsLinks: Object.fromEntries(rows.map((r) => [r.id, `/actions${registerQuery({ owner: "all", organisation: slugsOf(r) })}`])),
    recommendationsLinks: Object.fromEntries(
      report.forces.map((f) => [f.id, `/recommendations${recommendationQuery({ organisation: slugsOf(f), status: NOT_IMPLEMENTED })}`]),
    ),
  };
}
