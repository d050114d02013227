// Reading a report's query string: the builder and every export parse it the same way, with the form's
// zod schema, then check the organisations and themes it names exist.
import { findUnknownReportReferences } from "~/models/report.server";
import type { ReportEngagementFilters, ReportFilters } from "~/domain/report-types";
import { reportEngagementFiltersSchema, reportQueryString, reportSchema, REPORT_PARTS } from "~/forms/report";
import { formDataToObject, parseForm, type FieldErrors, type FormValues } from "~/forms/form-data";

type ParsedReport = { ok: true; filters: ReportFilters; query: string } | { ok: false; fieldErrors: FieldErrors; values: FormValues };

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}

function referenceErrors(filters: Pick<ReportEngagementFilters, "organisation" | "theme">): FieldErrors {
  const unknown = findUnknownReportReferences(filters);
  const errors: FieldErrors = {};
  if (unknown.organisation.length) errors.organisation = "Choose organisations from the list: one of those chosen does not exist";
  if (unknown.theme.length) errors.theme = "Choose themes from the list: one of those chosen does not exist";
  return errors;
}

/** Errors at the field, not at one of its values: "organisation.2" -> "organisation" (the first message wins). */
function byField(errors: FieldErrors): FieldErrors {
  const out: FieldErrors = {};
  for (const [path, message] of Object.entries(errors)) out[path.split(".")[0]] ??= message;
  return out;
}

/** The report a query string asks for, or the errors to show at each field. */
export function parseReportQuery(params: URLSearchParams): ParsedReport {
  const parsed = parseForm(reportSchema, params);
  if (!parsed.ok) return { ok: false, fieldErrors: byField(parsed.fieldErrors), values: parsed.values };
  const data = parsed.data;
  const filters: ReportFilters = {
    from: data.from,
    to: data.to,
    organisation: unique(data.organisation),
    orgKind: unique(data.orgKind),
    theme: unique(data.theme),
    kind: unique(data.kind),
    // In the order the builder lists them, whatever order the URL gave.
    include: REPORT_PARTS.filter((p) => data.include.includes(p)),
  };
  const errors = referenceErrors(filters);
  if (Object.keys(errors).length) return { ok: false, fieldErrors: errors, values: formDataToObject(params) };
  return { ok: true, filters, query: reportQueryString(filters) };
}

type ParsedFilters = { ok: true; filters: ReportEngagementFilters } | { ok: false; fieldErrors: FieldErrors };

/** The engagement filters alone (the calendar: the period does not apply to what is still to come). */
export function parseReportEngagementFilters(params: URLSearchParams): ParsedFilters {
  const parsed = parseForm(reportEngagementFiltersSchema, params);
  if (!parsed.ok) return { ok: false, fieldErrors: byField(parsed.fieldErrors) };
  const filters: ReportEngagementFilters = {
    organisation: unique(parsed.data.organisation),
    orgKind: unique(parsed.data.orgKind),
    theme: unique(parsed.data.theme),
    kind: unique(parsed.data.kind),
  };
  const errors = referenceErrors(filters);
  if (Object.keys(errors).length) return { ok: false, fieldErrors: errors };
  return { ok: true, filters };
}

/** The answer to an export whose query string is not a valid report: 400, saying what is wrong. */
export function invalidReportResponse(fieldErrors: FieldErrors): Response {
  const lines = Object.values(fieldErrors).map((m) => `- ${m}`);
  return new Response(`This report cannot be made:\n${lines.join("\n")}\n\nChoose the period and filters again at /reports.\n`, {
    status: 400,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });
}

/** The app's own address, for links in exported files. */
export function appUrl(request: Request): string {
  return new URL(request.url).origin;
}
