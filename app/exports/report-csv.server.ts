// The report's spreadsheets: one row per engagement, one row per action. Written a batch at a time by
// csvChunks as the model reads batches; every cell through safeCell (formula-looking text neutralised).
import { isOverdue } from "~/domain/actions";
import {
  ACTION_KIND_LABELS,
  ACTION_OWNER_TYPE_LABELS,
  ACTION_STATUS_LABELS,
  ATTENDEE_SIDE_LABELS,
  ENGAGEMENT_FORMAT_LABELS,
  ENGAGEMENT_KIND_LABELS,
  ENGAGEMENT_STATUS_LABELS,
} from "~/domain/engagement-labels";
import type { ReportAction, ReportEngagement, ReportPart } from "~/domain/report-types";
import type { CsvColumn } from "./csv.server";
import { organisationKindLabel } from "~/domain/format";
import { shortNameOf } from "~/domain/organisation-names";

export const CSV_CONTENT_TYPE = "text/csv; charset=utf-8";

/** Several values in one cell, one per line (Excel shows them stacked when the cell wraps). */
function lines(values: (string | null | undefined)[]): string {
  return values.filter((v): v is string => Boolean(v)).join("\n");
}

export function engagementColumns(include: readonly ReportPart[], appUrl: string): CsvColumn<ReportEngagement>[] {
  const columns: CsvColumn<ReportEngagement>[] = [
    { header: "Date", value: (e) => e.date },
    { header: "Start time", value: (e) => e.startTime },
    { header: "End time", value: (e) => e.endTime },
    { header: "Title", value: (e) => e.title },
    { header: "Kind", value: (e) => ENGAGEMENT_KIND_LABELS[e.kind] ?? e.kind },
    { header: "Status", value: (e) => ENGAGEMENT_STATUS_LABELS[e.status] ?? e.status },
    { header: "Organisations", value: (e) => e.organisations.map((o) => shortNameOf(o)).join("; ") },
    { header: "Kinds of organisation", value: (e) => [...new Set(e.organisations.map((o) => organisationKindLabel(o.kind)))].join("; ") },
    { header: "Format", value: (e) => (e.format ? ENGAGEMENT_FORMAT_LABELS[e.format] : "") },
    { header: "Location", value: (e) => e.location },
    { header: "Country", value: (e) => e.country },
    { header: "Lead officer", value: (e) => e.leadName },
    { header: "Themes", value: (e) => e.themes.join("; ") },
    { header: "Purpose", value: (e) => e.purpose },
    { header: "Summary of outcomes", value: (e) => e.summary },
  ];
  if (include.includes("attendees"))
    columns.push({
      header: "Attendees",
      value: (e) =>
        lines(
          e.attendees.map(
            (a) =>
              `${a.name}${a.roleTitle || a.organisation ? ` (${[a.roleTitle, a.organisation].filter(Boolean).join(", ")})` : ""}: ${ATTENDEE_SIDE_LABELS[a.side] ?? a.side}`,
          ),
        ),
    });
  if (include.includes("agenda"))
    columns.push({
      header: "Agenda",
      value: (e) => lines(e.agenda.map((item, i) => `${i + 1}. ${item.title}${item.outcome ? `: ${item.outcome}` : ""}`)),
    });
  if (include.includes("actions"))
    columns.push(
      { header: "Commitments", value: (e) => e.actions.filter((a) => a.kind === "commitment").length },
      { header: "Follow-ups", value: (e) => e.actions.filter((a) => a.kind === "follow_up").length },
      { header: "Actions done", value: (e) => e.actions.filter((a) => a.status === "done").length },
    );
  columns.push({ header: "Marking", value: (e) => e.marking }, { header: "Link", value: (e) => `${appUrl}/engagements/${e.id}` });
  return columns;
}

export function actionColumns(today: string, appUrl: string): CsvColumn<ReportAction & { engagement: ReportEngagement }>[] {
  return [
    { header: "Engagement date", value: (a) => a.engagement.date },
    { header: "Engagement", value: (a) => a.engagement.title },
    { header: "Type", value: (a) => ACTION_KIND_LABELS[a.kind] ?? a.kind },
    { header: "What", value: (a) => a.description },
    { header: "Organisation", value: (a) => a.organisation },
    { header: "Owned by", value: (a) => ACTION_OWNER_TYPE_LABELS[a.ownerType] },
    { header: "Owner", value: (a) => a.ownerName },
    { header: "Due date", value: (a) => a.dueDate },
    { header: "Status", value: (a) => ACTION_STATUS_LABELS[a.status] ?? a.status },
    { header: "Overdue", value: (a) => (isOverdue(a, today) ? "Yes" : "No") },
    { header: "Closed on", value: (a) => a.closedAt?.slice(0, 10) },
    { header: "Closing note", value: (a) => a.closingNote },
    { header: "Resolved by engagement", value: (a) => (a.resolvedBy ? `${a.resolvedBy.date} ${a.resolvedBy.title}` : "") },
    { header: "Marking", value: (a) => a.engagement.marking },
    { header: "Link", value: (a) => `${appUrl}/engagements/${a.engagementId}` },
  ];
}
