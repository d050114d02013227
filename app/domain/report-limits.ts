// How large an engagement summary may be. Beyond these the Word document takes more than a minute to make
// and the printable page is too long for a browser to lay out; the CSV exports stream and have no limit.
// Measured in docs/decisions/0018-benchmark-and-export-limits.md.

export const SUMMARY_EXPORT_LIMITS = { docx: 20_000, print: 2_000 } as const;

export type SummaryExportFormat = keyof typeof SUMMARY_EXPORT_LIMITS;

export const SUMMARY_EXPORT_NAMES: Record<SummaryExportFormat, string> = {
  docx: "Word summary",
  print: "printable summary",
};

export function isSummaryExportFormat(value: string | null): value is SummaryExportFormat {
  return value === "docx" || value === "print";
}

export function summaryExportAllowed(format: SummaryExportFormat, engagements: number): boolean {
  return engagements <= SUMMARY_EXPORT_LIMITS[format];
}

/** What a refused summary says, with what to do instead. */
export function summaryTooLargeMessage(format: SummaryExportFormat, engagements: number): string {
  const n = (x: number) => x.toLocaleString("en-GB");
  const instead =
    format === "print" && summaryExportAllowed("docx", engagements)
      ? "the Word summary or the engagements spreadsheet (CSV)"
      : "the engagements spreadsheet (CSV), which has no limit";
  return (
    `This report has ${n(engagements)} engagements, too many for one ${SUMMARY_EXPORT_NAMES[format]} ` +
    `(at most ${n(SUMMARY_EXPORT_LIMITS[format])}). Choose a shorter period, or download ${instead}`
  );
}
