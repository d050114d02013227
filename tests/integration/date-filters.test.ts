// Every date filter takes any real date from 0001-01-01 to 9999-12-31 without a 500; a date that is not real
// gets a message by the filter, never a 500.
import { describe, expect, it } from "vitest";
import { loader as auditLoader } from "~/routes/admin.audit";
import { loader as coverageLoader } from "~/routes/coverage";
import { loader as coverageCsvLoader } from "~/routes/coverage[.]csv";
import { loader as engagementsLoader } from "~/routes/engagements._index";
import { loader as reportsLoader } from "~/routes/reports._index";
import { loader as reportsPrintLoader } from "~/routes/reports.print";
import { loader as reportsEngagementsCsvLoader } from "~/routes/reports.engagements[.]csv";
import { loader as reportsActionsCsvLoader } from "~/routes/reports.actions[.]csv";
import { loader as reportsCalendarLoader } from "~/routes/reports.calendar[.]ics";
import { loader as reportsSummaryLoader } from "~/routes/reports.summary[.]docx";
import { runLoader, signedInAs } from "../support/requests";

const ROUTES = [
  ["/admin/audit", auditLoader],
  ["/engagements", engagementsLoader],
  ["/coverage", coverageLoader],
  ["/coverage.csv", coverageCsvLoader],
  ["/reports", reportsLoader],
  ["/reports/print", reportsPrintLoader],
  ["/reports/engagements.csv", reportsEngagementsCsvLoader],
  ["/reports/actions.csv", reportsActionsCsvLoader],
  ["/reports/calendar.ics", reportsCalendarLoader],
  ["/reports/summary.docx", reportsSummaryLoader],
] as const;

const VALID = [
  "from=0001-01-01&to=9999-12-31",
  "to=9999-12-31",
  "from=9999-12-31",
  "from=0001-01-01",
  "from=9999-12-31&to=9999-12-31",
  "from-day=31&from-month=12&from-year=9999&to-day=31&to-month=12&to-year=9999",
  "from-day=1&from-month=1&from-year=1000&to-day=31&to-month=12&to-year=9999",
];
const INVALID = [
  "from=2026-02-30&to=2026-03-01",
  "from=2026-01-01&to=99999-01-01",
  "from=0000-01-01&to=2026-01-01",
  "from=2026-01-01&to=9999-13-01",
  "from-day=31&from-month=2&from-year=9999&to=9999-12-31",
  "from=2026-01-01&to=%00",
];
/** The pages that show the filters, where the message goes by the filter. */
const PAGES = new Set(["/admin/audit", "/engagements", "/coverage", "/reports"]);

describe("date filters", () => {
  it.each(ROUTES)("%s answers every real date from year 1 to 9999 without a 500", async (path, loader) => {
    const admin = await signedInAs("admin", "dates");
    for (const query of VALID) {
      const response = await runLoader(loader as never, `${path}?${query}`, { user: admin });
      expect(response.status, `${path}?${query}`).toBeLessThan(500);
    }
  });

  it.each(ROUTES)("%s answers a date that is not real with a message, not a 500", async (path, loader) => {
    const admin = await signedInAs("admin", "dates");
    for (const query of INVALID) {
      const response = await runLoader(loader as never, `${path}?${query}`, { user: admin });
      expect(response.status, `${path}?${query}`).toBeLessThan(500);
      if (PAGES.has(path)) expect(await response.text(), `${path}?${query}`).toMatch(/must be a real date/);
    }
  });
});
