// Reading a report's query string: the builder and every export parse it the same way, with the form's
// zod schema, then check the organisations and themes it names exist. Every export is audited the same way.
import type { Actor } from "~/models/audit.server";
import { describeReportFilters, findUnknownReportReferences } from "~/models/report/choices.server";
import { filtersInOneLine, recordReportExport, type ExportFormat } from "~/models/report/export-audit.server";
import { reportMarking, reportStatistics, summaryExportSize } from "~/models/report/statistics.server";
import { redirect } from "@remix-run/node";
import { todayInUk } from "~/domain/dates";
import type { SummaryExportFormat } from "~/domain/report-limits";
import type { Marking } from "~/domain/enums";
import type { FilterDescription, ReportEngagementFilters, ReportFilters } from "~/domain/report-types";
import { csvChunks, type CsvColumn } from "~/exports/csv.server";
import { exportHeaders, periodFileName, toWebStream } from "~/exports/export.server";
import { CSV_CONTENT_TYPE } from "~/exports/report-csv.server";
import { requireUser } from "~/server/auth.server";
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

/** Audits one export of a report: who, in which format, how many rows, and the report's filters in words. */
export async function auditReportExport(
  actor: Actor,
  report: { filters: ReportFilters; query: string },
  entry: { format: ExportFormat; rows: number; rowNoun: string; marking: Marking; description?: FilterDescription },
): Promise<void> {
  const { description = describeReportFilters(report.filters), ...rest } = entry;
  await recordReportExport({ actor, ...rest, filters: filtersInOneLine(description), query: report.query });
}

/**
 * A report's rows as a CSV attachment (the engagements or the actions), audited first. An invalid query is a
 * 400 saying what is wrong.
 */
export async function reportCsvResponse<Row>(
  request: Request,
  rowNoun: "engagements" | "actions",
  csv: {
    count: (filters: ReportFilters) => number;
    columns: (filters: ReportFilters) => CsvColumn<Row>[];
    batches: (filters: ReportFilters) => Iterable<Iterable<Row>>;
  },
): Promise<Response> {
  const user = await requireUser(request);
  const parsed = parseReportQuery(new URL(request.url).searchParams);
  if (!parsed.ok) return invalidReportResponse(parsed.fieldErrors);
  const { filters } = parsed;
  const marking = reportMarking(filters);
  await auditReportExport(user.actor, parsed, { format: `${rowNoun}-csv`, rows: csv.count(filters), rowNoun, marking });
  return new Response(toWebStream(csvChunks(csv.columns(filters), csv.batches(filters))), {
    headers: exportHeaders(CSV_CONTENT_TYPE, periodFileName(marking, rowNoun, filters.from, filters.to, "csv")),
  });
}

/** What the engagement summary (Word or printed) opens with: today, the statistics and the filters in words; the export audited. */
export async function summaryReportIntro(actor: Actor, report: { filters: ReportFilters; query: string }, format: "docx" | "print") {
  const today = todayInUk();
  const statistics = reportStatistics({ filters: report.filters, today });
  const description = describeReportFilters(report.filters);
  await auditReportExport(actor, report, {
    format,
    rows: statistics.engagements,
    rowNoun: "engagements",
    marking: statistics.marking,
    description,
  });
  return { today, statistics, description };
}

/**
 * A summary too large for its format is refused before anything is made: back to the builder, which says why
 * next to the period and what to do instead (the query's `refused`).
 */
export function refuseOversizedSummary(report: { filters: ReportFilters; query: string }, format: SummaryExportFormat): void {
  if (!summaryExportSize({ filters: report.filters, format }).allowed) throw redirect(`/reports?${report.query}&refused=${format}`);
}
