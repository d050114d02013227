import { stringify } from "csv-stringify/sync";

/**
 * One CSV cell made safe to open in a spreadsheet. A cell that starts with = + - @ (or a tab or
 * carriage return) would be read as a formula ("CSV injection"); a leading apostrophe makes the
 * spreadsheet show it as text. Dates stay ISO (YYYY-MM-DD), numbers stay numbers, null is empty.
 */
export function safeCell(value: unknown): string | number {
  if (value == null) return "";
  if (typeof value === "number") return Number.isFinite(value) ? value : "";
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  const text = String(value);
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

export type CsvColumn<Row> = { header: string; value: (row: Row) => unknown };

/** A UTF-8 CSV text with a byte-order mark (so Excel reads accents), a header row and safe cells. */
export function toCsv<Row>(columns: CsvColumn<Row>[], rows: Iterable<Row>): string {
  const records: (string | number)[][] = [columns.map((c) => safeCell(c.header))];
  for (const row of rows) records.push(columns.map((c) => safeCell(c.value(row))));
  return "\uFEFF" + stringify(records, { record_delimiter: "\r\n" });
}

/** A file-name fragment safe in a Content-Disposition header. */
function csvFileName(stem: string): string {
  const cleaned = stem.replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^-+|-+$/g, "");
  return `${cleaned || "export"}.csv`;
}

/** A downloadable CSV response: attachment, never cached (the data is OFFICIAL-SENSITIVE). */
export function csvResponse(body: string, fileName: string): Response {
  return new Response(body, {
    status: 200,
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${csvFileName(fileName.replace(/\.csv$/i, ""))}"`,
      "Cache-Control": "no-store",
    },
  });
}
