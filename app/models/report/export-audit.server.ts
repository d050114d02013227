// The audit event each export writes.
import { writeTransaction } from "~db/connection";
import type { Marking } from "~db/schema";
import type { FilterDescription } from "~/domain/report-types";
import { recordAudit, type Actor } from "../audit.server";

export type ExportFormat = "docx" | "engagements-csv" | "actions-csv" | "print" | "ics";

const FORMAT_WORDS: Record<ExportFormat, string> = {
  docx: "Word summary",
  "engagements-csv": "engagements spreadsheet (CSV)",
  "actions-csv": "actions spreadsheet (CSV)",
  print: "printable summary",
  ics: "calendar (iCalendar)",
};

/** One audit event for an export: who, which format, which filters, how many rows. Written before the data leaves. */
export async function recordReportExport({
  actor,
  ...input
}: {
  actor: Actor;
  format: ExportFormat;
  rows: number;
  rowNoun: string;
  filters: string;
  query: string;
  marking: Marking;
}): Promise<void> {
  await writeTransaction((tx) =>
    recordAudit(tx, {
      actor,
      action: "export",
      entityType: "report",
      entityId: null,
      summary: `Exported ${FORMAT_WORDS[input.format]} (${input.marking}) of ${input.rows.toLocaleString("en-GB")} ${input.rowNoun}: ${input.filters}`,
      after: { format: input.format, rows: input.rows, query: input.query, marking: input.marking },
    }),
  );
}

/** An export of one engagement, recorded in that engagement's own history. */
export async function recordEngagementExport({
  actor,
  engagement,
  format,
}: {
  actor: Actor;
  engagement: { id: number; title: string; marking: Marking };
  format: "docx" | "print";
}): Promise<void> {
  await writeTransaction((tx) =>
    recordAudit(tx, {
      actor,
      action: "export",
      entityType: "engagement",
      entityId: engagement.id,
      summary: `Exported engagement "${engagement.title}" as ${FORMAT_WORDS[format]} (${engagement.marking}), 1 engagement`,
      after: { format, rows: 1, marking: engagement.marking },
    }),
  );
}

/** The filters in one line, for the audit trail. */
export function filtersInOneLine(description: Partial<FilterDescription> & Omit<FilterDescription, "period" | "includes">): string {
  const parts: string[] = [];
  if (description.period) parts.push(description.period);
  if (description.organisations.length) parts.push(`organisations: ${description.organisations.join(", ")}`);
  if (description.organisationKinds.length) parts.push(`kinds of organisation: ${description.organisationKinds.join(", ")}`);
  if (description.themes.length) parts.push(`themes: ${description.themes.join(", ")}`);
  if (description.engagementKinds.length) parts.push(`engagement kinds: ${description.engagementKinds.join(", ")}`);
  if (description.includes)
    parts.push(description.includes.length ? `including ${description.includes.join(", ")}` : "without attendees, agenda or actions");
  return parts.join("; ") || "no filters";
}
