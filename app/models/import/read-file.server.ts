// Read an uploaded .xlsx or .csv into a header row and data rows, refusing what is not a spreadsheet we can read
// safely: an empty file, an encrypted or old binary Excel file, a zip bomb, a cell of a megabyte, too many rows.
// Formulas are never evaluated: a .xlsx is read for the values Excel saved with it (cellFormula false, `v`).
import { parse as parseCsv } from "csv-parse/sync";
import { unzipSync } from "fflate";
import type * as Xlsx from "@e965/xlsx";
import { IMPORT_FILE_TOO_LARGE, IMPORT_LIMITS, cellReference } from "~/domain/import";

export type Cell = string | number;
export type SourceRow = { line: number; cells: Cell[] };
export type ReadFile = { headers: string[]; rows: SourceRow[]; notes: string[] };

/** The file cannot be imported; the message says why, in words for the person who chose it. */
export class ImportFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ImportFileError";
  }
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

export async function readSpreadsheet(bytes: Uint8Array, fileName: string): Promise<ReadFile> {
  if (bytes.length === 0) throw new ImportFileError("The file is empty");
  if (bytes.length > IMPORT_LIMITS.bytes) throw new ImportFileError(IMPORT_FILE_TOO_LARGE);
  let table: Cell[][];
  if (startsWith(bytes, OLE)) {
    const text = new TextDecoder("latin1").decode(bytes.subarray(0, Math.min(bytes.length, 1 << 20)));
    // An encrypted .xlsx is an OLE file holding an EncryptedPackage stream (names are UTF-16 in the directory).
    if (text.includes("E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e"))
      throw new ImportFileError(
        "The file is password-protected: remove the password in Excel (File, Info, Protect Workbook) and upload it again",
      );
    throw new ImportFileError("The file is an old Excel 97–2003 workbook (.xls): save it as .xlsx or CSV and upload it again");
  } else if (startsWith(bytes, ZIP)) {
    // The spreadsheet library is large and only an import of a workbook needs it: it loads on first use.
    table = readXlsx(bytes, await import("@e965/xlsx"));
  } else {
    if (/\.(xlsx|xlsm|xls|ods|docx|pdf)$/i.test(fileName))
      throw new ImportFileError("The file is not a spreadsheet we can read: it is not a real .xlsx");
    table = readCsv(bytes);
  }
  return toRows(table);
}

function readXlsx(bytes: Uint8Array, XLSX: typeof Xlsx): Cell[][] {
  // The zip's own directory says how big each part unpacks to: add them up before unpacking anything.
  let unpacked = 0;
  let sawWorkbook = false;
  try {
    unzipSync(bytes, {
      filter(file) {
        unpacked += file.originalSize;
        if (file.name === "xl/workbook.xml" || file.name === "xl/workbook.bin") sawWorkbook = true;
        return false;
      },
    });
  } catch {
    throw new ImportFileError("The file is not a spreadsheet we can read: it is a damaged zip file");
  }
  if (unpacked > IMPORT_LIMITS.unpackedBytes)
    throw new ImportFileError("The file unpacks to more than 100 MB, far more than a spreadsheet of 10,000 rows needs: it was not read");
  if (!sawWorkbook) throw new ImportFileError("The file is not a spreadsheet we can read: it is a zip file but not an Excel workbook");
  let workbook: Xlsx.WorkBook;
  try {
    workbook = XLSX.read(bytes, {
      type: "array",
      cellFormula: false,
      cellHTML: false,
      cellDates: false,
      sheetRows: IMPORT_LIMITS.rows + 50,
    });
  } catch {
    throw new ImportFileError("The file is not a spreadsheet we can read: Excel could open it, but we cannot");
  }
  const sheet = workbook.Sheets[workbook.SheetNames[0]];
  if (!sheet) throw new ImportFileError("The file has no sheets");
  const ref = sheet["!ref"] ? XLSX.utils.decode_range(sheet["!ref"]) : null;
  if (ref && ref.e.r + 1 > IMPORT_LIMITS.rows + 49) throw new ImportFileError(tooManyRows());
  const rows = XLSX.utils.sheet_to_json<Cell[]>(sheet, { header: 1, raw: true, defval: "", blankrows: true });
  return rows.map((row) => row.map((v) => (typeof v === "boolean" ? (v ? "Yes" : "No") : v == null ? "" : (v as Cell))));
}

function decodeText(bytes: Uint8Array): string {
  if (bytes.includes(0)) throw new ImportFileError("The file is not a spreadsheet we can read: choose a .xlsx or .csv file");
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    // Excel's "CSV (Comma delimited)" on Windows writes Windows-1252, not UTF-8.
    return new TextDecoder("windows-1252").decode(bytes);
  }
}

function readCsv(bytes: Uint8Array): Cell[][] {
  const text = decodeText(bytes).replace(/^\uFEFF/, "");
  if (!text.trim()) throw new ImportFileError("The file is empty");
  const firstLine = text.slice(0, text.indexOf("\n") >>> 0);
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ";" : ",";
  try {
    return parseCsv(text, {
      delimiter,
      relax_column_count: true,
      skip_empty_lines: false,
      max_record_size: IMPORT_LIMITS.cellCharacters * 4,
      to_line: IMPORT_LIMITS.rows + 50,
    }) as string[][];
  } catch (error) {
    const message = error instanceof Error ? error.message : "";
    if ((error as { code?: string }).code === "CSV_MAX_RECORD_SIZE") throw new ImportFileError(tooBigCell());
    throw new ImportFileError(`The file is not a CSV we can read (${message.split(":")[0] || "unreadable"})`);
  }
}

function tooManyRows(): string {
  return `The file has more than ${IMPORT_LIMITS.rows.toLocaleString("en-GB")} rows: split it into smaller files`;
}
function tooBigCell(where = ""): string {
  return `A cell${where} holds more than ${IMPORT_LIMITS.cellCharacters.toLocaleString("en-GB")} characters, more than Excel allows in a cell: it was not read`;
}

function isBlank(row: Cell[]): boolean {
  return row.every((c) => String(c).trim() === "");
}

/**
 * The header row is the first row of the first ten that is at least half as wide as the widest: a title above
 * it (often merged across the columns) is passed over. Blank rows below it are left out, with a note. The
 * tracker's CSVs neutralise formula-like text with a leading apostrophe; it is taken off again.
 */
function toRows(table: Cell[][]): ReadFile {
  const notes: string[] = [];
  table.forEach((row, r) =>
    row.forEach((cell, c) => {
      if (typeof cell === "string" && cell.length > IMPORT_LIMITS.cellCharacters)
        throw new ImportFileError(tooBigCell(` (${cellReference(c, r + 1)})`));
    }),
  );
  const filled = (row: Cell[]) => row.filter((c) => String(c).trim() !== "").length;
  const widest = Math.max(0, ...table.slice(0, 10).map(filled));
  if (widest === 0) throw new ImportFileError("The file is empty");
  const headerIndex = table.findIndex((row, i) => i < 10 && filled(row) >= Math.max(1, Math.ceil(widest / 2)));
  if (headerIndex > 0) notes.push(`Line${headerIndex > 1 ? "s 1 to " + headerIndex : " 1"} above the headers ignored (a title)`);
  const headerRow = table[headerIndex];
  if (headerRow.length > IMPORT_LIMITS.columns) throw new ImportFileError(`The file has more than ${IMPORT_LIMITS.columns} columns`);
  const width = Math.max(...table.slice(headerIndex).map((r) => r.length));
  const headers = Array.from({ length: Math.min(width, IMPORT_LIMITS.columns) }, (_, c) => {
    const text = String(headerRow[c] ?? "").trim();
    return text;
  });
  headers.forEach((h, c) => {
    if (!h && table.slice(headerIndex + 1).some((row) => String(row[c] ?? "").trim() !== ""))
      notes.push(
        `Column ${cellReference(c, headerIndex + 1).replace(/\d+$/, "")} has no header (a merged header cell?): map it below if it holds a field`,
      );
  });
  const rows: SourceRow[] = [];
  for (let r = headerIndex + 1; r < table.length; r++) {
    const row = table[r];
    if (isBlank(row)) {
      if (table.slice(r + 1).some((later) => !isBlank(later))) notes.push(`Line ${r + 1} is blank: left out`);
      continue;
    }
    rows.push({ line: r + 1, cells: headers.map((_, c) => unneutralise(row[c] ?? "")) });
  }
  if (rows.length > IMPORT_LIMITS.rows) throw new ImportFileError(tooManyRows());
  if (rows.length === 0) throw new ImportFileError("The file has a header row but no rows below it");
  return { headers: headers.map((h, c) => h || `Column ${cellReference(c, 1).replace(/\d+$/, "")}`), rows, notes };
}

function unneutralise(cell: Cell): Cell {
  return typeof cell === "string" && /^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell;
}
