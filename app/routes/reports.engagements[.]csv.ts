import type { LoaderFunctionArgs } from "@remix-run/node";
import { countReportEngagements } from "~/models/report/statistics.server";
import { reportEngagementsByDate } from "~/models/report/engagements.server";
import { engagementColumns } from "~/exports/report-csv.server";
import { appUrl, reportCsvResponse } from "~/routes/__report-request.server";

/** One row per engagement of the report, in date order. */
export async function loader({ request }: LoaderFunctionArgs) {
  return reportCsvResponse(request, "engagements", {
    count: countReportEngagements,
    columns: (filters) => engagementColumns(filters.include, appUrl(request)),
    batches: (filters) => reportEngagementsByDate({ filters }),
  });
}
