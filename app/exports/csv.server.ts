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

/**
 * A UTF-8 CSV with a byte-order mark (so Excel reads accents), CRLF rows, a header row and safe cells, as text
 * chunks: the header, then one chunk a batch of rows. Lazy: a batch is read and written only when the chunk
 * before it has been taken (toWebStream pulls one at a time), so nothing is read for a body nobody reads.
 */
export function* csvChunks<Row>(columns: CsvColumn<Row>[], batches: Iterable<Iterable<Row>>): Generator<string> {
  yield "\uFEFF" + stringify([columns.map((c) => safeCell(c.header))], { record_delimiter: "\r\n" });
  for (const batch of batches) {
    const records: (string | number)[][] = [];
    for (const row of batch) records.push(columns.map((c) => safeCell(c.value(row))));
    if (records.length) yield stringify(records, { record_delimiter: "\r\n" });
  }
}

/** The whole CSV at once, for a small export. */
export function toCsv<Row>(columns: CsvColumn<Row>[], rows: Iterable<Row>): string {
  return [...csvChunks(columns, [rows])].join("");
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
