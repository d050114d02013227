import { z } from "zod";
import { isRealDate } from "./fields";

const COVERAGE_SORT_VALUES = ["name", "engagements", "latest", "actions"] as const;
export type CoverageSort = (typeof COVERAGE_SORT_VALUES)[number];
export type SortDirection = "asc" | "desc";

/** The direction a column sorts in when first chosen: the gaps first. */
export const DEFAULT_DIRECTION: Record<CoverageSort, SortDirection> = { name: "asc", engagements: "asc", latest: "asc", actions: "desc" };

const date = (label: string) =>
  z.preprocess(
    (v) => (typeof v === "string" ? (v.trim() === "" ? undefined : v.trim()) : v),
    z.string().refine(isRealDate, `${label} must be a real date, like 2026-04-01`).optional(),
  );

/** The coverage page's period and order (GET). Sort and direction are ignored when unknown; dates get a message. */
export const coverageQuerySchema = z
  .object({
    from: date("Start date"),
    to: date("End date"),
    sort: z.enum(COVERAGE_SORT_VALUES).optional().catch(undefined),
    dir: z.enum(["asc", "desc"]).optional().catch(undefined),
  })
  .superRefine((v, ctx) => {
    if (v.from && v.to && v.from > v.to)
      ctx.addIssue({ code: "custom", path: ["to"], message: "End date must be the same as or after the start date" });
  });
