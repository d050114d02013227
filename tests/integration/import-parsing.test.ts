// Reading uploaded spreadsheets: every date form, organisations by name, short name, alias and several in a cell,
// and every malformed file refused with a clear message and nothing written.
import { crc32, deflateRawSync } from "node:zlib";
import { count } from "drizzle-orm";
import { strToU8, Zip, zipSync, type ZipInputFile } from "fflate";
import * as XLSX from "@e965/xlsx";
import { describe, expect, it } from "vitest";
import { guessMapping, readAgenda, readAttendees, readDate, splitNames } from "~/domain/import";
import { createImportDraft, ImportFileError, previewImport, rememberOrganisationAlias } from "~/models/import/import.server";
import { readSpreadsheet } from "~/models/import/read-file.server";
import { db } from "~db/connection";
import { auditEvents, imports } from "~db/schema";
import { organisationId } from "../support/fixtures";
import { signedInAs } from "../support/requests";

function xlsx(rows: unknown[][], edit?: (sheet: XLSX.WorkSheet) => void): Uint8Array {
  const sheet = XLSX.utils.aoa_to_sheet(rows);
  edit?.(sheet);
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, sheet, "Engagements");
  return new Uint8Array(XLSX.write(book, { type: "array", bookType: "xlsx" }) as ArrayBuffer);
}
/**
 * A zip of small text parts and one part of `size` zero bytes, really deflated (it unpacks to its full size). Deflated by Node's
 * zlib, about a tenth of the CPU fflate's own deflate of 200 MB takes.
 */
function zipOfZeros(texts: Record<string, string>, filename: string, size: number): Uint8Array {
  const chunks: Uint8Array[] = [];
  const zip = new Zip((error, chunk) => {
    if (error) throw error;
    chunks.push(chunk);
  });
  for (const [name, text] of Object.entries(texts)) {
    const bytes = new TextEncoder().encode(text);
    const part: ZipInputFile = { filename: name, size: bytes.length, crc: crc32(bytes), compression: 0 };
    zip.add(part);
    part.ondata!(null, bytes, true);
  }
  const zeros = new Uint8Array(size);
  const part: ZipInputFile = { filename, size, crc: crc32(zeros), compression: 8 };
  zip.add(part);
  part.ondata!(null, deflateRawSync(zeros, { level: 9 }), true);
  zip.end();
  return Buffer.concat(chunks);
}

/** A minimal workbook written by hand, for what SheetJS's writer refuses to make (a cell over Excel's limit). */
function handMadeXlsx(cellXml: string): Uint8Array {
  return zipSync({
    "[Content_Types].xml": strToU8(
      '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
    ),
    "_rels/.rels": strToU8(
      '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    ),
    "xl/workbook.xml": strToU8(
      '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>',
    ),
    "xl/_rels/workbook.xml.rels": strToU8(
      '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    ),
    "xl/worksheets/sheet1.xml": strToU8(
      `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Title</t></is></c></row><row r="2">${cellXml}</row></sheetData></worksheet>`,
    ),
  });
}
const csv = (text: string) => new TextEncoder().encode(text);

async function officer() {
  const user = await signedInAs("officer");
  return { id: user.id, email: user.email, role: user.role };
}

function written() {
  return { imports: db().select({ n: count() }).from(imports).get()!.n, audit: db().select({ n: count() }).from(auditEvents).get()!.n };
}

describe("dates are read as people type them", () => {
  it.each([
    ["31/03/2024", "2024-03-31"],
    ["31/3/24", "2024-03-31"],
    ["31-03-2024", "2024-03-31"],
    ["31.03.2024", "2024-03-31"],
    ["31-Mar-24", "2024-03-31"],
    ["31 March 2024", "2024-03-31"],
    ["2024-03-31", "2024-03-31"],
    ["01/04/2024", "2024-04-01"], // ambiguous: read day first, as the UK writes it
  ])("%s is %s", (text, iso) => {
    expect(readDate(text)).toEqual({ ok: true, date: iso });
  });

  it("an Excel date number is its date", () => {
    expect(readDate(45382)).toEqual({ ok: true, date: "2024-03-31" });
  });

  it("a US date (month first) is a problem, never turned round silently", () => {
    const reading = readDate("03/31/2024");
    expect(reading.ok).toBe(false);
    expect(!reading.ok && reading.problem).toMatch(/US date.*31\/03\/2024/);
  });

  it("a date that does not exist or cannot be read is a problem", () => {
    expect(readDate("31/02/2024").ok).toBe(false);
    expect(readDate("next Tuesday").ok).toBe(false);
  });

  it("a date cell in a .xlsx arrives as its date number and reads as the date", async () => {
    const file = await readSpreadsheet(xlsx([["Date"], [new Date(Date.UTC(2024, 2, 31))]]), "d.xlsx");
    expect(readDate(file.rows[0].cells[0])).toEqual({ ok: true, date: "2024-03-31" });
  });
});

describe("organisations", () => {
  it("several in one cell, separated by semicolons, new lines or “and” (but not inside a name we know)", () => {
    const known = new Set(["nca", "europol", "border force", "interpol", "mayor's office for policing and crime"]);
    const isKnown = (name: string) => known.has(name.toLowerCase());
    expect(splitNames("NCA; Europol\nBorder Force and Interpol", isKnown)).toEqual(["NCA", "Europol", "Border Force", "Interpol"]);
    expect(splitNames("Mayor's Office for Policing and Crime", isKnown)).toEqual(["Mayor's Office for Policing and Crime"]);
  });

  it("are matched by name, short name and remembered alias, with suggestions for the unknown", async () => {
    const actor = await officer();
    const draft = await createImportDraft({
      bytes: csv("Date,Title,Organisations\n31/03/2024,Quarterly review,NCA; Metropolitan Police Service\n01/04/2024,Call,Met Police\n"),
      fileName: "orgs.csv",
      kind: "engagements",
      actor,
    });
    let plan = previewImport(draft);
    expect(plan.rows[0].outcome).toBe("create");
    expect(plan.rows[0].engagement!.organisationIds).toEqual([
      organisationId("national-crime-agency"),
      organisationId("metropolitan-police-service"),
    ]);
    expect(plan.rows[1].outcome).toBe("problem");
    expect(plan.rows[1].problems[0]).toMatchObject({
      cell: "C3",
      message: expect.stringMatching(/Met Police is not an organisation we know/),
    });
    expect(plan.unknownOrganisations[0].suggestions[0].name).toBe("Metropolitan Police Service");

    await rememberOrganisationAlias({ alias: "Met Police", organisationId: organisationId("metropolitan-police-service"), actor });
    plan = previewImport(draft);
    expect(plan.rows[1].outcome).toBe("create");
    expect(plan.rows[1].engagement!.organisationIds).toEqual([organisationId("metropolitan-police-service")]);
  });
});

describe("headers", () => {
  it("the tracker's own CSV headers map themselves", () => {
    const mapping = guessMapping("engagements", [
      "Date",
      "Start time",
      "End time",
      "Title",
      "Kind",
      "Status",
      "Organisations",
      "Lead officer",
      "Themes",
    ]);
    expect(mapping).toMatchObject({
      date: 0,
      startTime: 1,
      endTime: 2,
      title: 3,
      kind: 4,
      status: 5,
      organisations: 6,
      lead: 7,
      themes: 8,
    });
  });

  it("a title row merged across the columns is passed over and a blank line noted", async () => {
    const file = await readSpreadsheet(
      xlsx(
        [["Engagements 2024"], ["Date", "Title", "Organisations"], ["31/03/2024", "A", "NCA"], [], ["01/04/2024", "B", "NCA"]],
        (sheet) => {
          sheet["!merges"] = [{ s: { r: 0, c: 0 }, e: { r: 0, c: 2 } }];
        },
      ),
      "merged.xlsx",
    );
    expect(file.headers).toEqual(["Date", "Title", "Organisations"]);
    expect(file.rows.map((r) => r.line)).toEqual([3, 5]);
    expect(file.notes.join(" ")).toMatch(/Line 1 above the headers ignored.*Line 4 is blank/);
  });

  it("a Windows-1252 CSV from Excel keeps its accents, and a UTF-8 one its BOM-less text", async () => {
    const bytes = new Uint8Array([...csv("Name,Organisation\nJos"), 0xe9, ...csv(" Dupr"), 0xe9, ...csv(",Europol\n")]);
    expect((await readSpreadsheet(bytes, "c.csv")).rows[0].cells[0]).toBe("José Dupré");
    expect((await readSpreadsheet(csv("\uFEFFName,Organisation\nJosé,Europol\n"), "u.csv")).headers[0]).toBe("Name");
  });

  it("formulas are read as their saved values, never evaluated", async () => {
    const bytes = xlsx(
      [
        ["Title", "Count"],
        ["A", 2],
      ],
      (sheet) => {
        sheet["B2"] = { t: "n", v: 2, f: "1+1" };
        sheet["A2"] = { t: "s", v: "Saved value", f: 'CONCAT("Eval","uated")' };
      },
    );
    expect((await readSpreadsheet(bytes, "f.xlsx")).rows[0].cells).toEqual(["Saved value", 2]);
  });
});

describe("hostile files", () => {
  it("a BOM, CRLF line ends and semicolons: read as the columns they are", async () => {
    const file = await readSpreadsheet(csv("\uFEFFDate;Title;Organisations\r\n31/03/2024;A; NCA\r\n"), "semi.csv");
    expect(file.headers).toEqual(["Date", "Title", "Organisations"]);
    expect(file.rows[0].cells).toEqual(["31/03/2024", "A", " NCA"]);
  });

  it("a formula typed in a CSV cell is kept as text, never evaluated", async () => {
    const file = await readSpreadsheet(csv("Title,Organisations\n\"=cmd|' /C calc'!A0\",NCA\n"), "formula.csv");
    expect(file.rows[0].cells[0]).toBe("=cmd|' /C calc'!A0");
  });

  it("100,000 rows are refused with the limit in the message", async () => {
    await expect(readSpreadsheet(csv("Title\n" + "r\n".repeat(100_000)), "huge.csv")).rejects.toThrow(/more than 10,000 rows: split it/);
  });
});

describe("attendees and agenda as the engagements CSV writes them", () => {
  it("an attendee a line: name, the bracket's role and organisation (brackets inside kept), and the side", () => {
    expect(
      readAttendees("Jane Doe (Head (Interim), NCA): Stakeholder\r\nPat Officer: The office\nSam (interim) (Adviser): Other\nNo Side"),
    ).toEqual([
      { name: "Jane Doe", detail: "Head (Interim), NCA", side: "stakeholder" },
      { name: "Pat Officer", detail: null, side: "office" },
      { name: "Sam (interim)", detail: "Adviser", side: "other" },
      { name: "No Side", detail: null, side: "stakeholder" },
    ]);
  });

  it("a numbered line starts an agenda item, its outcome after the first colon; other lines continue it", () => {
    expect(readAgenda("1. Welcome\n2. Data: who holds it: agreed\nwithin a month\n3. AOB")).toEqual([
      { title: "Welcome", outcome: null },
      { title: "Data", outcome: "who holds it: agreed\nwithin a month" },
      { title: "AOB", outcome: null },
    ]);
    expect(readAgenda("Welcome\nClose")).toEqual([
      { title: "Welcome", outcome: null },
      { title: "Close", outcome: null },
    ]);
  });
});

describe("a malformed file gets a clear message and writes nothing", () => {
  const cases: [string, () => Uint8Array, string, RegExp][] = [
    ["an empty file", () => new Uint8Array(), "empty.csv", /empty/],
    ["a header row only", () => csv("Date,Title,Organisations\n"), "h.csv", /header row but no rows/],
    ["not a spreadsheet", () => new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]), "picture.csv", /not a spreadsheet/],
    ["a PDF named .xlsx", () => csv("%PDF-1.7 ..."), "report.xlsx", /not a spreadsheet/],
    ["a zip that is not a workbook", () => zipSync({ "word/document.xml": strToU8("<w/>") }), "doc.xlsx", /not an Excel workbook/],
    [
      "a password-protected workbook (an encrypted OLE file)",
      () => {
        const name = Array.from("EncryptedPackage").flatMap((ch) => [ch.charCodeAt(0), 0]);
        return new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(504).fill(0), ...name]);
      },
      "secret.xlsx",
      /password-protected/,
    ],
    [
      "a zip bomb (a part that unpacks to 200 MB)",
      () => zipOfZeros({ "xl/workbook.xml": "<workbook/>" }, "xl/worksheets/sheet1.xml", 200 * 1024 * 1024),
      "bomb.xlsx",
      /unpacks to more than 100 MB/,
    ],
    ["1 MB in one cell", () => csv(`Title,Organisations\n"${"x".repeat(1024 * 1024)}",NCA\n`), "big.csv", /more than 32,767 characters/],
    [
      "1 MB in one .xlsx cell",
      () => handMadeXlsx(`<c r="A2" t="inlineStr"><is><t>${"x".repeat(1024 * 1024)}</t></is></c>`),
      "big.xlsx",
      /more than 32,767 characters/,
    ],
    ["more than 10,000 rows", () => csv("Title\n" + "row\n".repeat(10_001)), "many.csv", /more than 10,000 rows/],
  ];

  it.each(cases)("%s", async (_what, bytes, fileName, message) => {
    const actor = await officer();
    const before = written();
    const error = await createImportDraft({ bytes: bytes(), fileName, kind: "engagements", actor }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportFileError);
    expect((error as Error).message).toMatch(message);
    expect(written()).toEqual(before);
  });
});
