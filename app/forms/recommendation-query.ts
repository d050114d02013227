// The recommendations list's links, without zod: the page builds them in the browser (docs/decisions/0027).
import type { RecommendationListFilters } from "./recommendations";

/** The status filter's value for every take-up not implemented yet. */
export const NOT_IMPLEMENTED = "not_implemented";

export function recommendationQuery(filters: Partial<Record<keyof RecommendationListFilters, string | number | undefined>>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value !== undefined && value !== "") params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : "";
}
