import { z } from "zod";
import { withDates, type DateOptions } from "./fields";

import { COVERAGE_SORT_VALUES } from "./coverage-sort";

export { COVERAGE_SORT_VALUES, DEFAULT_DIRECTION, type CoverageSort, type SortDirection } from "./coverage-sort";

/** The period: each date typed in a date input (from-day, from-month, from-year), or from=YYYY-MM-DD in a link. */
export const COVERAGE_DATES = {
  from: { label: "start date", acceptIso: true },
  to: { label: "end date", acceptIso: true },
} as const satisfies Record<string, DateOptions>;

/** The coverage page's period and order (GET). Sort and direction are ignored when unknown; dates get a message. */
export const coverageQuerySchema = withDates(
  z.object({
    sort: z.enum(COVERAGE_SORT_VALUES).optional().catch(undefined),
    dir: z.enum(["asc", "desc"]).optional().catch(undefined),
  }),
  COVERAGE_DATES,
).superRefine((v, ctx) => {
  if (v.from && v.to && v.from > v.to)
    ctx.addIssue({ code: "custom", path: ["to"], message: "End date must be the same as or after the start date" });
});
