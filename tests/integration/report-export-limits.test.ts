// A summary larger than its format allows (SUMMARY_EXPORT_LIMITS) is refused before anything is made, and the
// builder says why at the period; the spreadsheets have no limit; a summary within it is still made.
import { strFromU8, unzipSync } from "fflate";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { listAuditEvents } from "~/models/audit.server";
import { SUMMARY_EXPORT_LIMITS } from "~/domain/report-limits";
import { loader as engagementsCsvLoader } from "~/routes/reports.engagements[.]csv";
import { loader as builderLoader } from "~/routes/reports._index";
import { loader as printLoader } from "~/routes/reports.print";
import { loader as docxLoader } from "~/routes/reports.summary[.]docx";
import { db } from "~db/connection";
import { insertEngagement } from "../support/fixtures";
import { readJson, redirectedTo, runLoader, signedInAs, type TestUser } from "../support/requests";

/** `count` held meetings on one day, written in one statement (the fixtures' one-by-one inserts would take minutes). */
function insertManyEngagements(date: string, count: number): void {
  db().run(sql`
    with recursive n(i) as (select 1 union all select i + 1 from n where i < ${count})
    insert into engagements (title, kind, status, date) select 'Bulk meeting ' || i, 'meeting', 'held', ${date} from n`);
}

const OVER_WORD = "from=2030-01-01&to=2030-01-31"; // one more than a Word summary holds
const AT_PRINT_LIMIT = "from=2031-01-01&to=2031-01-31"; // exactly as many as a printable summary holds
const SMALL = "from=2032-01-01&to=2032-01-31"; // one engagement
let viewer: TestUser;

const exportEvents = () => listAuditEvents({ action: "export", limit: 1000 }).events.length;

beforeAll(async () => {
  viewer = await signedInAs("viewer", "limits");
  insertManyEngagements("2030-01-15", SUMMARY_EXPORT_LIMITS.docx + 1);
  insertManyEngagements("2031-01-15", SUMMARY_EXPORT_LIMITS.print);
  insertEngagement({ title: "A meeting small enough for any export", date: "2032-01-15" });
});

describe("a summary too large for its format", () => {
  it("the Word summary is refused before anything is made or audited: back to the builder, which says why at the period", async () => {
    const before = exportEvents();
    const response = await runLoader(docxLoader, `/reports/summary.docx?${OVER_WORD}`, { user: viewer });
    const location = redirectedTo(response);
    expect(location).toMatch(/^\/reports\?from=2030-01-01&to=2030-01-31&.*refused=docx$/);
    expect(response.headers.get("Content-Disposition")).toBeNull();
    expect(exportEvents()).toBe(before);

    const builder = await runLoader(builderLoader, location!, { user: viewer });
    expect(builder.status).toBe(200);
    const page = await readJson(builder);
    expect(page.failure.fieldErrors.from).toBe(
      "This report has 20,001 engagements, too many for one Word summary (at most 20,000). Choose a shorter period, " +
        "or download the engagements spreadsheet (CSV), which has no limit",
    );
    // The report itself is still shown, with its figures and the other downloads.
    expect(page.report.statistics.engagements).toBe(SUMMARY_EXPORT_LIMITS.docx + 1);
  });

  it("the printable summary is refused the same way, suggesting the Word summary when that would fit", async () => {
    const tooLongToPrint = "from=2031-01-01&to=2032-01-31"; // the print limit plus one
    const response = await runLoader(printLoader, `/reports/print?${tooLongToPrint}`, { user: viewer });
    const location = redirectedTo(response);
    expect(location).toMatch(/&refused=print$/);
    const page = await readJson(await runLoader(builderLoader, location!, { user: viewer }));
    expect(page.failure.fieldErrors.from).toBe(
      "This report has 2,001 engagements, too many for one printable summary (at most 2,000). Choose a shorter period, " +
        "or download the Word summary or the engagements spreadsheet (CSV)",
    );
  });

  it("a builder address saying a summary was refused shows no error when the report is within the limit", async () => {
    const page = await readJson(await runLoader(builderLoader, `/reports?${SMALL}&refused=docx`, { user: viewer }));
    expect(page.failure).toBeNull();
  });

  it("the engagements spreadsheet of the same period is not limited: it streams every row", async () => {
    const response = await runLoader(engagementsCsvLoader, `/reports/engagements.csv?${OVER_WORD}`, { user: viewer });
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text.trimEnd().split("\r\n")).toHaveLength(SUMMARY_EXPORT_LIMITS.docx + 2); // a header and every engagement
  });
});

describe("a summary within its limit", () => {
  it("the Word summary still downloads as a valid .docx holding the engagement", async () => {
    const response = await runLoader(docxLoader, `/reports/summary.docx?${SMALL}`, { user: viewer });
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Disposition")).toMatch(
      /^attachment; filename="OFFICIAL engagement summary 2032-01-01 to 2032-01-31\.docx"/,
    );
    const files = unzipSync(new Uint8Array(await response.arrayBuffer()));
    expect(Object.keys(files)).toEqual(expect.arrayContaining(["[Content_Types].xml", "word/document.xml", "word/styles.xml"]));
    expect(strFromU8(files["word/document.xml"])).toContain("A meeting small enough for any export");
  });

  it("a printable summary exactly at the limit is made", async () => {
    const response = await runLoader(printLoader, `/reports/print?${AT_PRINT_LIMIT}`, { user: viewer });
    expect(response.status).toBe(200);
    await response.body?.cancel();
  });
});
