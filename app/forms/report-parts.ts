// The report builder's parts, field order and "was a report asked for", without zod: the builder's page uses them
// in the browser (docs/decisions/0027).
export const REPORT_PARTS = ["attendees", "agenda", "actions"] as const;
export type ReportPart = (typeof REPORT_PARTS)[number];

export const REPORT_PART_LABELS: Record<ReportPart, string> = {
  attendees: "Attendees",
  agenda: "Agenda",
  actions: "Commitments and follow-ups",
};

/** The order of the builder's fields, for the error summary. */
export const REPORT_FIELD_ORDER = ["from", "to", "orgKind", "organisation", "theme", "kind", "include"];

/** Whether a query string asks for a report at all (the builder shows its empty form otherwise). */
export function isReportRequested(params: URLSearchParams): boolean {
  return ["from", "to"].some((name) => params.has(name) || ["day", "month", "year"].some((part) => params.has(`${name}-${part}`)));
}
