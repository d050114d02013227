// The actions register's filter choices and links, without zod, for the register's page in the browser; the schema
// that reads them from a URL is in app/forms/actions.ts (which re-exports these).
import { DUE_SOON_DAYS } from "~/domain/actions";
import type { RegisterFilters } from "./actions";

export const DUE_WINDOWS = ["overdue", "week", "month", "none"] as const;
export type DueWindow = (typeof DUE_WINDOWS)[number];

export const DUE_WINDOW_LABELS: Record<DueWindow, string> = {
  overdue: "Overdue",
  week: `Due in the next ${DUE_SOON_DAYS} days`,
  month: "Due in the next 30 days",
  none: "No due date",
};

/** The query string of a set of filters (without the page cursor unless given). */
export function registerQuery(filters: Partial<Record<keyof RegisterFilters, string | number | undefined>>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value !== undefined && value !== "") params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : "";
}
