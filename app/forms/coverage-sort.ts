// The coverage table's sort choices, without zod: the page's links use them in the browser (docs/decisions/0027).
export const COVERAGE_SORT_VALUES = ["name", "engagements", "latest", "actions"] as const;
export type CoverageSort = (typeof COVERAGE_SORT_VALUES)[number];
export type SortDirection = "asc" | "desc";

/** The direction a column sorts in when first chosen: the gaps first. */
export const DEFAULT_DIRECTION: Record<CoverageSort, SortDirection> = { name: "asc", engagements: "asc", latest: "asc", actions: "desc" };
